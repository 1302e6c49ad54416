package uk.co.omniops.conversation;

/** Input that is not stored, with a message fit to show the sender (e.g. "text is longer than 10,000 characters"). */
public class MessageRejected extends IllegalArgumentException {

    public MessageRejected(String message) {
        super(message);
    }
}
