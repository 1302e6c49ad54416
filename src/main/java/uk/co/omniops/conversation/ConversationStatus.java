package uk.co.omniops.conversation;

/** Stored lower-case ({@code open}, {@code pending}, {@code resolved}). */
public enum ConversationStatus {
    OPEN,
    PENDING,
    RESOLVED;

    public String dbValue() {
        return name().toLowerCase();
    }

    public static ConversationStatus fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
