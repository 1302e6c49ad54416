package uk.co.omniops.conversation;

import java.util.UUID;

/** Identifies one conversation. */
public record ConversationId(UUID value) {

    public static ConversationId random() {
        return new ConversationId(UUID.randomUUID());
    }

    public static ConversationId of(String uuid) {
        return new ConversationId(UUID.fromString(uuid));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
