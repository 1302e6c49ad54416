package uk.co.omniops.ops.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import uk.co.omniops.escalation.OperationalAlerts;
import uk.co.omniops.ops.AlertSettings;
import uk.co.omniops.ops.OmniOpsMetrics;
import uk.co.omniops.platform.PlatformSettings;

/**
 * Samples the live meters and evaluates the seed's three alert rules and the Redis rule. Firing inserts one {@code ops_alerts} row
 * per rule (a unique index lets exactly one replica win, so notifications are sent once across the cluster);
 * the all-clear resolves it and tells the same channels.
 */
@Component
public class AlertEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    /** A rule's current judgement: {@code value} is empty while there is too little history or traffic. */
    public record RuleState(
            String rule,
            String title,
            Optional<Double> value,
            double threshold,
            boolean breached,
            String explanation) {}

    /** A stored alert. */
    public record StoredAlert(
            UUID id,
            String rule,
            String status,
            double value,
            double threshold,
            String message,
            String notifications,
            Instant firedAt,
            @org.jspecify.annotations.Nullable Instant resolvedAt) {}

    private final MeterRegistry registry;
    private final AlertSettings settings;
    private final OperationalAlerts alerts;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final String link;
    private final boolean commandMode;
    private final MeterSamples samples;
    private Clock clock = Clock.systemUTC();

    AlertEvaluator(
            MeterRegistry registry,
            AlertSettings settings,
            OperationalAlerts alerts,
            JdbcClient jdbc,
            TransactionTemplate tx,
            PlatformSettings platform,
            @Value("${omniops.command-mode:false}") boolean commandMode) {
        this.registry = registry;
        this.settings = settings;
        this.alerts = alerts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.link = platform.appUrl().replaceAll("/+$", "") + "/admin/health";
        this.commandMode = commandMode;
        var keep = settings.costWindow().compareTo(settings.errorRateWindow()) > 0
                ? settings.costWindow()
                : settings.errorRateWindow();
        this.samples = new MeterSamples(keep.plusMinutes(2));
    }

    /** Test hook: evaluate at controlled instants. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${omniops.alerts.evaluation-interval:15s}", initialDelayString = "10s")
    void scheduled() {
        if (settings.enabled() && !commandMode) {
            evaluate();
        }
    }

    /** Takes a sample and acts on every rule; returns the states it judged. */
    public synchronized List<RuleState> evaluate() {
        samples.add(new MeterSamples.Sample(
                Instant.now(clock),
                count(null),
                count("server_error"),
                gauge(OmniOpsMetrics.ML_API_AVAILABILITY, 1.0),
                gauge(OmniOpsMetrics.ML_API_COST_DAILY, 0.0),
                gauge(OmniOpsMetrics.REDIS_AVAILABLE, 1.0)));
        var states = states();
        for (var state : states) {
            try {
                act(AlertRule.valueOf(state.rule()), state);
            } catch (RuntimeException e) {
                log.warn("Alert rule {} could not be evaluated: {}", state.rule(), e.toString());
            }
        }
        return states;
    }

    /** The current judgement of each rule from the samples so far (no side effects). */
    public List<RuleState> states() {
        var errorRate = samples.errorRatePercent(settings.errorRateWindow(), settings.minimumRequests());
        var availability = samples.maxAvailability(settings.availabilityWindow());
        var cost = samples.minCostToday(settings.costWindow());
        var costLimit = settings.mlDailyBudgetUsd() * settings.costPercentOfBudget() / 100.0;
        var redis = samples.maxRedisAvailable(settings.redisWindow());
        return List.of(
                new RuleState(
                        AlertRule.ERROR_RATE.name(),
                        AlertRule.ERROR_RATE.title(),
                        errorRate,
                        settings.errorRatePercent(),
                        errorRate.map(v -> v > settings.errorRatePercent()).orElse(false),
                        errorRate
                                .map(v -> "%.2f %% of API requests failed over the last %s"
                                        .formatted(v, human(settings.errorRateWindow())))
                                .orElse("fewer than " + settings.minimumRequests() + " API requests in the last "
                                        + human(settings.errorRateWindow()))),
                new RuleState(
                        AlertRule.ML_AVAILABILITY.name(),
                        AlertRule.ML_AVAILABILITY.title(),
                        availability,
                        settings.availability(),
                        availability.map(v -> v < settings.availability()).orElse(false),
                        availability
                                .map(v -> "at most %.1f %% available over the last %s"
                                        .formatted(100 * v, human(settings.availabilityWindow())))
                                .orElse("collecting " + human(settings.availabilityWindow()) + " of history")),
                new RuleState(
                        AlertRule.ML_DAILY_COST.name(),
                        AlertRule.ML_DAILY_COST.title(),
                        cost,
                        costLimit,
                        cost.map(v -> v > costLimit).orElse(false),
                        cost.map(v -> "at least USD %.2f today over the last %s (budget USD %.2f)"
                                        .formatted(v, human(settings.costWindow()), settings.mlDailyBudgetUsd()))
                                .orElse("collecting " + human(settings.costWindow()) + " of history")),
                new RuleState(
                        AlertRule.REDIS_UNAVAILABLE.name(),
                        AlertRule.REDIS_UNAVAILABLE.title(),
                        redis,
                        1.0,
                        redis.map(v -> v < 1.0).orElse(false),
                        redis.map(v -> v < 1.0
                                        ? "Redis has not answered for %s: jobs run in-process, live updates stay on their replica"
                                                .formatted(human(settings.redisWindow()))
                                        : "Redis answered within the last " + human(settings.redisWindow()))
                                .orElse("collecting " + human(settings.redisWindow()) + " of history")));
    }

    private void act(AlertRule rule, RuleState state) {
        if (state.breached()) {
            var message = rule.title() + ": " + state.explanation();
            var id = UUID.randomUUID();
            Integer inserted = tx.execute(s -> jdbc.sql("""
                    insert into ops_alerts (id, rule, status, value, threshold, message) values (?, ?, 'firing', ?, ?, ?)
                    on conflict (rule) where status = 'firing' do nothing""")
                    .params(id, rule.name(), state.value().orElse(0.0), state.threshold(), message)
                    .update());
            if (inserted != null && inserted == 1) {
                log.warn("ALERT {}", message);
                var outcome = alerts.send(rule.key(), rule.title(), state.explanation(), link, rule.channels(), false);
                record(id, outcome);
            }
        } else if (state.value().isPresent()) {
            var firing = tx.execute(
                    s -> jdbc.sql("""
                    update ops_alerts set status = 'resolved', resolved_at = now()
                     where rule = ? and status = 'firing' returning id""").param(rule.name()).query(UUID.class).optional());
            if (firing != null && firing.isPresent()) {
                log.info("RESOLVED {}: {}", rule.title(), state.explanation());
                alerts.send(
                        rule.key(),
                        rule.title(),
                        "back to normal: " + state.explanation(),
                        link,
                        rule.channels(),
                        true);
            }
        }
    }

    private void record(UUID id, Map<OperationalAlerts.Channel, String> outcome) {
        var text = outcome.entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        tx.execute(s -> jdbc.sql("update ops_alerts set notifications = ? where id = ?")
                .params(text, id)
                .update());
    }

    public List<StoredAlert> recent(int limit) {
        return tx.execute(s -> jdbc.sql("""
                select id, rule, status, value, threshold, message, notifications, fired_at, resolved_at
                  from ops_alerts order by fired_at desc limit ?""")
                .param(limit)
                .query((rs, i) -> new StoredAlert(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()))
                .list());
    }

    private double count(@org.jspecify.annotations.Nullable String outcome) {
        return registry.find(OmniOpsMetrics.REQUESTS).counters().stream()
                .filter(c -> outcome == null || outcome.equals(c.getId().getTag("outcome")))
                .mapToDouble(Counter::count)
                .sum();
    }

    private double gauge(String name, double fallback) {
        var g = registry.find(name).gauge();
        return g == null || Double.isNaN(g.value()) ? fallback : g.value();
    }

    private static String human(java.time.Duration d) {
        return d.toHours() >= 1 && d.toMinutesPart() == 0
                ? d.toHours() + " h"
                : d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
