package uk.co.omniops.insight.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightSettings;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * The two recurring jobs, each behind a ShedLock lock in PostgreSQL ({@code shedlock} table, database time):
 * <ul>
 * <li><b>extraction</b> on {@code INSIGHTS_EXTRACTION_SCHEDULE}: once per cron tick across all replicas. The lock is
 * held at least {@link #minimumHold} (5 min, or half the cron interval if shorter), so a replica whose trigger fires
 * a little later finds it taken and skips. For every customer with {@code CONVERSATION_INSIGHTS} on: the last 7 UTC
 * days, today included (the report page's default period), against the 7 days before
 * (docs/decisions/011-insights.md).</li>
 * <li><b>aggregation</b> every {@code BATCH_PROCESSING_INTERVAL} (and 20 s after start): incremental refresh of every
 * such customer; one replica at a time (a concurrent run would be harmless, the upserts are idempotent).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class InsightSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(InsightSchedule.class);

    static final String EXTRACTION_LOCK = "insights-extraction";
    static final String AGGREGATION_LOCK = "insights-aggregation";
    /** The scheduled period: the report page's default, "Last 7 days" (whole UTC days, today included). */
    static final int DEFAULT_DAYS = 7;

    private final Jobs jobs;
    private final InsightSettings settings;

    InsightSchedule(Jobs jobs, InsightSettings settings) {
        this.jobs = jobs;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addCronTask(jobs::extractScheduled, settings.springCron());
        registrar.addFixedDelayTask(new org.springframework.scheduling.config.FixedDelayTask(
                jobs::aggregateAll, settings.batchProcessingInterval(), Duration.ofSeconds(20)));
    }

    @Bean
    static LockProvider insightLockProvider(JdbcTemplate jdbcTemplate) {
        return lockProvider(jdbcTemplate);
    }

    static LockProvider lockProvider(JdbcTemplate jdbcTemplate) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbcTemplate)
                .withTableName("shedlock")
                .usingDbTime()
                .build());
    }

    @Bean
    static Jobs insightJobs(
            LockProvider insightLockProvider,
            InsightService service,
            InsightAggregator aggregator,
            TenancyManagement tenancy,
            FeatureFlags flags,
            InsightSettings settings) {
        return new Jobs(
                new DefaultLockingTaskExecutor(insightLockProvider),
                service,
                aggregator,
                tenancy,
                flags,
                settings,
                EXTRACTION_LOCK,
                Clock.systemUTC());
    }

    /** At most 5 minutes, and at most half the time between two cron ticks. */
    static Duration minimumHold(String springCron, Instant now) {
        var cron = CronExpression.parse(springCron);
        var t = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        var next = cron.next(t);
        var after = next == null ? null : cron.next(next);
        if (next == null || after == null) {
            return Duration.ofMinutes(5);
        }
        var half = Duration.between(next, after).dividedBy(2);
        return half.compareTo(Duration.ofMinutes(5)) < 0 ? half : Duration.ofMinutes(5);
    }

    /** The locked jobs; separate from the configuration so tests can run two "replicas" of them. */
    static final class Jobs {

        private final LockingTaskExecutor executor;
        private final InsightService service;
        private final InsightAggregator aggregator;
        private final TenancyManagement tenancy;
        private final FeatureFlags flags;
        private final InsightSettings settings;
        private final String extractionLock;
        private final Clock clock;

        Jobs(
                LockingTaskExecutor executor,
                InsightService service,
                InsightAggregator aggregator,
                TenancyManagement tenancy,
                FeatureFlags flags,
                InsightSettings settings,
                String extractionLock,
                Clock clock) {
            this.executor = executor;
            this.service = service;
            this.aggregator = aggregator;
            this.tenancy = tenancy;
            this.flags = flags;
            this.settings = settings;
            this.extractionLock = extractionLock;
            this.clock = clock;
        }

        /** @return customers extracted, or -1 when another replica holds this tick's lock */
        int extractScheduled() {
            var now = clock.instant();
            var config = new LockConfiguration(
                    now, extractionLock, Duration.ofHours(1), minimumHold(settings.springCron(), now));
            try {
                var result = executor.executeWithLock(() -> extractAll(now), config);
                if (!result.wasExecuted()) {
                    log.info("Insights extraction skipped: another replica runs this tick");
                    return -1;
                }
                return result.getResult();
            } catch (Throwable e) {
                log.error("Insights extraction failed", e);
                return 0;
            }
        }

        private int extractAll(Instant now) {
            var period = InsightPeriod.lastDays(DEFAULT_DAYS, now);
            int done = 0;
            for (var customer : tenancy.allCustomers()) {
                if (!flags.isEnabled(customer.id(), Feature.CONVERSATION_INSIGHTS)) {
                    continue;
                }
                try {
                    service.extract(customer.id(), period, false);
                    done++;
                } catch (RuntimeException e) {
                    log.error("Insights extraction failed for {}", customer.slug(), e);
                }
            }
            return done;
        }

        void aggregateAll() {
            var now = clock.instant();
            var hold = settings.batchProcessingInterval().dividedBy(2);
            var config = new LockConfiguration(
                    now,
                    AGGREGATION_LOCK,
                    Duration.ofMinutes(30),
                    hold.compareTo(Duration.ofMinutes(1)) < 0 ? hold : Duration.ofMinutes(1));
            executor.executeWithLock(
                    (Runnable) () -> {
                        for (var customer : tenancy.allCustomers()) {
                            if (!flags.isEnabled(customer.id(), Feature.CONVERSATION_INSIGHTS)) {
                                continue;
                            }
                            try {
                                aggregator.refresh(customer.id());
                            } catch (RuntimeException e) {
                                log.warn("Insight aggregation failed for {}: {}", customer.slug(), e.toString());
                            }
                        }
                    },
                    config);
        }
    }
}
