package uk.co.omniops.analysis.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.Pruning;
import uk.co.omniops.platform.RetentionSettings;
import uk.co.omniops.tenancy.TenantTransactions;

/** The external-AI cost ledger ({@code ai_usage}) after {@code omniops.retention.ai-usage} (400 days). */
@Component
class AiUsageRetention implements Pruning {

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    AiUsageRetention(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public String table() {
        return "ai_usage";
    }

    @Override
    public int prune(Instant now, RetentionSettings retention) {
        var cutoff = Timestamp.from(now.minus(retention.aiUsage()));
        return Pruning.inBatches(batch -> transactions.asPlatform(
                "retention: ai_usage", () -> jdbc.sql("""
                delete from ai_usage where id in (select id from ai_usage where created_at < ? limit ?)""").params(cutoff, batch).update()));
    }
}
