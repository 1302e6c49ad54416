package uk.co.omniops.platform.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import uk.co.omniops.platform.Pruning;
import uk.co.omniops.platform.RetentionSettings;

/**
 * Spring Modulith's {@code event_publication} table: five or six rows per message, and an ever-growing table slows
 * every lookup of the incomplete ones (at startup, on shutdown, by {@link IncompleteEventsResubmitter}). Completed
 * publications go after {@code completed-events} (7 days). An incomplete one has been resubmitted every 30 s for
 * {@code incomplete-events} (30 days) by then and its listener still fails: it is deleted with a warning naming the
 * event type and the listener, so that a poisoned publication does not stay forever.
 */
@Component
class EventPublicationRetention implements Pruning {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationRetention.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    EventPublicationRetention(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public String table() {
        return "event_publication";
    }

    @Override
    public int prune(Instant now, RetentionSettings retention) {
        var completedBefore = Timestamp.from(now.minus(retention.completedEvents()));
        int completed = Pruning.inBatches(batch ->
                tx.execute(s -> jdbc.sql("""
                delete from event_publication where id in (
                    select id from event_publication where completion_date < ? limit ?)""").params(completedBefore, batch).update()));
        var incompleteBefore = Timestamp.from(now.minus(retention.incompleteEvents()));
        var abandoned = tx.execute(s -> jdbc.sql("""
                delete from event_publication where completion_date is null and publication_date < ?
                returning event_type, listener_id""")
                .param(incompleteBefore)
                .query((rs, i) -> rs.getString(1) + " -> " + rs.getString(2))
                .list());
        if (abandoned != null && !abandoned.isEmpty()) {
            log.warn(
                    "Deleted {} event publication(s) whose listener failed for more than {}: {}",
                    abandoned.size(),
                    retention.incompleteEvents(),
                    abandoned.stream().distinct().limit(20).toList());
        }
        return completed + (abandoned == null ? 0 : abandoned.size());
    }
}
