package uk.co.omniops.escalation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.Pruning;
import uk.co.omniops.platform.RetentionSettings;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Sent and given-up rows of the notification outbox after {@code omniops.retention.escalation-notifications}
 * (90 days). A pending row is never deleted: it is a notification still to be sent.
 */
@Component
class NotificationRetention implements Pruning {

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    NotificationRetention(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public String table() {
        return "escalation_notifications";
    }

    @Override
    public int prune(Instant now, RetentionSettings retention) {
        var cutoff = Timestamp.from(now.minus(retention.escalationNotifications()));
        return Pruning.inBatches(batch -> transactions.asPlatform(
                "retention: escalation_notifications",
                () -> jdbc.sql("""
                        delete from escalation_notifications where id in (
                            select id from escalation_notifications
                             where status in ('sent', 'failed') and created_at < ? limit ?)""").params(cutoff, batch).update()));
    }
}
