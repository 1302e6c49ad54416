package uk.co.omniops.prediction.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.prediction.Prediction;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The prediction module's tables: its read model of analysed messages and conversation outcomes (built from events,
 * never from another module's tables) and the stored predictions. Callers run inside a tenant transaction.
 */
@Repository
public class PredictionStore {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A resolved conversation as training data. */
    public record Outcome(
            double[] features,
            boolean escalated,
            @Nullable Double riskBeforeLabel,
            @Nullable Double resolutionMinutes,
            @Nullable Double csat) {}

    private final JdbcClient jdbc;

    PredictionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void storeSignal(
            UUID messageId,
            CustomerId customer,
            ConversationId conversation,
            @Nullable Double score,
            List<String> categories,
            Instant at) {
        jdbc.sql("""
                insert into prediction_signals (message_id, customer_id, conversation_id, score, categories, created_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (message_id) do update set score = excluded.score, categories = excluded.categories""")
                .params(
                        messageId,
                        customer.value(),
                        conversation.value(),
                        score,
                        categories.toArray(String[]::new),
                        Timestamp.from(at))
                .update();
    }

    /**
     * {@link #storeSignal} for several analysed messages of the customer (a batch), in one multi-row statement.
     */
    public void storeSignals(CustomerId customer, List<SignalRow> signals) {
        if (signals.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into prediction_signals (message_id, customer_id, conversation_id, score, categories, created_at)
                select message_id, ?, conversation_id, score::float8, categories::text[], created_at::timestamptz
                  from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[])
                       as s(message_id, conversation_id, score, categories, created_at)
                on conflict (message_id) do update set score = excluded.score, categories = excluded.categories""")
                .params(
                        customer.value(),
                        signals.stream().map(SignalRow::messageId).toArray(UUID[]::new),
                        signals.stream().map(SignalRow::conversationId).toArray(UUID[]::new),
                        signals.stream()
                                .map(r -> r.score() == null ? null : r.score().toString())
                                .toArray(String[]::new),
                        signals.stream().map(r -> arrayLiteral(r.categories())).toArray(String[]::new),
                        signals.stream().map(r -> r.at().toString()).toArray(String[]::new))
                .update();
    }

    /**
     * The newest {@code limit} signals of each of these conversations, in one bounded statement (a lateral read of
     * each conversation's index), newest first.
     */
    public Map<UUID, List<SignalRow>> recentSignals(java.util.Collection<UUID> conversations, int limit) {
        var result = new java.util.HashMap<UUID, List<SignalRow>>();
        jdbc.sql("""
                select s.message_id, c.id, s.score, s.categories, s.created_at
                  from unnest(?::uuid[]) as c(id)
                  cross join lateral (select message_id, score, categories, created_at from prediction_signals
                                       where conversation_id = c.id
                                       order by created_at desc, message_id desc limit ?) s""")
                .params(conversations.stream().distinct().toArray(UUID[]::new), limit)
                .query(rs -> {
                    var score = rs.getDouble(3);
                    var row = new SignalRow(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.wasNull() ? null : score,
                            strings(rs.getArray(4)),
                            rs.getTimestamp(5).toInstant());
                    result.computeIfAbsent(row.conversationId(), k -> new ArrayList<>())
                            .add(row);
                });
        return result;
    }

    /** {@link #insertPrediction} for several messages of the customer, in one multi-row statement. */
    public void insertPredictions(CustomerId customer, List<Map.Entry<SignalRow, Prediction>> predictions) {
        if (predictions.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into prediction_analysis (id, customer_id, conversation_id, message_id, escalation_risk,
                                                 expected_csat, expected_resolution_minutes, factors, model, created_at)
                select id, ?, conversation_id, message_id, escalation_risk, expected_csat, expected_resolution_minutes,
                       factors::jsonb, model, created_at::timestamptz
                  from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::float8[], ?::float8[], ?::int4[], ?::text[], ?::text[],
                              ?::text[])
                       as p(id, conversation_id, message_id, escalation_risk, expected_csat, expected_resolution_minutes,
                            factors, model, created_at)
                on conflict (message_id) where message_id is not null do update
                   set escalation_risk = excluded.escalation_risk, expected_csat = excluded.expected_csat,
                       expected_resolution_minutes = excluded.expected_resolution_minutes,
                       factors = excluded.factors, model = excluded.model, created_at = excluded.created_at""")
                .params(
                        customer.value(),
                        predictions.stream().map(e -> UUID.randomUUID()).toArray(UUID[]::new),
                        predictions.stream()
                                .map(e -> e.getKey().conversationId())
                                .toArray(UUID[]::new),
                        predictions.stream().map(e -> e.getKey().messageId()).toArray(UUID[]::new),
                        predictions.stream()
                                .map(e -> e.getValue().escalationRisk())
                                .toArray(Double[]::new),
                        predictions.stream()
                                .map(e -> e.getValue().expectedCsat())
                                .toArray(Double[]::new),
                        predictions.stream()
                                .map(e -> e.getValue().expectedResolutionMinutes())
                                .toArray(Integer[]::new),
                        predictions.stream()
                                .map(e -> JSON.writeValueAsString(e.getValue().factors()))
                                .toArray(String[]::new),
                        predictions.stream().map(e -> e.getValue().model()).toArray(String[]::new),
                        predictions.stream()
                                .map(e -> e.getValue().at().toString())
                                .toArray(String[]::new))
                .update();
    }

    /** A conversation's latest features ({@link #storeFeatures}) for a batch. */
    public record FeatureRow(UUID conversationId, Instant startedAt, double[] features, double risk) {}

    /** {@link #storeFeatures} for several conversations of the customer, in one multi-row statement. */
    public void storeFeatures(CustomerId customer, List<FeatureRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into prediction_conversations (conversation_id, customer_id, started_at, features, risk_before_label)
                select conversation_id, ?, started_at::timestamptz, features::float8[], risk
                  from unnest(?::uuid[], ?::text[], ?::text[], ?::float8[]) as f(conversation_id, started_at, features, risk)
                on conflict (conversation_id) do update set features = excluded.features,
                       risk_before_label = case when prediction_conversations.escalated_at is null
                                                 and prediction_conversations.resolved_at is null
                                                then excluded.risk_before_label
                                                else prediction_conversations.risk_before_label end""")
                .params(
                        customer.value(),
                        rows.stream().map(FeatureRow::conversationId).toArray(UUID[]::new),
                        rows.stream().map(r -> r.startedAt().toString()).toArray(String[]::new),
                        rows.stream()
                                .map(r -> Arrays.stream(r.features())
                                        .mapToObj(Double::toString)
                                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                                .toArray(String[]::new),
                        rows.stream().map(FeatureRow::risk).toArray(Double[]::new))
                .update();
    }

    /** A PostgreSQL array literal of category keys ({@code [a-z0-9_]}, so nothing to quote). */
    private static String arrayLiteral(List<String> values) {
        return values.stream()
                .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    /** Sentiment scores of the conversation's analysed messages, oldest first (messages without one skipped). */
    public List<Double> scores(ConversationId conversation) {
        return jdbc.sql("""
                select score from prediction_signals where conversation_id = ? and score is not null
                 order by created_at, message_id""")
                .param(conversation.value())
                .query((rs, i) -> rs.getDouble(1))
                .list();
    }

    /** Scores (oldest first, messages without one skipped) and categories of the newest analysed messages. */
    public record RecentSignals(List<Double> scores, Set<String> categories) {}

    /** The newest {@code limit} analysed messages of the conversation, in one bounded read. */
    public RecentSignals recentSignals(ConversationId conversation, int limit) {
        var scores = new ArrayList<Double>();
        var categories = new LinkedHashSet<String>();
        jdbc.sql("""
                select score, categories from prediction_signals where conversation_id = ?
                 order by created_at desc, message_id desc limit ?""").params(conversation.value(), limit).query(rs -> {
            var score = rs.getDouble(1);
            if (!rs.wasNull()) {
                scores.add(score);
            }
            categories.addAll(strings(rs.getArray(2)));
        });
        return new RecentSignals(scores.reversed(), categories);
    }

    /**
     * Records the conversation (when new) with its latest features, in one statement; the risk counts for
     * calibration only while the outcome is not yet known.
     */
    public void storeFeatures(
            CustomerId customer, ConversationId conversation, Instant startedAt, double[] features, double risk) {
        jdbc.sql("""
                insert into prediction_conversations (conversation_id, customer_id, started_at, features, risk_before_label)
                values (?, ?, ?, ?, ?)
                on conflict (conversation_id) do update set features = excluded.features,
                       risk_before_label = case when prediction_conversations.escalated_at is null
                                                 and prediction_conversations.resolved_at is null
                                                then excluded.risk_before_label
                                                else prediction_conversations.risk_before_label end""")
                .params(conversation.value(), customer.value(), Timestamp.from(startedAt), boxed(features), risk)
                .update();
    }

    public void markEscalated(CustomerId customer, ConversationId conversation, Instant at) {
        jdbc.sql("""
                insert into prediction_conversations (conversation_id, customer_id, started_at, escalated_at)
                values (?, ?, ?, ?)
                on conflict (conversation_id) do update
                   set escalated_at = coalesce(prediction_conversations.escalated_at, excluded.escalated_at)""")
                .params(conversation.value(), customer.value(), Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    /** @return false when the conversation was never seen (nothing to learn from) */
    public boolean markResolved(ConversationId conversation, Instant at, double csatProxy) {
        return jdbc.sql("""
                update prediction_conversations set resolved_at = ?, csat_proxy = ?,
                       resolution_minutes = greatest(0, extract(epoch from (? - started_at)) / 60.0)
                 where conversation_id = ?""")
                        .params(Timestamp.from(at), csatProxy, Timestamp.from(at), conversation.value())
                        .update()
                > 0;
    }

    public boolean isEscalated(ConversationId conversation) {
        return jdbc.sql("select escalated_at is not null from prediction_conversations where conversation_id = ?")
                .param(conversation.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Resolved conversations with features, newest first, at most {@code limit}. */
    public List<Outcome> outcomes(@Nullable CustomerId customer, int limit) {
        var sql = """
                select features, escalated_at is not null, risk_before_label, resolution_minutes, csat_proxy
                  from prediction_conversations
                 where resolved_at is not null and features is not null %s
                 order by resolved_at desc limit ?""";
        var spec = customer == null
                ? jdbc.sql(sql.formatted("")).param(limit)
                : jdbc.sql(sql.formatted("and customer_id = ?")).params(customer.value(), limit);
        return spec.query((rs, i) -> new Outcome(
                        doubles(rs.getArray(1)), rs.getBoolean(2), nullable(rs, 3), nullable(rs, 4), nullable(rs, 5)))
                .list();
    }

    public List<Instant> arrivalsSince(CustomerId customer, Instant since) {
        return jdbc.sql("select started_at from prediction_conversations where customer_id = ? and started_at >= ?")
                .params(customer.value(), Timestamp.from(since))
                .query((rs, i) -> rs.getTimestamp(1).toInstant())
                .list();
    }

    public void insertPrediction(CustomerId customer, ConversationId conversation, UUID messageId, Prediction p) {
        jdbc.sql("""
                insert into prediction_analysis (id, customer_id, conversation_id, message_id, escalation_risk,
                                                 expected_csat, expected_resolution_minutes, factors, model, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                on conflict (message_id) where message_id is not null do update
                   set escalation_risk = excluded.escalation_risk, expected_csat = excluded.expected_csat,
                       expected_resolution_minutes = excluded.expected_resolution_minutes,
                       factors = excluded.factors, model = excluded.model, created_at = excluded.created_at""")
                .params(
                        UUID.randomUUID(),
                        customer.value(),
                        conversation.value(),
                        messageId,
                        p.escalationRisk(),
                        p.expectedCsat(),
                        p.expectedResolutionMinutes(),
                        JSON.writeValueAsString(p.factors()),
                        p.model(),
                        Timestamp.from(p.at()))
                .update();
    }

    /** Which of these conversations the read model already has. */
    public Set<UUID> known(List<UUID> conversations) {
        return new java.util.HashSet<>(
                jdbc.sql("select conversation_id from prediction_conversations where conversation_id = any(?::uuid[])")
                        .param(conversations.stream().map(UUID::toString).toArray(String[]::new))
                        .query(UUID.class)
                        .list());
    }

    /** A replayed analysed message. */
    record SignalRow(
            UUID messageId, UUID conversationId, @Nullable Double score, List<String> categories, Instant at) {}

    static String arrayLiteral(double[] values) {
        return Arrays.stream(values)
                .mapToObj(Double::toString)
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    /** The latest escalation risk of each of these conversations (those without a prediction are absent), one statement. */
    public Map<UUID, Double> latestRisks(java.util.Collection<UUID> conversations) {
        var result = new java.util.HashMap<UUID, Double>();
        if (conversations.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                select c.id, p.escalation_risk from unnest(?::uuid[]) as c(id)
                  cross join lateral (select escalation_risk from prediction_analysis where conversation_id = c.id
                                       order by created_at desc, id limit 1) p""")
                .param(conversations.stream().distinct().toArray(UUID[]::new))
                .query(rs -> {
                    result.put(rs.getObject(1, UUID.class), rs.getDouble(2));
                });
        return result;
    }

    public Optional<Prediction> latest(ConversationId conversation) {
        return jdbc.sql("""
                select escalation_risk, expected_csat, expected_resolution_minutes, factors::text, model, created_at
                  from prediction_analysis where conversation_id = ? order by created_at desc, id limit 1""")
                .param(conversation.value())
                .query((rs, i) -> new Prediction(
                        rs.getDouble(1),
                        rs.getDouble(2),
                        rs.getInt(3),
                        JSON.readValue(rs.getString(4), new TypeReference<List<String>>() {}),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .optional();
    }

    private static @Nullable Double nullable(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Double[] boxed(double[] values) {
        return Arrays.stream(values).boxed().toArray(Double[]::new);
    }

    private static double[] doubles(Array array) throws SQLException {
        var values = (Double[]) array.getArray();
        var out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? 0 : values[i];
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        return new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
