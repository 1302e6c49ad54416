package uk.co.omniops.insight;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/** Small histories with known figures, written straight into the source tables (idempotent: fixed ids). */
final class History {

    private History() {}

    static UUID id(String prefix, String name) {
        return UUID.nameUUIDFromBytes((prefix + ":" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** Day 1 of the synthetic month: 30 days ago (UTC midnight), so full rebuilds cover a few hundred hours. */
    static final Instant BASE =
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(java.time.Duration.ofDays(30));

    /** {@code "10T09:10"}: day 10 of the synthetic month, 09:10 UTC. */
    static Instant at(String dayHourMinute) {
        int day = Integer.parseInt(dayHourMinute.substring(0, 2));
        int hour = Integer.parseInt(dayHourMinute.substring(3, 5));
        int minute = Integer.parseInt(dayHourMinute.substring(6, 8));
        return BASE.plus(java.time.Duration.ofDays(day - 1).plusHours(hour).plusMinutes(minute));
    }

    static Timestamp t(String dayHourMinute) {
        return Timestamp.from(at(dayHourMinute));
    }

    /**
     * In [day 10, day 12) of the synthetic month: conv1 (09:10, answered in 120 s, resolved after 3600 s, messages 0.2 negative and 0.6,
     * billing, escalated "Negative sentiment", suggestion accepted), conv2 (09:40, open, 0.1 negative, delivery,
     * suggestion ignored), conv3 (day 11 15:00, answered in 60 s, resolved after 1800 s, 0.9, billing + delivery).
     * Before: p1 (day 9 08:00, billing, escalated "Waiting too long").
     */
    static void knownHistory(TenantTransactions transactions, JdbcClient jdbc, CustomerId customer, String p) {
        transactions.inTenant(customer, () -> {
            var c = customer.value();
            jdbc.sql(
                            "insert into contacts (id, customer_id, name, created_at) values (?, ?, ?, ?) on conflict do nothing")
                    .params(id(p, "contact"), c, "Ann " + p, t("01T00:00"))
                    .update();
            conversation(jdbc, c, p, "conv1", t("10T09:10"), t("10T09:12"), t("10T10:10"));
            conversation(jdbc, c, p, "conv2", t("10T09:40"), null, null);
            conversation(jdbc, c, p, "conv3", t("11T15:00"), t("11T15:01"), t("11T15:30"));
            conversation(jdbc, c, p, "p1", t("09T08:00"), null, null);
            message(
                    jdbc,
                    c,
                    p,
                    "conv1",
                    "m1",
                    "contact",
                    "My promo code fails at checkout",
                    t("10T09:10"),
                    0.2,
                    "negative");
            message(jdbc, c, p, "conv1", "m2", "agent", "Let me check that for you", t("10T09:12"), null, null);
            message(jdbc, c, p, "conv1", "m3", "contact", "Still waiting for an answer", t("10T09:20"), 0.6, "neutral");
            message(jdbc, c, p, "conv2", "m4", "contact", "Where is my delivery", t("10T09:40"), 0.1, "negative");
            message(
                    jdbc,
                    c,
                    p,
                    "conv3",
                    "m5",
                    "contact",
                    "Great, thanks for the quick help",
                    t("11T15:00"),
                    0.9,
                    "positive");
            message(jdbc, c, p, "p1", "m6", "contact", "Invoice question", t("09T08:00"), null, null);
            category(jdbc, c, p, "conv1", "m1", "billing", t("10T09:10"));
            category(jdbc, c, p, "conv2", "m4", "delivery", t("10T09:40"));
            category(jdbc, c, p, "conv3", "m5", "billing", t("11T15:00"));
            category(jdbc, c, p, "conv3", "m5", "delivery", t("11T15:00"));
            category(jdbc, c, p, "p1", "m6", "billing", t("09T08:00"));
            escalation(jdbc, c, p, "conv1", "Negative sentiment", t("10T09:21"));
            escalation(jdbc, c, p, "p1", "Waiting too long", t("09T08:30"));
            suggestion(jdbc, c, p, "conv1", "m1", "accepted", t("10T09:11"));
            suggestion(jdbc, c, p, "conv2", "m4", "ignored", t("10T09:41"));
            return null;
        });
    }

    /** Twenty conversations on day 10 with 3 messages each, all "refund" and escalated by "B only rule". */
    static void busyHistory(TenantTransactions transactions, JdbcClient jdbc, CustomerId customer, String p) {
        transactions.inTenant(customer, () -> {
            var c = customer.value();
            jdbc.sql(
                            "insert into contacts (id, customer_id, name, created_at) values (?, ?, ?, ?) on conflict do nothing")
                    .params(id(p, "contact"), c, "Bob " + p, t("01T00:00"))
                    .update();
            for (int i = 0; i < 20; i++) {
                var at = Timestamp.from(t("10T01:00").toInstant().plusSeconds(i * 3600L));
                var conv = "conv" + i;
                conversation(jdbc, c, p, conv, at, at, null);
                for (int j = 0; j < 3; j++) {
                    message(
                            jdbc,
                            c,
                            p,
                            conv,
                            conv + "m" + j,
                            "contact",
                            "I want my money back " + j,
                            Timestamp.from(at.toInstant().plusSeconds(j)),
                            0.05,
                            "negative");
                }
                category(jdbc, c, p, conv, conv + "m0", "refund", at);
                escalation(jdbc, c, p, conv, "B only rule", at);
            }
            return null;
        });
    }

    static void conversation(
            JdbcClient jdbc,
            UUID c,
            String p,
            String name,
            Timestamp created,
            Timestamp firstResponse,
            Timestamp resolved) {
        jdbc.sql("""
                insert into conversations (id, customer_id, contact_id, subject, status, created_at, updated_at,
                                           first_response_at, resolved_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(
                        id(p, name),
                        c,
                        id(p, "contact"),
                        name,
                        resolved == null ? "open" : "resolved",
                        created,
                        resolved == null ? created : resolved,
                        firstResponse,
                        resolved)
                .update();
    }

    static void message(
            JdbcClient jdbc,
            UUID c,
            String p,
            String conv,
            String name,
            String author,
            String text,
            Timestamp at,
            Double score,
            String label) {
        jdbc.sql("""
                insert into messages (id, customer_id, conversation_id, author_type, text, created_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""").params(id(p, name), c, id(p, conv), author, text, at).update();
        if (score != null) {
            jdbc.sql("""
                    insert into sentiment_analysis (id, customer_id, message_id, conversation_id, score, label,
                                                    confidence, model, created_at)
                    values (?, ?, ?, ?, ?, ?, 0.9, 'test', ?) on conflict do nothing""")
                    .params(id(p, name + ":s"), c, id(p, name), id(p, conv), score, label, at)
                    .update();
        }
    }

    static void category(JdbcClient jdbc, UUID c, String p, String conv, String message, String key, Timestamp at) {
        jdbc.sql("""
                insert into conversation_categories (id, customer_id, conversation_id, message_id, category_key,
                                                     confidence, created_at)
                values (?, ?, ?, ?, ?, 0.8, ?) on conflict do nothing""")
                .params(id(p, conv + ":" + key), c, id(p, conv), id(p, message), key, at)
                .update();
    }

    static void escalation(JdbcClient jdbc, UUID c, String p, String conv, String rule, Timestamp at) {
        jdbc.sql("""
                insert into escalation_events (id, customer_id, conversation_id, reason, rule_name, severity, status,
                                               opened_at, created_at, resolved_at)
                values (?, ?, ?, 'test', ?, 'high', 'resolved', ?, ?, ?) on conflict do nothing""")
                .params(id(p, conv + ":esc"), c, id(p, conv), rule, at, at, at)
                .update();
    }

    static void suggestion(
            JdbcClient jdbc, UUID c, String p, String conv, String message, String status, Timestamp at) {
        jdbc.sql("""
                insert into response_suggestions (id, customer_id, conversation_id, message_id, source, text, status,
                                                  created_at, decided_at)
                values (?, ?, ?, ?, 'library', 'Hello', ?, ?, ?) on conflict do nothing""")
                .params(id(p, conv + ":sug"), c, id(p, conv), id(p, message), status, at, at)
                .update();
    }
}
