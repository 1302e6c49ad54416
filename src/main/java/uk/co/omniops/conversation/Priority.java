package uk.co.omniops.conversation;

/** Stored lower-case; ordered from least to most urgent. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    public String dbValue() {
        return name().toLowerCase();
    }

    public static Priority fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
