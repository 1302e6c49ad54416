package uk.co.omniops.insight.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.Priority;
import uk.co.omniops.escalation.DefaultRulesVerdict;
import uk.co.omniops.prediction.PastConversation;
import uk.co.omniops.prediction.PastConversation.PastMessage;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Bulk history for the demo and the benchmark, written with {@code generate_series} straight into the real tables
 * (contacts, conversations, messages, sentiment, categories, escalations, suggestions) in the customer's tenant
 * transaction: minutes for a million messages, where the live pipeline would take hours. Deterministic (ids are
 * md5 of a seed and a number; texts, times and outcomes are arithmetic on the conversation number), so running it
 * twice with the same seed inserts nothing new. All conversations are resolved: history does not crowd the inbox.
 * {@link #past} reads a plan's history back in the shape the prediction module replays.
 *
 * <p>Writes other modules' tables: demo and benchmark data only, never product behaviour
 * (docs/decisions/011-insights.md).
 */
@Component
class SyntheticHistory {

    /** A customer message template: its category, sentiment score 0–1 and text. */
    public record Line(String category, double score, String text) {}

    /**
     * @param conversations how many, spread evenly over {@code days} ending now
     * @param messagesPerConversation alternating customer / agent, at least 1
     * @param emerging lines used only in the last 7 days, for every {@code emergingEvery}-th conversation (none: 0)
     */
    public record Plan(
            String seed,
            int days,
            int conversations,
            int messagesPerConversation,
            List<Line> lines,
            List<Line> emerging,
            int emergingEvery) {}

    /** One row per conversation: its number, id, time, contact and first customer line (normal or emerging). */
    private static final String FIRST_LINES = """
            with arr as (
                select string_to_array(:texts, chr(31)) texts, string_to_array(:cats, chr(31)) cats,
                       string_to_array(:scores, ',')::float8[] scores, string_to_array(:etexts, chr(31)) etexts,
                       string_to_array(:ecats, chr(31)) ecats, string_to_array(:escores, ',')::float8[] escores),
            conv as (
                select i, md5(:seed || ':conv:' || i)::uuid id,
                       :start::timestamptz + make_interval(secs => (i - 1) * :step + (i * 7919 % 600)) t0,
                       md5(:seed || ':contact:' || (1 + i % :contacts))::uuid contact_id
                  from generate_series(1, :n) i),
            first_line as (
                select conv.*, arr.*, case when :every > 0 and t0 >= :recent and i % :every = 0
                                    then 0 else 1 end normal,
                       case when :every > 0 and t0 >= :recent and i % :every = 0
                            then 1 + (i / :every) % cardinality(etexts)
                            else 1 + (i * 31) % cardinality(texts) end line
                  from conv, arr)
            """;

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    SyntheticHistory(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** @return messages inserted */
    public int generate(CustomerId customer, Plan plan, Instant now) {
        return transactions.inTenant(customer, () -> insert(customer, plan, now));
    }

    /** Contacts, conversations, messages, then what the pipeline would have added to them; one step per table. */
    private int insert(CustomerId customer, Plan plan, Instant now) {
        var start = now.minus(Duration.ofDays(plan.days()));
        double stepSeconds = (double) Duration.ofDays(plan.days()).toSeconds() / plan.conversations();
        var recent = now.minus(Duration.ofDays(7));
        var cats = plan.lines().stream().map(Line::category).toArray(String[]::new);
        var scores = plan.lines().stream().map(Line::score).toArray(Double[]::new);
        var texts = plan.lines().stream().map(Line::text).toArray(String[]::new);
        var eCats = plan.emerging().stream().map(Line::category).toArray(String[]::new);
        var eScores = plan.emerging().stream().map(Line::score).toArray(Double[]::new);
        var eTexts = plan.emerging().stream().map(Line::text).toArray(String[]::new);
        int contacts = Math.max(1, Math.min(plan.conversations(), 500));
        insertContacts(customer, plan, start, contacts);
        var p = params(
                plan, customer, start, stepSeconds, recent, contacts, cats, scores, texts, eCats, eScores, eTexts, now);
        insertConversations(p);
        int messages = insertMessages(p);
        insertSentiment(p);
        insertCategories(p);
        insertEscalations(plan, p);
        insertSuggestions(p);
        return messages;
    }

    /** Up to 500 contacts the conversations take turns on. */
    private void insertContacts(CustomerId customer, Plan plan, Instant start, int contacts) {
        var names = new String[] {
            "Ann Baker",
            "Ben Carter",
            "Chloe Diaz",
            "Dev Patel",
            "Emma Fox",
            "Finn Gray",
            "Grace Hill",
            "Hugo Ito",
            "Isla James",
            "Jack Khan",
            "Kara Lee",
            "Liam Moss"
        };
        jdbc.sql("""
                insert into contacts (id, customer_id, name, email, created_at)
                select md5(:seed || ':contact:' || k)::uuid, :c,
                       (string_to_array(:names, chr(31)))[1 + k % cardinality(string_to_array(:names, chr(31)))] || ' ' || k,
                       'contact' || k || '@example.com', :start
                  from generate_series(1, :n) k
                on conflict (id) do nothing""")
                .param("seed", plan.seed())
                .param("c", customer.value())
                .param("names", String.join("\u001f", names))
                .param("start", Timestamp.from(start))
                .param("n", contacts)
                .update();
    }

    /** Resolved conversations, one per number, each with its first customer line as the subject. */
    private void insertConversations(Map<String, Object> p) {
        jdbc.sql(FIRST_LINES + """
                insert into conversations (id, customer_id, contact_id, subject, status, channel, message_count,
                       created_at, updated_at, first_response_at, last_customer_message_at, last_agent_message_at,
                       resolved_at)
                select id, :c, contact_id,
                       left(case normal when 1 then texts[line] else etexts[line] end, 60),
                       'resolved', 'chat', :m, t0, t0 + make_interval(mins => 20 + i % 240),
                       case when :m > 1 then t0 + make_interval(secs => 30 + i % 570) end,
                       t0 + make_interval(secs => 90 * ((:m - 1) / 2 * 2)),
                       case when :m > 1 then t0 + make_interval(secs => 90 * ((:m - 2) / 2 * 2 + 1)) end,
                       t0 + make_interval(mins => 20 + i % 240)
                  from first_line
                 where t0 + make_interval(mins => 20 + i % 240) < :now
                on conflict (id) do nothing""").params(p).update();
    }

    /** Alternating customer and agent messages. @return how many were inserted */
    private int insertMessages(Map<String, Object> p) {
        return jdbc.sql(FIRST_LINES + """
                insert into messages (id, customer_id, conversation_id, author_type, text, created_at)
                select md5(:seed || ':msg:' || i || ':' || j)::uuid, :c, id,
                       case when j % 2 = 1 then 'contact' else 'agent' end,
                       case when j % 2 = 0 then (array['Thanks for getting in touch, let me check that for you.',
                                                       'I have looked into it and sorted it out for you.',
                                                       'Could you confirm your order number, please?',
                                                       'Sorry about the trouble. It is fixed now.'])[1 + (i + j) % 4]
                            when j = 1 and normal = 0 then etexts[line]
                            when j = 1 then texts[line]
                            else texts[1 + (i * 17 + j * 5) % cardinality(texts)] end,
                       t0 + make_interval(secs => 90 * (j - 1))
                  from first_line, generate_series(1, :m) j
                 where t0 + make_interval(mins => 20 + i % 240) < :now
                on conflict (id) do nothing""").params(p).update();
    }

    /** A sentiment score for every customer message, near its line's score. */
    private void insertSentiment(Map<String, Object> p) {
        jdbc.sql(FIRST_LINES + """
                insert into sentiment_analysis (id, customer_id, message_id, conversation_id, score, label, confidence,
                       model, created_at)
                select md5(:seed || ':sent:' || i || ':' || j)::uuid, :c, md5(:seed || ':msg:' || i || ':' || j)::uuid, id,
                       s.score, case when s.score < 0.5 then 'negative' when s.score > 0.65 then 'positive'
                                     else 'neutral' end, 0.9, 'history', t0 + make_interval(secs => 90 * (j - 1) + 1)
                  from first_line, generate_series(1, :m, 2) j,
                       lateral (select least(1, greatest(0, (case when j = 1 and normal = 0
                                   then escores[line]
                                   when j = 1 then scores[line]
                                   else scores[1 + (i * 17 + j * 5) % cardinality(scores)] end)
                                   + ((i * 13 + j) % 11 - 5) / 100.0))::numeric(5, 4) score) s
                 where t0 + make_interval(mins => 20 + i % 240) < :now
                on conflict do nothing""").params(p).update();
    }

    /** The first customer message's category. */
    private void insertCategories(Map<String, Object> p) {
        jdbc.sql(FIRST_LINES + """
                insert into conversation_categories (id, customer_id, conversation_id, message_id, category_key,
                       confidence, created_at)
                select md5(:seed || ':cat:' || i)::uuid, :c, id, md5(:seed || ':msg:' || i || ':1')::uuid,
                       case normal when 1 then cats[line] else ecats[line] end, 0.8,
                       t0 + make_interval(secs => 1)
                  from first_line
                 where t0 + make_interval(mins => 20 + i % 240) < :now
                on conflict do nothing""").params(p).update();
    }

    /**
     * Escalations: what the default escalation rules make of each conversation's first contact message as stored (its
     * line, score with the same jitter as above, label and category), not a fixed share (decision 005).
     */
    private void insertEscalations(Plan plan, Map<String, Object> p) {
        var normal = verdicts(plan.lines());
        var emergingVerdicts = verdicts(plan.emerging());
        var escalations = new HashMap<>(p);
        escalations.put("vrules", String.join(US, normal.rules()));
        escalations.put("vseverities", String.join(US, normal.severities()));
        escalations.put("vreasons", String.join(US, normal.reasons()));
        escalations.put("xrules", emergingVerdicts.rules().isEmpty() ? "" : String.join(US, emergingVerdicts.rules()));
        escalations.put("xseverities", String.join(US, emergingVerdicts.severities()));
        escalations.put("xreasons", String.join(US, emergingVerdicts.reasons()));
        jdbc.sql(FIRST_LINES + """
                , verdict as (
                    select first_line.*, (line - 1) * :jitters + 1 + (i * 13 + 1) % :jitters k
                      from first_line)
                insert into escalation_events (id, customer_id, conversation_id, message_id, reason, rule_name,
                       severity, status, opened_at, resolved_at, created_at, last_matched_at)
                select md5(:seed || ':esc:' || i)::uuid, :c, id, md5(:seed || ':msg:' || i || ':1')::uuid,
                       v.reason, v.rule, v.severity, 'resolved',
                       t0 + make_interval(mins => 2), t0 + make_interval(mins => 15), t0 + make_interval(mins => 2),
                       t0 + make_interval(mins => 2)
                  from verdict,
                       lateral (select case normal when 1 then (string_to_array(:vrules, chr(31)))[k]
                                       else (string_to_array(:xrules, chr(31)))[k] end rule,
                                       case normal when 1 then (string_to_array(:vseverities, chr(31)))[k]
                                       else (string_to_array(:xseverities, chr(31)))[k] end severity,
                                       case normal when 1 then (string_to_array(:vreasons, chr(31)))[k]
                                       else (string_to_array(:xreasons, chr(31)))[k] end reason) v
                 where t0 + make_interval(mins => 20 + i % 240) < :now and coalesce(v.rule, '') <> ''
                on conflict do nothing""").params(escalations).update();
    }

    /** A library suggestion per conversation with an agent reply, accepted, edited or ignored by number. */
    private void insertSuggestions(Map<String, Object> p) {
        jdbc.sql(FIRST_LINES + """
                insert into response_suggestions (id, customer_id, conversation_id, message_id, source, text, status,
                       created_at, decided_at)
                select md5(:seed || ':sug:' || i)::uuid, :c, id, md5(:seed || ':msg:' || i || ':1')::uuid, 'library',
                       'Thanks for getting in touch, let me check that for you.',
                       case when i % 3 = 0 then 'accepted' when i % 7 = 0 then 'edited' else 'ignored' end,
                       t0 + make_interval(secs => 2), t0 + make_interval(secs => 60)
                  from first_line
                 where t0 + make_interval(mins => 20 + i % 240) < :now and :m > 1
                on conflict do nothing""").params(p).update();
    }

    /** The plan's first conversation: present once {@link #generate} ran for the plan. */
    public static ConversationId firstConversation(Plan plan) {
        try {
            var digest = ByteBuffer.wrap(MessageDigest.getInstance("MD5")
                    .digest((plan.seed() + ":conv:1").getBytes(StandardCharsets.UTF_8)));
            return new ConversationId(new UUID(digest.getLong(), digest.getLong())); // as md5(…)::uuid in SQL
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The plan's resolved conversations as they are stored, with their messages, each contact message's sentiment
     * and categories (analysed when its sentiment or categories were written), the first escalation and the
     * resolution: what the prediction module would have received as events had the history gone through the
     * pipeline, for {@code PredictionManagement.replay}.
     */
    public List<PastConversation> past(CustomerId customer, Plan plan) {
        record Row(
                UUID conversation,
                Instant startedAt,
                boolean vip,
                String priority,
                @Nullable Instant escalatedAt,
                Instant resolvedAt,
                PastMessage message) {}
        var rows = transactions.readInTenant(
                customer,
                () -> jdbc.sql("""
                select c.id, c.created_at, ct.vip, c.priority, e.opened_at, c.resolved_at,
                       m.id, m.author_type, m.created_at,
                       case when m.author_type = 'contact' then coalesce(s.created_at, k.at) end, s.score, k.keys
                  from generate_series(1, :n) i
                  join conversation_facts c on c.id = md5(:seed || ':conv:' || i)::uuid and c.customer_id = :c
                  join contact_facts ct on ct.id = c.contact_id
                  left join lateral (select min(opened_at) opened_at from escalation_facts
                                      where conversation_id = c.id) e on true
                  join message_facts m on m.conversation_id = c.id and not m.internal
                  left join lateral (select created_at, score from sentiment_facts
                                      where conversation_id = c.id and message_id = m.id
                                      order by created_at desc limit 1) s on true
                  left join lateral (select array_agg(category_key order by category_key) keys, max(created_at) at
                                       from category_facts where message_id = m.id) k on true
                 where c.status = 'resolved' and c.resolved_at is not null
                 order by c.created_at, c.id, m.created_at, m.id""")
                        .param("n", plan.conversations())
                        .param("seed", plan.seed())
                        .param("c", customer.value())
                        .query((rs, i) -> {
                            var analysed = rs.getTimestamp(10);
                            var keys = rs.getArray(12);
                            double value = rs.getDouble(11);
                            Double score = rs.wasNull() ? null : value;
                            var message = new PastMessage(
                                    new MessageId(rs.getObject(7, UUID.class)),
                                    AuthorType.fromDb(rs.getString(8)),
                                    rs.getTimestamp(9).toInstant(),
                                    analysed == null ? null : analysed.toInstant(),
                                    score,
                                    keys == null ? List.of() : List.of((String[]) keys.getArray()));
                            var escalated = rs.getTimestamp(5);
                            return new Row(
                                    rs.getObject(1, UUID.class),
                                    rs.getTimestamp(2).toInstant(),
                                    rs.getBoolean(3),
                                    rs.getString(4),
                                    escalated == null ? null : escalated.toInstant(),
                                    rs.getTimestamp(6).toInstant(),
                                    message);
                        })
                        .list());
        var conversations = new ArrayList<PastConversation>();
        var messages = new ArrayList<PastMessage>();
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            messages.add(row.message());
            if (i + 1 == rows.size() || !rows.get(i + 1).conversation().equals(row.conversation())) {
                conversations.add(new PastConversation(
                        new ConversationId(row.conversation()),
                        row.startedAt(),
                        row.vip(),
                        Priority.fromDb(row.priority()),
                        messages,
                        row.escalatedAt(),
                        row.resolvedAt()));
                messages.clear();
            }
        }
        return conversations;
    }

    /** The stored scores' jitter: {@code ((i * 13 + j) % JITTERS - 5) / 100} for conversation i, message j. */
    static final int JITTERS = 11;

    /** The default rules' verdicts per line and jitter, flattened ({@code line * JITTERS + jitter}); "" for none. */
    record Verdicts(List<String> rules, List<String> severities, List<String> reasons) {

        /** The share of (line, jitter) pairs the rules escalate, for the demo's expected escalation rate. */
        double share() {
            return rules.isEmpty()
                    ? 0
                    : rules.stream().filter(r -> !r.isEmpty()).count() / (double) rules.size();
        }
    }

    /**
     * What the default escalation rules make of each line as the history stores it as a conversation's first contact
     * message: the score with each of the {@link #JITTERS} jitters, rounded like {@code numeric(5, 4)}, labelled
     * like the SQL above (below 0.5 negative, above 0.65 positive), confidence 0.9, the line's category.
     */
    static Verdicts verdicts(List<Line> lines) {
        var rules = new ArrayList<String>();
        var severities = new ArrayList<String>();
        var reasons = new ArrayList<String>();
        for (var line : lines) {
            for (int m = 0; m < JITTERS; m++) {
                double score = Math.round(Math.min(1, Math.max(0, line.score() + (m - 5) / 100.0)) * 10_000) / 10_000.0;
                var label = score < 0.5 ? "negative" : score > 0.65 ? "positive" : "neutral";
                var verdict = DefaultRulesVerdict.ofOpening(line.text(), score, label, 0.9, Set.of(line.category()));
                rules.add(verdict.map(DefaultRulesVerdict::rule).orElse(""));
                severities.add(verdict.map(v -> v.severity().dbValue()).orElse(""));
                reasons.add(verdict.map(v -> v.reason().replace(US, " ")).orElse(""));
            }
        }
        return new Verdicts(rules, severities, reasons);
    }

    /** Unit separator: joins the texts into one parameter (split again in SQL). */
    private static final String US = "\u001f";

    private static String numbers(Double[] values) {
        return java.util.Arrays.stream(values)
                .map(v -> Double.toString(v))
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static Map<String, Object> params(
            Plan plan,
            CustomerId customer,
            Instant start,
            double step,
            Instant recent,
            int contacts,
            String[] cats,
            Double[] scores,
            String[] texts,
            String[] eCats,
            Double[] eScores,
            String[] eTexts,
            Instant now) {
        var p = new java.util.HashMap<String, Object>();
        p.put("seed", plan.seed());
        p.put("c", customer.value());
        p.put("start", Timestamp.from(start));
        p.put("step", step);
        p.put("contacts", contacts);
        p.put("n", plan.conversations());
        p.put("m", Math.max(1, plan.messagesPerConversation()));
        p.put("every", plan.emerging().isEmpty() ? 0 : Math.max(1, plan.emergingEvery()));
        p.put("recent", Timestamp.from(recent));
        p.put("now", Timestamp.from(now));
        p.put("cats", String.join(US, cats));
        p.put("scores", numbers(scores));
        p.put("texts", String.join(US, texts));
        p.put("ecats", eCats.length == 0 ? "order" : String.join(US, eCats));
        p.put("escores", eScores.length == 0 ? "0.5" : numbers(eScores));
        p.put("etexts", eTexts.length == 0 ? "-" : String.join(US, eTexts));
        p.put("jitters", JITTERS);
        return p;
    }
}
