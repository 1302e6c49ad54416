package uk.co.omniops.conversation;

import java.util.UUID;

/** Identifies one contact. */
public record ContactId(UUID value) {

    public static ContactId random() {
        return new ContactId(UUID.randomUUID());
    }

    public static ContactId of(String uuid) {
        return new ContactId(UUID.fromString(uuid));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
