package uk.co.omniops.conversation;

/** No such conversation for this customer (also when it belongs to another customer: no existence leak). */
public class ConversationNotFound extends RuntimeException {

    public ConversationNotFound(ConversationId id) {
        super("conversation " + id + " not found");
    }
}
