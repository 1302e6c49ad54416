package uk.co.omniops.escalation;

/** open → acknowledged → resolved. Stored lower-case. */
public enum EscalationStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED;

    public String dbValue() {
        return name().toLowerCase();
    }

    public static EscalationStatus fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
