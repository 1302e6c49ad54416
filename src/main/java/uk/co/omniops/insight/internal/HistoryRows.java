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
import java.util.UUID;
import uk.co.omniops.analysis.AnalysisImport.CategoryRow;
import uk.co.omniops.analysis.AnalysisImport.SentimentRow;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ContactId;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationImport.ContactRow;
import uk.co.omniops.conversation.ConversationImport.ConversationRow;
import uk.co.omniops.conversation.ConversationImport.MessageRow;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.escalation.EscalationId;
import uk.co.omniops.escalation.EscalationImport.EscalationRow;
import uk.co.omniops.escalation.EscalationStatus;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.insight.internal.SyntheticHistory.Line;
import uk.co.omniops.insight.internal.SyntheticHistory.Plan;
import uk.co.omniops.insight.internal.SyntheticHistory.Verdicts;
import uk.co.omniops.suggestion.Suggestion;
import uk.co.omniops.suggestion.SuggestionImport.SuggestionRow;

/**
 * A plan's rows for the owning modules' imports ({@link SyntheticHistory}), arithmetic on the conversation number
 * {@code i} (1…n) and the message number {@code j} (1…m): conversation i starts at
 * {@code start + (i − 1) × step + (i × 7919 mod 600)} seconds and is resolved {@code 20 + i mod 240} minutes later
 * (only conversations resolved before now are written); its first customer line is an emerging one for every
 * {@code every}-th conversation of the last 7 days, else line {@code i × 31 mod lines}; later customer messages take
 * line {@code (i × 17 + j × 5) mod lines}; agent replies alternate through four texts; message j is written
 * {@code 90 × (j − 1)} s after the start. Ids are {@code md5(seed:kind:number)} as a uuid, as PostgreSQL's
 * {@code md5(…)::uuid}: the history was written in SQL before issue 22, and the same ids keep a database written then
 * complete (nothing is inserted twice).
 */
final class HistoryRows {

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

    /** One chunk of conversations with everything written about them. */
    record Chunk(
            List<ConversationRow> conversations,
            List<MessageRow> messages,
            List<SentimentRow> sentiment,
            List<CategoryRow> categories,
            List<EscalationRow> escalations,
            List<SuggestionRow> suggestions) {}

    /** Conversation i's opening: when it starts, its id, its first message and that message's line. */
    private record Opening(
            int i, Instant t0, ConversationId id, MessageId message, Line line, int index, boolean emerging) {}

    private final Plan plan;
    private final Instant start;
    private final Instant recent;
    private final Instant now;
    private final double step;
    private final int every;
    private final int contacts;
    private final Verdicts normal;
    private final Verdicts emerging;

    /** Messages per conversation, at least 1. */
    final int m;

