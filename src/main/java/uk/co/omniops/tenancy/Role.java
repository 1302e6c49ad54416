package uk.co.omniops.tenancy;

/** What a user may do. Everyone but {@link #ADMIN} belongs to exactly one customer. */
public enum Role {
    AGENT("Agent"),
    SUPERVISOR("Supervisor"),
    EXECUTIVE("Executive"),
    ADMIN("Platform admin");

    private final String displayName;

    Role(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The Spring Security authority, e.g. {@code ROLE_AGENT}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
