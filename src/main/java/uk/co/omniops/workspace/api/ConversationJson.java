package uk.co.omniops.workspace.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessageAnalysis;
import uk.co.omniops.conversation.Contact;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.escalation.CurrentEscalation;
import uk.co.omniops.prediction.Prediction;
import uk.co.omniops.suggestion.Suggestion;

/**
 * {@code GET /api/v1/conversations/{id}}: the same fields as the ingestion API's conversation (conversation
 * module), with {@code analysis} per message, {@code escalation} and {@code suggestions} filled in. Kept apart
 * from the domain records so that the public shape changes only on purpose.
 */
record ConversationJson(
        UUID id,
        String subject,
        String status,
        String priority,
        String channel,
        @Nullable AssigneeJson assignee,
        int messageCount,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant firstResponseAt,
        @Nullable Instant lastCustomerMessageAt,
        @Nullable Instant lastAgentMessageAt,
        @Nullable Instant resolvedAt,
        ContactJson contact,
        List<MessageJson> messages,
        @Nullable CurrentEscalation escalation,
        List<SuggestionJson> suggestions,
        @Nullable PredictionJson prediction) {

    /** {@code prediction}: null when predictive analytics is off or nothing was predicted yet. */
    record PredictionJson(
            double escalationRisk,
            double expectedCsat,
            int expectedResolutionMinutes,
            List<String> factors,
            String model) {

        static PredictionJson of(Prediction p) {
            return new PredictionJson(
                    p.escalationRisk(), p.expectedCsat(), p.expectedResolutionMinutes(), p.factors(), p.model());
        }
    }

    record AssigneeJson(UUID id, @Nullable String name) {}

    record ContactJson(
            UUID id,
            String name,
            @Nullable String email,
            @Nullable String phone) {

        static ContactJson of(Contact c) {
            return new ContactJson(c.id().value(), c.name(), c.email(), c.phone());
        }
    }

    /** {@code analysis}: null until analysed (and for agents' messages). */
    record MessageJson(
            UUID id,
            UUID conversationId,
            String author,
            @Nullable String authorName,
            String text,
            Instant createdAt,
            @Nullable AnalysisJson analysis) {

        static MessageJson of(Message m, @Nullable AnalysisJson analysis) {
            return new MessageJson(
                    m.id().value(),
                    m.conversationId().value(),
                    m.authorType().dbValue(),
                    m.authorName(),
                    m.text(),
                    m.createdAt(),
                    analysis);
        }
    }

    /**
     * {@code {"sentiment": {...}, "categories": [...]}}; a feature that is off for the customer is left out
     * (the key is absent), so a disabled feature leaves no trace.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AnalysisJson(
            @Nullable SentimentJson sentiment, @Nullable List<CategoryJson> categories) {

        static @Nullable AnalysisJson of(@Nullable MessageAnalysis a, boolean sentimentOn, boolean categoriesOn) {
            if (a == null || (!sentimentOn && !categoriesOn)) {
                return null;
            }
            var sentiment = sentimentOn && a.sentiment() != null ? SentimentJson.of(a.sentiment()) : null;
            var categories =
                    categoriesOn ? a.categories().stream().map(CategoryJson::of).toList() : null;
            if (sentiment == null && (categories == null || categories.isEmpty())) {
                return null;
            }
            return new AnalysisJson(sentiment, categories);
        }
    }

    /** score 0 (negative) … 1 (positive), rounded to 2 decimals like confidence. */
    record SentimentJson(double score, String label, double confidence, String model) {

        static SentimentJson of(MessageAnalysed.Sentiment s) {
            return new SentimentJson(round(s.score()), s.label(), round(s.confidence()), s.model());
        }
    }

    record CategoryJson(String key, double confidence) {

        static CategoryJson of(MessageAnalysed.Category c) {
            return new CategoryJson(c.key(), round(c.confidence()));
        }
    }

    record SuggestionJson(
            String id,
            String source,
            String sourceTitle,
            String text,
            double score,
            String reason,
            int rank,
            String status) {

        static SuggestionJson of(Suggestion s) {
            return new SuggestionJson(
                    s.id().toString(),
                    s.source(),
                    s.sourceTitle(),
                    s.text(),
                    s.score(),
                    s.reason(),
                    s.rank(),
                    s.status());
        }
    }

    static ConversationJson of(
            ConversationDetails d,
            java.util.function.Function<Message, @Nullable AnalysisJson> analysis,
            @Nullable CurrentEscalation escalation,
            List<SuggestionJson> suggestions,
            @Nullable PredictionJson prediction) {
        var c = d.conversation();
        return new ConversationJson(
                c.id().value(),
                c.subject(),
                c.status().dbValue(),
                c.priority().dbValue(),
                c.channel(),
                c.assigneeId() == null ? null : new AssigneeJson(c.assigneeId(), c.assigneeName()),
                c.messageCount(),
                c.createdAt(),
                c.updatedAt(),
                c.firstResponseAt(),
                c.lastCustomerMessageAt(),
                c.lastAgentMessageAt(),
                c.resolvedAt(),
                ContactJson.of(d.contact()),
                d.messages().stream()
                        .filter(m -> !m.internal())
                        .map(m -> MessageJson.of(m, analysis.apply(m)))
                        .toList(),
                escalation,
                suggestions,
                prediction);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
