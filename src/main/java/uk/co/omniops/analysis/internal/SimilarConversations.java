package uk.co.omniops.analysis.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import uk.co.omniops.analysis.SimilarConversation;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationResolved;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Resolved conversations that read like a given one, from an in-memory index per customer: each resolved
 * conversation's direction (the normalised mean of its contact messages' sentence vectors, int8), at most
 * {@value #MAX_PER_CUSTOMER} per customer, most recently resolved first. An index is loaded on a customer's first
 * question, takes conversations resolved since from the database every {@link #REFRESH} (other replicas' resolutions)
 * and at once from {@link ConversationResolved} on the replica that handles it, and is dropped after {@link #IDLE}
 * unused. A scan is exact (no approximate index): ~20 k dot products of 384 dimensions, a few milliseconds.
 * Tenant isolation: an index holds one customer's rows, read under that customer's row-level security, and every
 * match is read back through {@link ConversationManagement#find} under the same customer.
 *
 * @see <a href="../../../../../../../../docs/decisions/018-similar-conversations.md">decision 018</a>
 */
@Component
public class SimilarConversations {

    static final int MAX_PER_CUSTOMER = 20_000;
    /** Below this cosine two conversations are about different things (MiniLM: unrelated support messages ≈ 0.1–0.4). */
    static final double MIN_SIMILARITY = 0.5;

    static final Duration REFRESH = Duration.ofMinutes(5);
    static final Duration IDLE = Duration.ofMinutes(30);
    private static final int LOAD_CHUNK = 2_000;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SimilarConversations.class);

    private final MessageEmbeddings embeddings;
    private final ConversationManagement conversations;
    private final TenantTransactions transactions;
    private final Clock clock = Clock.systemUTC();
    private final Map<CustomerId, Index> indexes = new ConcurrentHashMap<>();

    SimilarConversations(
            MessageEmbeddings embeddings, ConversationManagement conversations, TenantTransactions transactions) {
        this.embeddings = embeddings;
        this.conversations = conversations;
        this.transactions = transactions;
    }

    /** One customer's index: conversation → int8 direction ({@link EmbeddingCodec}). */
    private static final class Index {
        final Map<ConversationId, byte[]> directions = new ConcurrentHashMap<>();
        volatile Instant newestResolved = Instant.EPOCH;
        volatile Instant refreshedAt = Instant.EPOCH;
        volatile Instant usedAt = Instant.EPOCH;
    }

    /**
     * Up to {@code limit} resolved conversations of the customer most similar to {@code conversation}, best first;
     * empty when the conversation has no vectors (not analysed yet, the kill switch, another customer's).
     */
    public List<SimilarConversation> similar(CustomerId customer, ConversationId conversation, int limit) {
        if (!embeddings.enabled() || limit < 1) {
            return List.of();
        }
        var query = direction(customer, conversation);
        if (query == null) {
            return List.of();
        }
        var index = index(customer);
        var scored = new PriorityQueue<Map.Entry<ConversationId, Double>>(Map.Entry.comparingByValue());
        int keep = limit * 3; // some may have been reopened since
        for (var e : index.directions.entrySet()) {
            if (e.getKey().equals(conversation)) {
                continue;
            }
            double s = EmbeddingCodec.dot(query, e.getValue());
            if (s >= MIN_SIMILARITY) {
                scored.add(Map.entry(e.getKey(), s));
                if (scored.size() > keep) {
                    scored.poll();
                }
            }
        }
        var best = new ArrayList<>(scored);
        best.sort(Map.Entry.<ConversationId, Double>comparingByValue().reversed());
        var result = new ArrayList<SimilarConversation>();
        for (var e : best) {
            if (result.size() == limit) {
                break;
            }
            conversations
                    .find(customer, e.getKey())
                    .filter(d -> d.conversation().status() == ConversationStatus.RESOLVED)
                    .map(d -> describe(d, e.getValue()))
                    .ifPresent(result::add);
        }
        return result;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ConversationResolved event) {
        var index = indexes.get(event.customerId());
        if (index != null) {
            add(event.customerId(), index, List.of(event.conversationId()));
        }
    }

    /**
     * A resolved conversation's vectors were stored after it was resolved (the vector backfill, {@link VectorBackfill}):
     * its direction joins this replica's index if one is loaded (the periodic refresh only reads newly resolved ones).
     */
    void vectorsAdded(CustomerId customer, ConversationId conversation) {
        var index = indexes.get(customer);
        if (index != null) {
            add(customer, index, List.of(conversation));
        }
    }

    /** The customer's index, loaded on first use and topped up every {@link #REFRESH}; idle ones are dropped. */
    private Index index(CustomerId customer) {
        var now = clock.instant();
        indexes.entrySet()
                .removeIf(
                        e -> !e.getKey().equals(customer) && e.getValue().usedAt.isBefore(now.minus(IDLE)));
        var index = indexes.computeIfAbsent(customer, c -> new Index());
        index.usedAt = now;
        if (index.refreshedAt.isBefore(now.minus(REFRESH))) {
            synchronized (index) {
                if (index.refreshedAt.isBefore(now.minus(REFRESH))) {
                    long started = System.nanoTime();
                    var since = index.newestResolved.equals(Instant.EPOCH) ? null : index.newestResolved;
                    var resolved = conversations.resolvedSince(customer, since, MAX_PER_CUSTOMER);
                    resolved.values().stream()
                            .max(Comparator.naturalOrder())
                            .ifPresent(newest -> index.newestResolved = newest);
                    var fresh = resolved.keySet().stream()
                            .filter(id -> !index.directions.containsKey(id))
                            .toList();
                    add(customer, index, fresh);
                    if (since == null) {
                        log.info(
                                "Similar-conversation index of customer {}: {} resolved conversations loaded in {} ms",
                                customer.value(),
                                index.directions.size(),
                                (System.nanoTime() - started) / 1_000_000);
                    }
                    index.refreshedAt = now;
                }
            }
        }
        return index;
    }

    private void add(CustomerId customer, Index index, List<ConversationId> ids) {
        for (int from = 0; from < ids.size(); from += LOAD_CHUNK) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + LOAD_CHUNK));
            var vectors = transactions.readInTenant(customer, () -> embeddings.vectorsOf(customer, chunk));
            vectors.forEach((id, list) -> {
                var d = EmbeddingCodec.meanDirection(list);
                if (d != null) {
                    index.directions.put(id, EmbeddingCodec.encode(d));
                }
            });
        }
    }

    private float @Nullable [] direction(CustomerId customer, ConversationId conversation) {
        var vectors = transactions.readInTenant(customer, () -> embeddings.vectorsOf(customer, List.of(conversation)));
        return EmbeddingCodec.meanDirection(vectors.getOrDefault(conversation, List.of()));
    }

    private static SimilarConversation describe(ConversationDetails d, double similarity) {
        var visible = d.messages().stream().filter(m -> !m.internal()).toList();
        var asked = visible.stream()
                .filter(m -> m.authorType() == AuthorType.CONTACT)
                .findFirst()
                .map(Message::text)
                .orElse(d.conversation().subject());
        var resolution = visible.reversed().stream()
                .filter(m -> m.authorType() == AuthorType.AGENT)
                .findFirst()
                .map(Message::text)
                .orElse(null);
        var resolvedAt = java.util.Objects.requireNonNullElse(
                d.conversation().resolvedAt(), d.conversation().updatedAt());
        return new SimilarConversation(
                d.conversation().id(),
                Math.min(1, similarity),
                d.conversation().subject(),
                asked,
                resolution,
                resolvedAt);
    }
}
