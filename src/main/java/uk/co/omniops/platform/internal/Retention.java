package uk.co.omniops.platform.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.Pruning;
import uk.co.omniops.platform.RetentionSettings;

/**
 * The retention run: every {@code omniops.retention.interval} (1 h) one replica of the cluster (ShedLock lock
 * {@code retention} in the {@code shedlock} table, database time) asks every module's {@link Pruning} to delete its
 * rows older than their {@link RetentionSettings retention}. A failing part (database unavailable) is logged and
 * the others go on; the next run tries again.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final List<Pruning> prunings;
    private final RetentionSettings settings;
    private final LockingTaskExecutor locks;
    private final boolean commandMode;

    Retention(
            List<Pruning> prunings,
            RetentionSettings settings,
            JdbcTemplate jdbcTemplate,
            @Value("${omniops.command-mode:false}") boolean commandMode) {
        this.prunings = prunings;
        this.settings = settings;
        this.locks = new DefaultLockingTaskExecutor(
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(jdbcTemplate)
                        .withTableName("shedlock")
                        .usingDbTime()
                        .build()));
        this.commandMode = commandMode;
    }

    @Scheduled(
            fixedDelayString = "${omniops.retention.interval:1h}",
            initialDelayString = "${omniops.retention.initial-delay:10m}")
    void scheduled() {
        if (commandMode) {
            return;
        }
        try {
            // held at least a minute: a replica whose timer fires a moment later finds the run done and skips it
            locks.executeWithLock(
                    (Runnable) () -> prune(Instant.now()),
                    new LockConfiguration(Instant.now(), "retention", Duration.ofMinutes(30), Duration.ofMinutes(1)));
        } catch (RuntimeException e) {
            log.warn("Retention run failed (database unavailable?): {}", e.toString());
        }
    }

    /** One run at {@code now}, without the lock; returns the rows deleted per table. */
    Map<String, Integer> prune(Instant now) {
        var deleted = new LinkedHashMap<String, Integer>();
        for (var pruning : prunings) {
            try {
                deleted.merge(pruning.table(), pruning.prune(now, settings), Integer::sum);
            } catch (RuntimeException e) {
                log.warn("Retention of {} failed: {}", pruning.table(), e.toString());
            }
        }
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            log.info("Retention deleted {}", deleted);
        }
        return deleted;
    }
}
