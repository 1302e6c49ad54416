package uk.co.omniops.rollout;

import java.util.Optional;

/** The product's feature flags (DESIGN.md §6); {@link #key()} is the flag key in LaunchDarkly and the flag store. */
public enum Feature {
    SENTIMENT_ANALYSIS("sentiment-analysis", null),
    RESPONSE_SUGGESTIONS("response-suggestions", SENTIMENT_ANALYSIS),
    AUTO_CATEGORIZATION("auto-categorization", null),
    PREDICTIVE_ANALYTICS("predictive-analytics", null),
    AUTO_ESCALATION("auto-escalation", SENTIMENT_ANALYSIS),
    CONVERSATION_INSIGHTS("conversation-insights", null);

    private final String key;
    private final @org.jspecify.annotations.Nullable Feature prerequisite;

    Feature(String key, @org.jspecify.annotations.Nullable Feature prerequisite) {
        this.key = key;
        this.prerequisite = prerequisite;
    }

    public String key() {
        return key;
    }

    /** The flag that must be on for this one to be on, if any. */
    public Optional<Feature> prerequisite() {
        return Optional.ofNullable(prerequisite);
    }

    public static Optional<Feature> byKey(String key) {
        for (var f : values()) {
            if (f.key.equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
