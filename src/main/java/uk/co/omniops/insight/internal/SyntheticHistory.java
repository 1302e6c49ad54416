package uk.co.omniops.insight.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.AnalysisImport;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationImport;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.Priority;
import uk.co.omniops.escalation.DefaultRulesVerdict;
import uk.co.omniops.escalation.EscalationImport;
import uk.co.omniops.prediction.PastConversation;
import uk.co.omniops.prediction.PastConversation.PastMessage;
import uk.co.omniops.suggestion.SuggestionImport;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Bulk history for the demo and the benchmark: contacts, resolved conversations, their messages, and what the pipeline
 * would have added (sentiment, categories, escalations, suggestions), written through each owning module's import
 * ({@link ConversationImport}, {@link AnalysisImport}, {@link EscalationImport}, {@link SuggestionImport}: one
 * set-based statement per module and chunk of conversations) in the customer's tenant transaction: minutes for a
 * million messages, where the live pipeline would take hours. Deterministic (ids are md5 of a seed and a number;
 * texts, times and outcomes are arithmetic on the conversation number, see {@link HistoryRows}), so running it twice
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
        var rows = new HistoryRows(plan, now);
        conversations.importContacts(customer, rows.contacts());
        int perChunk = Math.max(1, CHUNK_MESSAGES / rows.m);
        int messages = 0;
        for (int from = 1; from <= plan.conversations(); from += perChunk) {
            var chunk = rows.chunk(from, Math.min(plan.conversations(), from + perChunk - 1));
            conversations.importConversations(customer, chunk.conversations());
            messages += conversations.importMessages(customer, chunk.messages());
            analyses.importSentiment(customer, chunk.sentiment());
            analyses.importCategories(customer, chunk.categories());
            escalations.importEscalations(customer, chunk.escalations());
            suggestions.importSuggestions(customer, chunk.suggestions());
        }
        return messages;
    }

    /** The plan's first conversation: present once {@link #generate} ran for the plan. */
    public static ConversationId firstConversation(Plan plan) {
        return new ConversationId(HistoryRows.md5(plan.seed() + ":conv:1"));
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
                double score = HistoryRows.stored(line.score() + (m - 5) / 100.0);
                var verdict = DefaultRulesVerdict.ofOpening(
                        line.text(), score, HistoryRows.label(score), 0.9, Set.of(line.category()));
                rules.add(verdict.map(DefaultRulesVerdict::rule).orElse(""));
                severities.add(verdict.map(v -> v.severity().dbValue()).orElse(""));
                reasons.add(verdict.map(DefaultRulesVerdict::reason).orElse(""));
            }
        }
        return new Verdicts(rules, severities, reasons);
    }
}
