package uk.co.omniops.conversation;

import java.util.UUID;

/** Identifies one message. */
public record MessageId(UUID value) {

    public static MessageId random() {
        return new MessageId(UUID.randomUUID());
    }

    public static MessageId of(String uuid) {
        return new MessageId(UUID.fromString(uuid));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
