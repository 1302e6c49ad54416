package uk.co.omniops.conversation;

/** Who wrote a message. Stored lower-case. */
public enum AuthorType {
    CONTACT,
    AGENT,
    SYSTEM;

    public String dbValue() {
        return name().toLowerCase();
    }

    public static AuthorType fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
