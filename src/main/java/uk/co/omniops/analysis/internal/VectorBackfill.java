package uk.co.omniops.analysis.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.AnalysisSettings;
import uk.co.omniops.analysis.MessageSource.MessageText;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.platform.JobHandler;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The vector backfill: analysed contact messages without a sentence vector (analysed before V14, or while the kill
 * switch was on) get one in {@code message_embeddings}, so that similar conversations and semantic topics see them.
 * It reuses the backfill machinery of decision 015 on the job queue, as background work (its own streams, at most
 * {@code omniops.jobs.background-concurrency} jobs at once per replica, so live analysis never waits behind it):
 * <ul>
 * <li>every start ({@code omniops.analysis.embeddings.backfill}, on by default) queues one {@value #SCAN} job per
 * customer ({@link Jobs#resubmit}: one per customer however many replicas start);</li>
 * <li>the scan reads, in the customer's tenant transaction, the conversations that have an analysed message without a
 * vector (an anti-join on the analysis tables, {@value #SCAN_PAGE} conversations a page, a full page queues the scan
 * of the next) and queues one {@value #TYPE} job per conversation;</li>
 * <li>that job reads the conversation once, encodes its contact messages that still have no vector, paced to at most
 * {@code omniops.analysis.embeddings.backfill-rate} messages a second per replica, and stores them in one tenant
 * transaction ({@code on conflict do nothing}: a live job that stored one meanwhile keeps its own); a resolved
 * conversation joins this replica's similar-conversation index at once (other replicas' indexes when reloaded).</li>
 * </ul>
 * Resumable (a restart scans again and queues only what still lacks a vector), idempotent (a second run finds nothing
 * and writes nothing) and tenant-safe (every read and write is in the customer's tenant transaction under row-level
 * security). With the kill switch there is no encoder: nothing is queued and the jobs do nothing.
 */
@Component
class VectorBackfill {

    static final String SCAN = "embedding-backfill-scan";
    static final String TYPE = "embedding-backfill";
    static final int SCAN_PAGE = 1_000;

    private static final Logger log = LoggerFactory.getLogger(VectorBackfill.class);

    private final MessageEmbeddings embeddings;
    private final ConversationManagement conversations;
    private final TenantTransactions transactions;
    private final TenancyManagement customers;
    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final SimilarConversations similar;
    private final boolean startAutomatically;
    private final long nanosPerMessage;
    private long nextFree = System.nanoTime();

    VectorBackfill(
            MessageEmbeddings embeddings,
            ConversationManagement conversations,
            TenantTransactions transactions,
            TenancyManagement customers,
            JdbcClient jdbc,
            Jobs jobs,
            SimilarConversations similar,
            AnalysisSettings settings) {
        this.embeddings = embeddings;
        this.conversations = conversations;
        this.transactions = transactions;
        this.customers = customers;
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.similar = similar;
        this.startAutomatically = settings.embeddings().backfill();
        this.nanosPerMessage =
                TimeUnit.SECONDS.toNanos(1) / settings.embeddings().backfillRate();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!startAutomatically || !embeddings.enabled()) {
            return;
        }
        var queued = startAll();
        log.info("vector backfill: {} customer scan(s) queued", queued);
    }

    /** Queues a scan for every customer; returns how many were queued (a scan already waiting is not queued twice). */
    int startAll() {
        if (!embeddings.enabled()) {
            return 0;
        }
        var ids = customers.allCustomers().stream().map(c -> c.id()).toList();
        return (int) ids.stream()
                .filter(id -> jobs.resubmit(SCAN, id.value(), id.value(), null))
                .count();
    }

    /**
     * A page of the customer's conversations (in id order, after {@code after}) with an analysed contact message that
     * has no vector, each queued as a {@value #TYPE} job; a full page queues the scan of the next one (subject: the
     * page's last conversation, parent: the customer), so that one scan job stays short. Returns the page's size.
     */
    int scan(CustomerId customer, @Nullable UUID after) {
        if (!embeddings.enabled()) {
            return 0;
        }
        var from = after == null ? new UUID(0, 0) : after;
        var missing = transactions.readInTenant(
                customer,
                () -> jdbc.sql("""
                select distinct a.conversation_id
                  from (select conversation_id, message_id from sentiment_analysis where customer_id = ?
                        union all
                        select conversation_id, message_id from conversation_categories
                         where customer_id = ? and message_id is not null) a
                 where a.conversation_id > ?
                   and not exists (select 1 from message_embeddings e where e.message_id = a.message_id)
                 order by 1
                 limit ?""")
                        .params(customer.value(), customer.value(), from, SCAN_PAGE)
                        .query((rs, i) -> rs.getObject(1, UUID.class))
                        .list());
        var queued = 0;
        for (var conversation : missing) {
            if (jobs.resubmit(TYPE, customer.value(), conversation, null)) {
                queued++;
            }
        }
        if (missing.size() == SCAN_PAGE) {
            jobs.resubmit(SCAN, customer.value(), missing.getLast(), customer.value());
        }
        log.debug(
                "vector backfill of customer {}: {} conversation(s) with messages lacking a vector, {} queued",
                customer,
                missing.size(),
                queued);
        return missing.size();
    }

    /** Encodes and stores the vectors the conversation's contact messages lack; returns how many it stored. */
    int fill(CustomerId customer, ConversationId conversation) throws InterruptedException {
        if (!embeddings.enabled()) {
            return 0;
        }
        var details = conversations.find(customer, conversation);
        if (details.isEmpty()) {
            return 0;
        }
        var contact = details.get().messages().stream()
                .filter(m -> m.authorType() == AuthorType.CONTACT && !m.internal())
                .map(ConversationMessageSource::text)
                .toList();
        if (contact.isEmpty()) {
            return 0;
        }
        var have = transactions.readInTenant(
                customer,
                () -> embeddings.storedAmong(
                        customer, contact.stream().map(MessageText::id).toList()));
        var missing = contact.stream().filter(m -> !have.contains(m.id())).toList();
        if (missing.isEmpty()) {
            return 0;
        }
        pace(missing.size());
        var rows = embeddings.embed(missing);
        int stored = transactions.inTenant(customer, () -> {
            var meanwhile = embeddings.storedAmong(
                    customer, missing.stream().map(MessageText::id).toList());
            List<MessageEmbeddings.Row> fresh =
                    rows.stream().filter(r -> !meanwhile.contains(r.message())).toList();
            embeddings.storeAll(customer, fresh);
            return fresh.size();
        });
        if (stored > 0 && details.get().conversation().status() == ConversationStatus.RESOLVED) {
            similar.vectorsAdded(customer, conversation);
        }
        return stored;
    }

    /** Waits for this replica's turn to encode {@code messages} more messages (at most the configured rate). */
    private void pace(int messages) throws InterruptedException {
        long wait;
        synchronized (this) {
            var now = System.nanoTime();
            var start = Math.max(nextFree, now);
            nextFree = start + messages * nanosPerMessage;
            wait = start - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * {@value VectorBackfill#SCAN}: the first page of a customer (subject: the customer), or the page after a
     * conversation (subject: that conversation, parent: the customer).
     */
    @Component
    static class ScanJobs implements JobHandler {

        private final VectorBackfill backfill;

        ScanJobs(VectorBackfill backfill) {
            this.backfill = backfill;
        }

        @Override
        public String type() {
            return SCAN;
        }

        @Override
        public boolean background() {
            return true;
        }

        @Override
        public void handle(Jobs.Job job) {
            backfill.scan(new CustomerId(job.customerId()), job.parentId() == null ? null : job.subjectId());
        }
    }

    /** {@value VectorBackfill#TYPE}: one per conversation (the subject). */
    @Component
    static class FillJobs implements JobHandler {

        private final VectorBackfill backfill;

        FillJobs(VectorBackfill backfill) {
            this.backfill = backfill;
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public boolean background() {
            return true;
        }

        @Override
        public void handle(Jobs.Job job) throws InterruptedException {
            var stored = backfill.fill(new CustomerId(job.customerId()), new ConversationId(job.subjectId()));
            log.debug("{} of conversation {}: {} vector(s) stored", TYPE, job.subjectId(), stored);
        }
    }
}
