package uk.co.omniops.insight.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.AnalysisImport;
import uk.co.omniops.analysis.AnalysisImport.CategoryRow;
import uk.co.omniops.analysis.AnalysisImport.SentimentRow;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ContactId;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationImport;
import uk.co.omniops.conversation.ConversationImport.ContactRow;
import uk.co.omniops.conversation.ConversationImport.ConversationRow;
import uk.co.omniops.conversation.ConversationImport.MessageRow;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.Priority;
import uk.co.omniops.escalation.DefaultRulesVerdict;
import uk.co.omniops.escalation.EscalationId;
import uk.co.omniops.escalation.EscalationImport;
import uk.co.omniops.escalation.EscalationImport.EscalationRow;
import uk.co.omniops.escalation.EscalationStatus;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.prediction.PastConversation;
import uk.co.omniops.prediction.PastConversation.PastMessage;
import uk.co.omniops.suggestion.Suggestion;
import uk.co.omniops.suggestion.SuggestionImport;
import uk.co.omniops.suggestion.SuggestionImport.SuggestionRow;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Bulk history for the demo and the benchmark: contacts, resolved conversations, their messages, and what the pipeline
 * would have added (sentiment, categories, escalations, suggestions), written through each owning module's import
 * ({@link ConversationImport}, {@link AnalysisImport}, {@link EscalationImport}, {@link SuggestionImport}: one
 * set-based statement per module and chunk of conversations) in the customer's tenant transaction: minutes for a
 * million messages, where the live pipeline would take hours. Deterministic (ids are md5 of a seed and a number;
 * texts, times and outcomes are arithmetic on the conversation number, see {@link Generator}), so running it twice
 * with the same seed inserts nothing new. All conversations are resolved: history does not crowd the inbox.
 * {@link #past} reads a plan's history back, through the owners' published views, in the shape the prediction module
 * replays. Writes no other module's table itself (issue 22, {@code TableOwnershipTests}).
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

    private static final String[] NAMES = {
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

    private static final String[] AGENT_REPLIES = {
        "Thanks for getting in touch, let me check that for you.",
        "I have looked into it and sorted it out for you.",
        "Could you confirm your order number, please?",
        "Sorry about the trouble. It is fixed now."
    };

    /** Messages per import call: each module's import is one statement per chunk. */
    private static final int CHUNK_MESSAGES = 20_000;

    private final TenantTransactions transactions;
    private final JdbcClient jdbc;
    private final ConversationImport conversations;
    private final AnalysisImport analyses;
    private final EscalationImport escalations;
    private final SuggestionImport suggestions;

    SyntheticHistory(
            JdbcClient jdbc,
            TenantTransactions transactions,
            ConversationImport conversations,
            AnalysisImport analyses,
            EscalationImport escalations,
            SuggestionImport suggestions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.conversations = conversations;
        this.analyses = analyses;
        this.escalations = escalations;
        this.suggestions = suggestions;
    }

    /** @return messages inserted */
    public int generate(CustomerId customer, Plan plan, Instant now) {
        return transactions.inTenant(customer, () -> insert(customer, plan, now));
    }

    /**
     * Contacts, then chunk by chunk the conversations, their messages and what the pipeline would have added to them,
     * each through its owning module's import (one statement per module and chunk).
     */
    private int insert(CustomerId customer, Plan plan, Instant now) {
        var generator = new Generator(plan, now);
        conversations.importContacts(customer, generator.contacts());
        int perChunk = Math.max(1, CHUNK_MESSAGES / generator.m);
        int messages = 0;
        for (int from = 1; from <= plan.conversations(); from += perChunk) {
            var chunk = generator.chunk(from, Math.min(plan.conversations(), from + perChunk - 1));
            conversations.importConversations(customer, chunk.conversations);
            messages += conversations.importMessages(customer, chunk.messages);
            analyses.importSentiment(customer, chunk.sentiment);
            analyses.importCategories(customer, chunk.categories);
            escalations.importEscalations(customer, chunk.escalations);
            suggestions.importSuggestions(customer, chunk.suggestions);
        }
        return messages;
    }

    /** One chunk of conversations with everything written about them. */
    private record Chunk(
            List<ConversationRow> conversations,
            List<MessageRow> messages,
            List<SentimentRow> sentiment,
            List<CategoryRow> categories,
            List<EscalationRow> escalations,
            List<SuggestionRow> suggestions) {}

    /**
     * The plan's rows, arithmetic on the conversation number {@code i} (1…n) and the message number {@code j} (1…m):
     * conversation i starts at {@code start + (i − 1) × step + (i × 7919 mod 600)} seconds and is resolved
     * {@code 20 + i mod 240} minutes later (only conversations resolved before now are written); its first customer
     * line is an emerging one for every {@code every}-th conversation of the last 7 days, else line
     * {@code i × 31 mod lines}; later customer messages take line {@code (i × 17 + j × 5) mod lines}; agent replies
     * alternate through four texts; message j is written {@code 90 × (j − 1)} s after the start. Ids are
     * {@code md5(seed:kind:number)} as a uuid, as PostgreSQL's {@code md5(…)::uuid} (the history was written in SQL
     * before issue 22, and the same ids keep a database written then complete).
     */
    private static final class Generator {

        final Plan plan;
        final Instant start;
        final Instant recent;
        final Instant now;
        final double step;
        final int m;
        final int every;
        final int contacts;
        final Verdicts normal;
        final Verdicts emerging;

        Generator(Plan plan, Instant now) {
            this.plan = plan;
            this.now = now;
            this.start = now.minus(Duration.ofDays(plan.days())).truncatedTo(ChronoUnit.MICROS);
            this.recent = now.minus(Duration.ofDays(7));
            this.step = (double) Duration.ofDays(plan.days()).toSeconds() / plan.conversations();
            this.m = Math.max(1, plan.messagesPerConversation());
            this.every = plan.emerging().isEmpty() ? 0 : Math.max(1, plan.emergingEvery());
            this.contacts = Math.max(1, Math.min(plan.conversations(), 500));
            this.normal = verdicts(plan.lines());
            this.emerging = verdicts(plan.emerging());
        }

        /** Up to 500 contacts the conversations take turns on. */
        List<ContactRow> contacts() {
            var rows = new ArrayList<ContactRow>(contacts);
            for (int k = 1; k <= contacts; k++) {
                rows.add(new ContactRow(
                        new ContactId(id("contact", k)),
                        NAMES[k % NAMES.length] + " " + k,
                        "contact" + k + "@example.com",
                        start));
            }
            return rows;
        }

        Chunk chunk(int from, int to) {
            var chunk = new Chunk(
                    new ArrayList<>(),
                    new ArrayList<>(),
                    new ArrayList<>(),
                    new ArrayList<>(),
                    new ArrayList<>(),
                    new ArrayList<>());
            for (int i = from; i <= to; i++) {
                conversation(i, chunk);
            }
            return chunk;
        }

        /** Conversation i, resolved, its alternating messages, sentiment, category, escalation and suggestion. */
        private void conversation(int i, Chunk chunk) {
            var t0 = start.plus(micros((i - 1) * step + (i * 7919 % 600)));
            var resolved = t0.plus(Duration.ofMinutes(20 + i % 240));
            if (!resolved.isBefore(now)) {
                return;
            }
            boolean isEmerging = every > 0 && !t0.isBefore(recent) && i % every == 0;
            var lines = isEmerging ? plan.emerging() : plan.lines();
            int line = isEmerging ? (i / every) % lines.size() : (i * 31) % lines.size();
            var first = lines.get(line);
            var id = new ConversationId(id("conv", i));
            chunk.conversations.add(new ConversationRow(
                    id,
                    new ContactId(id("contact", 1 + i % contacts)),
                    first.text().substring(0, Math.min(60, first.text().length())),
                    ConversationStatus.RESOLVED,
                    "chat",
                    m,
                    t0,
                    resolved,
                    m > 1 ? t0.plusSeconds(30 + i % 570) : null,
                    t0.plusSeconds(90L * ((m - 1) / 2 * 2)),
                    m > 1 ? t0.plusSeconds(90L * ((m - 2) / 2 * 2 + 1)) : null,
                    resolved));
            var opening = new MessageId(id("msg", i + ":1"));
            for (int j = 1; j <= m; j++) {
                var message = j == 1 ? opening : new MessageId(id("msg", i + ":" + j));
                var at = t0.plusSeconds(90L * (j - 1));
                if (j % 2 == 0) {
                    chunk.messages.add(new MessageRow(
                            message, id, AuthorType.AGENT, AGENT_REPLIES[(i + j) % AGENT_REPLIES.length], at));
                    continue;
                }
                var said = j == 1
                        ? first
                        : plan.lines().get((i * 17 + j * 5) % plan.lines().size());
                chunk.messages.add(new MessageRow(message, id, AuthorType.CONTACT, said.text(), at));
                double score = stored(said.score() + ((i * 13 + j) % JITTERS - 5) / 100.0);
                chunk.sentiment.add(new SentimentRow(
                        id("sent", i + ":" + j), message, id, score, label(score), 0.9, "history", at.plusSeconds(1)));
            }
            chunk.categories.add(new CategoryRow(id("cat", i), id, opening, first.category(), 0.8, t0.plusSeconds(1)));
            var verdicts = isEmerging ? emerging : normal;
            int k = line * JITTERS + (i * 13 + 1) % JITTERS;
            if (k < verdicts.rules().size() && !verdicts.rules().get(k).isEmpty()) {
                var opened = t0.plus(Duration.ofMinutes(2));
                chunk.escalations.add(new EscalationRow(
                        new EscalationId(id("esc", i)),
                        id,
                        opening,
                        verdicts.rules().get(k),
                        verdicts.reasons().get(k),
                        Severity.fromDb(verdicts.severities().get(k)),
                        EscalationStatus.RESOLVED,
                        opened,
                        t0.plus(Duration.ofMinutes(15))));
            }
            if (m > 1) {
                chunk.suggestions.add(new SuggestionRow(
                        id("sug", i),
                        id,
                        opening,
                        Suggestion.LIBRARY,
                        AGENT_REPLIES[0],
                        i % 3 == 0 ? "accepted" : i % 7 == 0 ? "edited" : "ignored",
                        t0.plusSeconds(2),
                        t0.plusSeconds(60)));
            }
        }

        private UUID id(String kind, Object number) {
            return md5(plan.seed() + ":" + kind + ":" + number);
        }
    }

    /** Seconds as PostgreSQL's {@code make_interval(secs => …)} takes them: rounded to the microsecond. */
    private static Duration micros(double seconds) {
        return Duration.of((long) Math.rint(seconds * 1_000_000), ChronoUnit.MICROS);
    }

    /** A score as {@code numeric(5, 4)} stores it, within 0–1. */
    private static double stored(double score) {
        return Math.round(Math.min(1, Math.max(0, score)) * 10_000) / 10_000.0;
    }

    /** The pipeline's label for a stored score: below 0.5 negative, above 0.65 positive. */
    private static String label(double score) {
        return score < 0.5 ? "negative" : score > 0.65 ? "positive" : "neutral";
    }

    /** One digest per thread: {@code MessageDigest.getInstance} looks the provider up each time. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** {@code md5(text)::uuid} as PostgreSQL computes it. */
    private static UUID md5(String text) {
        var digest = ByteBuffer.wrap(MD5.get().digest(text.getBytes(StandardCharsets.UTF_8)));
        return new UUID(digest.getLong(), digest.getLong());
    }

    /** The plan's first conversation: present once {@link #generate} ran for the plan. */
    public static ConversationId firstConversation(Plan plan) {
        return new ConversationId(md5(plan.seed() + ":conv:1"));
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
     * like the history's sentiment (below 0.5 negative, above 0.65 positive), confidence 0.9, the line's category.
     */
    static Verdicts verdicts(List<Line> lines) {
        var rules = new ArrayList<String>();
        var severities = new ArrayList<String>();
        var reasons = new ArrayList<String>();
        for (var line : lines) {
            for (int m = 0; m < JITTERS; m++) {
                double score = stored(line.score() + (m - 5) / 100.0);
                var verdict =
                        DefaultRulesVerdict.ofOpening(line.text(), score, label(score), 0.9, Set.of(line.category()));
                rules.add(verdict.map(DefaultRulesVerdict::rule).orElse(""));
                severities.add(verdict.map(v -> v.severity().dbValue()).orElse(""));
                reasons.add(verdict.map(DefaultRulesVerdict::reason).orElse(""));
            }
        }
        return new Verdicts(rules, severities, reasons);
    }
}
