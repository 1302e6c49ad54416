package uk.co.omniops.workspace.ui;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationSummary;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The inbox reads that every open inbox of a customer makes after the same live update, made once per replica. A live
 * update reaches all of the customer's open inboxes at once and each used to read its rows, its row count and its chip
 * counts again: with 666 inboxes of one customer open (bench/push-sessions.sh) that was ≈ 2,000 reads per update, and
 * the 10-connection pool timed out at ≈ 1,800 sessions. Here an inbox takes the answer of a read of the same question
 * (customer, filters, sort, range; the viewer only where the scope is "mine") that <em>started after</em> it received
 * its update — a read that started later has seen the change, since updates are sent after commit — and otherwise
 * reads, sharing its answer with the inboxes that ask while it runs or after. Answers are never older than the
 * asking inbox's update, so sharing changes how often PostgreSQL is asked, not what an agent sees.
 */
@Component
class InboxReads {

    private static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Key(String what, CustomerId customer, Object question) {}

    private record Read(long startedNanos, CompletableFuture<Object> answer) {}

    private final ConversationManagement conversations;
    private final ConcurrentHashMap<Key, Read> reads = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());
    private final Counter made;
    private final Counter shared;

    InboxReads(ConversationManagement conversations, MeterRegistry meters) {
        this.conversations = conversations;
        this.made = Counter.builder("omniops.ui.inbox_reads")
                .tag("outcome", "read")
                .description("Inbox reads after live updates: made, or answered by a read of the same question")
                .register(meters);
        this.shared = Counter.builder("omniops.ui.inbox_reads")
                .tag("outcome", "shared")
                .description("Inbox reads after live updates: made, or answered by a read of the same question")
                .register(meters);
    }

    /** The rows {@code conversations.inbox} gives, as read at or after {@code notBefore} ({@link System#nanoTime}). */
    List<ConversationSummary> inbox(CustomerId customer, InboxQuery query, int offset, int limit, long notBefore) {
        return shared(
                new Key("rows", customer, List.of(question(query), offset, limit)),
                notBefore,
                () -> conversations.inbox(customer, query, offset, limit));
    }

    int count(CustomerId customer, InboxQuery query, long notBefore) {
        return shared(
                new Key("count", customer, question(query)), notBefore, () -> conversations.count(customer, query));
    }

    /** The chips' counts for {@code viewer}: one read of the customer's counts by assignee serves every agent. */
    Map<InboxQuery.Scope, Integer> scopeCounts(CustomerId customer, UUID viewer, long notBefore) {
        return this.<uk.co.omniops.conversation.OpenCounts>shared(
                        new Key("open", customer, "by assignee"), notBefore, () -> conversations.openCounts(customer))
                .forViewer(viewer);
    }

    /** The viewer matters only to "mine": other scopes are the same question for every agent of the customer. */
    private static InboxQuery question(InboxQuery q) {
        return q.scope() == InboxQuery.Scope.MINE
                ? q
                : new InboxQuery(q.scope(), null, q.statuses(), q.priorities(), q.sort(), q.sentimentLabels());
    }

    @SuppressWarnings("unchecked")
    private <V> V shared(Key key, long notBefore, Supplier<V> read) {
        // taken before the read starts: a read counts as after the update only if this is
        var mine = new Read(System.nanoTime(), new CompletableFuture<>());
        var current = reads.compute(key, (k, old) -> old != null && old.startedNanos() - notBefore >= 0 ? old : mine);
        if (current == mine) {
            made.increment();
            try {
                mine.answer().complete(read.get());
            } catch (RuntimeException e) {
                reads.remove(key, mine);
                mine.answer().completeExceptionally(e);
                throw e;
            } finally {
                sweep();
            }
        } else {
            shared.increment();
        }
        try {
            return (V) current.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Forgets answers older than 30 s, at most once a second (an inbox whose update is older reads anew). */
    private void sweep() {
        var now = System.nanoTime();
        var last = lastSweep.get();
        if (now - last > TimeUnit.SECONDS.toNanos(1) && lastSweep.compareAndSet(last, now)) {
            reads.values().removeIf(r -> r.answer().isDone() && now - r.startedNanos() > KEEP_NANOS);
        }
    }
}
