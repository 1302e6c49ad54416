package uk.co.omniops.prediction.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.prediction.Prediction;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The history replay's writes ({@link HistoryReplay}): a customer's past conversations, signals and predictions in
 * bulk, beside the live writes of {@link PredictionStore} to the same tables.
 */
@Repository
class ReplayStore {

    private final JdbcClient jdbc;

    ReplayStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A read-model row of a replayed conversation, written in bulk. */
    record ConversationRow(
            UUID conversationId,
            Instant startedAt,
            double @Nullable [] features,
            @Nullable Double riskBeforeLabel,
            @Nullable Instant escalatedAt,
            @Nullable Instant resolvedAt,
            @Nullable Double resolutionMinutes,
            @Nullable Double csat) {}

    /** A replayed prediction, made after {@code messageId} was analysed. */
    record PredictionRow(UUID conversationId, UUID messageId, Prediction prediction) {}

    /**
     * Writes a replay in three statements ({@code unnest} of arrays, not one statement per row: thousands of rows
     * at start-up). Rows that exist already are left alone, so a second replay writes nothing.
     */
    void insert(
            CustomerId customer,
            List<ConversationRow> conversations,
            List<PredictionStore.SignalRow> signals,
            List<PredictionRow> predictions) {
        insertConversations(customer, conversations);
        insertSignals(customer, signals);
        insertPredictions(customer, predictions);
    }

    private void insertConversations(CustomerId customer, List<ConversationRow> conversations) {
        jdbc.sql("""
                insert into prediction_conversations (conversation_id, customer_id, started_at, features,
                       risk_before_label, escalated_at, resolved_at, resolution_minutes, csat_proxy)
                select id::uuid, ?, started::timestamptz, features::float8[], risk, escalated::timestamptz,
                       resolved::timestamptz, minutes, csat
                  from unnest(?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::text[], ?::float8[],
                              ?::float8[]) as r(id, started, features, risk, escalated, resolved, minutes, csat)
                on conflict (conversation_id) do nothing""")
                .params(
                        customer.value(),
                        texts(conversations, r -> r.conversationId()),
                        texts(conversations, r -> r.startedAt()),
                        texts(
                                conversations,
                                r -> r.features() == null ? null : PredictionStore.arrayLiteral(r.features())),
                        conversations.stream()
                                .map(ConversationRow::riskBeforeLabel)
                                .toArray(Double[]::new),
                        texts(conversations, r -> r.escalatedAt()),
                        texts(conversations, r -> r.resolvedAt()),
                        conversations.stream()
                                .map(ConversationRow::resolutionMinutes)
                                .toArray(Double[]::new),
                        conversations.stream().map(ConversationRow::csat).toArray(Double[]::new))
                .update();
    }

    private void insertSignals(CustomerId customer, List<PredictionStore.SignalRow> signals) {
        jdbc.sql("""
                insert into prediction_signals (message_id, customer_id, conversation_id, score, categories, created_at)
                select message::uuid, ?, conversation::uuid, score,
                       coalesce(string_to_array(nullif(categories, ''), chr(31)), '{}'), at::timestamptz
                  from unnest(?::text[], ?::text[], ?::float8[], ?::text[], ?::text[])
                       as s(message, conversation, score, categories, at)
                on conflict (message_id) do nothing""")
                .params(
                        customer.value(),
                        texts(signals, r -> r.messageId()),
                        texts(signals, r -> r.conversationId()),
                        signals.stream().map(PredictionStore.SignalRow::score).toArray(Double[]::new),
                        texts(signals, r -> String.join("\u001f", r.categories())),
                        texts(signals, r -> r.at()))
                .update();
    }

    private void insertPredictions(CustomerId customer, List<PredictionRow> predictions) {
        jdbc.sql("""
                insert into prediction_analysis (id, customer_id, conversation_id, message_id, escalation_risk,
                                                 expected_csat, expected_resolution_minutes, factors, model, created_at)
                select id::uuid, ?, conversation::uuid, message::uuid, risk, csat, minutes, factors::jsonb, model,
                       at::timestamptz
                  from unnest(?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::int[], ?::text[],
                              ?::text[], ?::text[]) as p(id, conversation, message, risk, csat, minutes, factors, model, at)
                on conflict do nothing""")
                .params(
                        customer.value(),
                        texts(predictions, r -> UUID.randomUUID()),
                        texts(predictions, r -> r.conversationId()),
                        texts(predictions, r -> r.messageId()),
                        predictions.stream()
                                .map(r -> r.prediction().escalationRisk())
                                .toArray(Double[]::new),
                        predictions.stream()
                                .map(r -> r.prediction().expectedCsat())
                                .toArray(Double[]::new),
                        predictions.stream()
                                .map(r -> r.prediction().expectedResolutionMinutes())
                                .toArray(Integer[]::new),
                        texts(
                                predictions,
                                r -> PredictionStore.JSON.writeValueAsString(
                                        r.prediction().factors())),
                        texts(predictions, r -> r.prediction().model()),
                        texts(predictions, r -> r.prediction().at()))
                .update();
    }

    private static <T> String[] texts(List<T> rows, Function<T, @Nullable Object> value) {
        return rows.stream()
                .map(value)
                .map(v -> v == null ? null : v.toString())
                .toArray(String[]::new);
    }
}