    HistoryRows(Plan plan, Instant now) {
        this.plan = plan;
        this.now = now;
        this.start = now.minus(Duration.ofDays(plan.days())).truncatedTo(ChronoUnit.MICROS);
        this.recent = now.minus(Duration.ofDays(7));
        this.step = (double) Duration.ofDays(plan.days()).toSeconds() / plan.conversations();
        this.m = Math.max(1, plan.messagesPerConversation());
        this.every = plan.emerging().isEmpty() ? 0 : Math.max(1, plan.emergingEvery());
        this.contacts = Math.max(1, Math.min(plan.conversations(), 500));
        this.normal = SyntheticHistory.verdicts(plan.lines());
        this.emerging = SyntheticHistory.verdicts(plan.emerging());
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

    /** Conversations {@code from}…{@code to} (those resolved before now) with everything written about them. */
    Chunk chunk(int from, int to) {
        var chunk = new Chunk(
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>());
        for (int i = from; i <= to; i++) {
            var t0 = start.plus(micros((i - 1) * step + (i * 7919 % 600)));
            var resolved = t0.plus(Duration.ofMinutes(20 + i % 240));
            if (resolved.isBefore(now)) {
                var opening = opening(i, t0);
                chunk.conversations.add(conversation(opening, resolved));
                messages(opening, chunk);
                chunk.categories.add(new CategoryRow(
                        id("cat", i),
                        opening.id(),
                        opening.message(),
                        opening.line().category(),
                        0.8,
                        t0.plusSeconds(1)));
                escalation(opening, chunk);
                suggestion(opening, chunk);
            }
        }
        return chunk;
    }

    private Opening opening(int i, Instant t0) {
        boolean isEmerging = every > 0 && !t0.isBefore(recent) && i % every == 0;
        var lines = isEmerging ? plan.emerging() : plan.lines();
        int index = isEmerging ? (i / every) % lines.size() : (i * 31) % lines.size();
        return new Opening(
                i,
                t0,
                new ConversationId(id("conv", i)),
                new MessageId(id("msg", i + ":1")),
                lines.get(index),
                index,
                isEmerging);
    }

    /** Resolved, with its first customer line as the subject and the times its messages imply. */
    private ConversationRow conversation(Opening o, Instant resolved) {
        var text = o.line().text();
        var t0 = o.t0();
        return new ConversationRow(
                o.id(),
                new ContactId(id("contact", 1 + o.i() % contacts)),
                text.substring(0, Math.min(60, text.length())),
                ConversationStatus.RESOLVED,
                "chat",
                m,
                t0,
                resolved,
                m > 1 ? t0.plusSeconds(30 + o.i() % 570) : null,
                t0.plusSeconds(90L * ((m - 1) / 2 * 2)),
                m > 1 ? t0.plusSeconds(90L * ((m - 2) / 2 * 2 + 1)) : null,
                resolved);
    }

    /** Alternating customer and agent messages; a sentiment score for every customer message, near its line's. */
    private void messages(Opening o, Chunk chunk) {
        int i = o.i();
        for (int j = 1; j <= m; j++) {
            var message = j == 1 ? o.message() : new MessageId(id("msg", i + ":" + j));
            var at = o.t0().plusSeconds(90L * (j - 1));
            if (j % 2 == 0) {
                chunk.messages.add(new MessageRow(
                        message, o.id(), AuthorType.AGENT, AGENT_REPLIES[(i + j) % AGENT_REPLIES.length], at));
                continue;
            }
            var said = j == 1
                    ? o.line()
                    : plan.lines().get((i * 17 + j * 5) % plan.lines().size());
            chunk.messages.add(new MessageRow(message, o.id(), AuthorType.CONTACT, said.text(), at));
            double score = stored(said.score() + ((i * 13 + j) % SyntheticHistory.JITTERS - 5) / 100.0);
            chunk.sentiment.add(new SentimentRow(
                    id("sent", i + ":" + j), message, o.id(), score, label(score), 0.9, "history", at.plusSeconds(1)));
        }
    }

    /**
     * What the default escalation rules make of the first contact message as stored (its line, score with its
     * jitter, label and category), not a fixed share (decision 005).
     */
    private void escalation(Opening o, Chunk chunk) {
        var verdicts = o.emerging() ? emerging : normal;
        int k = o.index() * SyntheticHistory.JITTERS + (o.i() * 13 + 1) % SyntheticHistory.JITTERS;
        if (k >= verdicts.rules().size() || verdicts.rules().get(k).isEmpty()) {
            return;
        }
        chunk.escalations.add(new EscalationRow(
                new EscalationId(id("esc", o.i())),
                o.id(),
                o.message(),
                verdicts.rules().get(k),
                verdicts.reasons().get(k),
                Severity.fromDb(verdicts.severities().get(k)),
                EscalationStatus.RESOLVED,
                o.t0().plus(Duration.ofMinutes(2)),
                o.t0().plus(Duration.ofMinutes(15))));
    }

    /** A library suggestion per conversation with an agent reply, accepted, edited or ignored by number. */
    private void suggestion(Opening o, Chunk chunk) {
        if (m == 1) {
            return;
        }
        int i = o.i();
        chunk.suggestions.add(new SuggestionRow(
                id("sug", i),
                o.id(),
                o.message(),
                Suggestion.LIBRARY,
                AGENT_REPLIES[0],
                i % 3 == 0 ? "accepted" : i % 7 == 0 ? "edited" : "ignored",
                o.t0().plusSeconds(2),
                o.t0().plusSeconds(60)));
    }

    private UUID id(String kind, Object number) {
        return md5(plan.seed() + ":" + kind + ":" + number);
    }

    /** Seconds as PostgreSQL's {@code make_interval(secs => …)} takes them: rounded to the microsecond. */
    private static Duration micros(double seconds) {
        return Duration.of((long) Math.rint(seconds * 1_000_000), ChronoUnit.MICROS);
    }

    /** A score as {@code numeric(5, 4)} stores it, within 0–1. */
    static double stored(double score) {
        return Math.round(Math.min(1, Math.max(0, score)) * 10_000) / 10_000.0;
    }

    /** The pipeline's label for a stored score: below 0.5 negative, above 0.65 positive. */
    static String label(double score) {
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
    static UUID md5(String text) {
        var digest = ByteBuffer.wrap(MD5.get().digest(text.getBytes(StandardCharsets.UTF_8)));
        return new UUID(digest.getLong(), digest.getLong());
    }
}
