package uk.co.omniops.analysis.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import uk.co.omniops.analysis.AiCost;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Reads the {@code ai_usage} ledger across customers (platform path) and publishes today's total as the seed's
 * {@code omniops.ml_api.cost_daily} gauge (USD since 00:00 UTC, refreshed every minute).
 */
@Component
public class AiCostReport {

    static final String COST_DAILY_METRIC = "omniops.ml_api.cost_daily";

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final AtomicReference<Double> today = new AtomicReference<>(0.0);

    AiCostReport(JdbcClient jdbc, TenantTransactions transactions, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        Gauge.builder(COST_DAILY_METRIC, today, AtomicReference::get)
                .description("USD spent on external AI models since midnight UTC")
                .baseUnit("usd")
                .register(registry);
    }

    /** Records one external model call of any module in the shared ledger; never throws. */
    public void record(uk.co.omniops.tenancy.CustomerId customer, String feature, String model, int promptTokens,
            int completionTokens, long latencyMillis, String outcome) {
        new AiUsageLedger(jdbc, transactions).record(customer, feature, model, promptTokens, completionTokens,
                latencyMillis, outcome);
    }

    public List<AiCost> since(Instant since) {
        return transactions.asPlatform("AI cost report", () -> jdbc.sql("""
                select u.customer_id, c.name, u.model, count(*) as calls,
                       count(*) filter (where u.outcome <> 'success') as failures, coalesce(sum(u.cost_usd), 0) as cost
                  from ai_usage u join customers c on c.id = u.customer_id
                 where u.created_at >= ?
                 group by u.customer_id, c.name, u.model
                 order by cost desc, c.name""")
                .param(java.sql.Timestamp.from(since))
                .query((rs, i) -> new AiCost(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6)))
                .list());
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 5_000)
    void refresh() {
        var midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        today.set(since(midnight).stream().map(AiCost::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue());
    }

    public double todayUsd() {
        return today.get();
    }
}
