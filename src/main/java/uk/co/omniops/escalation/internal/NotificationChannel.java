package uk.co.omniops.escalation.internal;

/** Where escalation alerts go. Stored lower-case in {@code escalation_notifications.channel}. */
enum NotificationChannel {
    SLACK("Slack"),
    EMAIL("E-mail"),
    PAGERDUTY("PagerDuty");

    private final String label;

    NotificationChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String dbValue() {
        return name().toLowerCase();
    }

    public static NotificationChannel fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
