package uk.co.omniops.escalation.internal;

/** What happens when a rule opens an escalation. Stored lower-case in {@code escalation_rules.actions}. */
public enum RuleAction {
    /** The conversation's priority becomes urgent (critical/high) or high (medium/low); never lowered. */
    RAISE_PRIORITY("Raise priority"),
    /** The escalation is listed in the supervisors' queue (without it, it is recorded and shown in the conversation). */
    SUPERVISOR_QUEUE("Move to supervisor queue"),
    /** The conversation is assigned to a supervisor of the customer (unless a supervisor already has it). */
    ASSIGN_SUPERVISOR("Assign to a supervisor"),
    /** Slack, e-mail and (critical only) PagerDuty, as configured. */
    NOTIFY("Notify channels");

    private final String label;

    RuleAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String dbValue() {
        return name().toLowerCase();
    }

    public static RuleAction fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
