package uk.co.omniops.insight.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.insight.InsightReport.EscalationCause;
import uk.co.omniops.insight.InsightReport.Topic;

/**
 * The JSON document of one extraction, stored in {@code conversation_insights.data} (kind {@code report}) and served
 * as is by {@code GET /api/v1/insights}. Durations in seconds, shares 0–1 rounded to 4 places, null where nothing was
 * measured (never NaN).
 */
record InsightJson(
        PeriodJson period,
        PeriodJson previousPeriod,
        TotalsJson totals,
        TotalsJson previousTotals,
        List<CategoryJson> categories,
        List<EscalationCause> escalationCauses,
        List<Topic> topics,
        List<String> highlights,
        Instant extractedAt,
        boolean onDemand) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record PeriodJson(Instant from, Instant to) {
        static PeriodJson of(InsightPeriod p) {
            return new PeriodJson(p.from(), p.to());
        }
    }

    record TotalsJson(
            long conversations,
            long messages,
            long customerMessages,
            long resolved,
            @Nullable Long averageFirstResponseSeconds,
            @Nullable Long averageResolutionSeconds,
            @Nullable Double averageSentiment,
            double negativeShare,
            long escalations,
            double escalationRate,
            @Nullable Double suggestionAcceptance) {

        static TotalsJson of(InsightReport.Totals t) {
            return new TotalsJson(
                    t.conversations(),
                    t.messages(),
                    t.customerMessages(),
                    t.resolved(),
                    seconds(t.averageFirstResponse()),
                    seconds(t.averageResolution()),
                    round(t.averageSentiment()),
                    round(t.negativeShare()),
                    t.escalations(),
                    round(t.escalationRate()),
                    round(t.suggestionAcceptance()));
        }
    }

    record CategoryJson(
            String category,
            String displayName,
            long conversations,
            double share,
            long previousConversations,
            double previousShare) {}

    static InsightJson of(InsightReport r, Instant extractedAt, boolean onDemand) {
        return new InsightJson(
                PeriodJson.of(r.period()),
                PeriodJson.of(r.period().previous()),
                TotalsJson.of(r.current()),
                TotalsJson.of(r.previous()),
                r.categories().stream()
                        .map(c -> new CategoryJson(
                                c.category(),
                                c.displayName(),
                                c.conversations(),
                                round(c.share()),
                                c.previousConversations(),
                                round(c.previousShare())))
                        .toList(),
                r.escalationCauses(),
                r.topics(),
                r.highlights(),
                extractedAt,
                onDemand);
    }

    String write() {
        return JSON.writeValueAsString(this);
    }

    static InsightJson read(String json) {
        return JSON.readValue(json, InsightJson.class);
    }

    private static @Nullable Long seconds(@Nullable Duration d) {
        return d == null ? null : Math.round(d.toMillis() / 1000.0);
    }

    private static @Nullable Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 10_000) / 10_000.0;
    }
}
