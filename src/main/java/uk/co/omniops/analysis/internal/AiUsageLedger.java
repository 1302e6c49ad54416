package uk.co.omniops.analysis.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/** One {@code ai_usage} row per external model call: tokens, cost in USD, latency, outcome. Never throws. */
class AiUsageLedger implements UsageRecorder {

    private static final Logger log = LoggerFactory.getLogger(AiUsageLedger.class);

    /** USD per million prompt / completion tokens (public list prices; unknown models cost 0 and are logged). */
    private static final Map<String, double[]> PRICES = Map.of(
            "gpt-4o-mini", new double[] {0.15, 0.60},
            "gpt-4o", new double[] {2.50, 10.00},
            "gpt-4.1-mini", new double[] {0.40, 1.60},
            "gpt-4.1", new double[] {2.00, 8.00});

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    AiUsageLedger(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    static BigDecimal cost(String model, int promptTokens, int completionTokens) {
        var price = PRICES.get(model);
        if (price == null) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf((promptTokens * price[0] + completionTokens * price[1]) / 1_000_000.0)
                .setScale(6, RoundingMode.HALF_UP);
    }

    @Override
    public void record(CustomerId customer, String feature, String model, int promptTokens, int completionTokens,
            long latencyMillis, String outcome) {
        try {
            if (!PRICES.containsKey(model) && promptTokens > 0) {
                log.debug("No price for model {}: cost recorded as 0", model);
            }
            transactions.inTenant(customer, () -> jdbc.sql("""
                    insert into ai_usage (id, customer_id, feature, model, prompt_tokens, completion_tokens, cost_usd, latency_ms, outcome)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), customer.value(), feature, model, promptTokens, completionTokens,
                            cost(model, promptTokens, completionTokens), (int) Math.min(latencyMillis, Integer.MAX_VALUE), outcome)
                    .update());
        } catch (RuntimeException e) {
            log.warn("AI usage not recorded for customer {}: {}", customer, e.toString());
        }
    }
}
