package uk.co.omniops.escalation;

/** How urgent an escalation is; declared from least to most severe. Stored lower-case. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public String dbValue() {
        return name().toLowerCase();
    }

    public static Severity fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
