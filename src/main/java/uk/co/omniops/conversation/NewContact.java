package uk.co.omniops.conversation;

import org.jspecify.annotations.Nullable;

/**
 * Who starts a conversation. A verified one (from the customer's systems or staff) reuses the verified contact with
 * the same e-mail; an unverified one (a public-chat visitor) always becomes a new contact of its own.
 */
public record NewContact(
        String name, @Nullable String email, @Nullable String phone, boolean verified) {

    /** A contact vouched for by the customer's systems (API key) or staff. */
    public NewContact(String name, @Nullable String email, @Nullable String phone) {
        this(name, email, phone, true);
    }

    /** A public-chat visitor: name and e-mail as typed, unchecked. */
    public static NewContact unverified(String name, @Nullable String email) {
        return new NewContact(name, email, null, false);
    }
}
