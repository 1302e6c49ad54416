package uk.co.omniops.insight.ui;

import java.time.LocalDate;
import uk.co.omniops.insight.InsightPeriod;

/** The insights report's period presets; "last N days" ends today (inclusive, UTC). */
enum Preset {
    LAST_7_DAYS("Last 7 days", 7),
    LAST_30_DAYS("Last 30 days", 30),
    LAST_90_DAYS("Last 90 days", 90),
    CUSTOM("Custom…", 0);

    private final String label;
    private final int days;

    Preset(String label, int days) {
        this.label = label;
        this.days = days;
    }

    String label() {
        return label;
    }

    InsightPeriod period(LocalDate today) {
        return InsightPeriod.lastDays(days, today);
    }
}
