package uk.co.omniops.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Everything the executive report shows for one customer and period, next to the previous period of equal length.
 * Built from precomputed aggregates (never by scanning every message) plus the latest extracted topics.
 *
 * @param series one point per bucket (hours for periods up to 2 days, else days), oldest first, gaps filled with 0
 * @param extractedAt when the topics and highlights were extracted (null before the first extraction)
 */
public record InsightReport(
        CustomerId customer,
        InsightPeriod period,
        Totals current,
        Totals previous,
        List<SeriesPoint> series,
        List<CategoryShare> categories,
        List<EscalationCause> escalationCauses,
        List<Topic> topics,
        List<String> highlights,
        @Nullable Instant extractedAt) {

    public InsightReport {
        series = List.copyOf(series);
        categories = List.copyOf(categories);
        escalationCauses = List.copyOf(escalationCauses);
        topics = List.copyOf(topics);
        highlights = List.copyOf(highlights);
    }

    /**
     * Period totals. Durations are null when nothing was measured; rates are 0–1.
     *
     * @param averageSentiment 0 negative … 1 positive, NaN without analysed messages
     * @param suggestionAcceptance accepted (used as-is or edited) / shown, NaN when none were shown
     */
    public record Totals(
            long conversations,
            long messages,
            long customerMessages,
            long resolved,
            @Nullable Duration averageFirstResponse,
            @Nullable Duration averageResolution,
            double averageSentiment,
            double negativeShare,
            long escalations,
            double escalationRate,
            double suggestionAcceptance) {}

    /** @param averageSentiment NaN when the bucket has no analysed message */
    public record SeriesPoint(
            Instant start,
            long conversations,
            long messages,
            double averageSentiment,
            long negativeMessages,
            long escalations) {}

    /** @param share of categorised conversations in the period (0–1); {@code previousShare} likewise */
    public record CategoryShare(
            String category,
            String displayName,
            long conversations,
            double share,
            long previousConversations,
            double previousShare) {}

    /** @param cause the escalation rule's name (or trigger) that raised it */
    public record EscalationCause(String cause, long count, long previousCount) {}

    /**
     * A phrase customers used in the period.
     *
     * @param growth {@code (count + 1) / (previousCount + 1)}
     * @param emerging grew markedly against the previous period (an emerging issue)
     * @param examples up to three example customer messages
     */
    public record Topic(
            String phrase, long count, long previousCount, double growth, boolean emerging, List<Example> examples) {

        public Topic {
            examples = List.copyOf(examples);
        }
    }

    public record Example(UUID conversationId, UUID messageId, String text, Instant at) {}
}
