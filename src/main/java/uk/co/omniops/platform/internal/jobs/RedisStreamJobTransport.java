package uk.co.omniops.platform.internal.jobs;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.JobSettings;
import uk.co.omniops.platform.Jobs.Job;
import uk.co.omniops.platform.RedisMode;

/**
 * Distributes jobs through Redis Streams: one stream {@code omniops:jobs:<type>} and one consumer group
 * {@code workers} per job type, one consumer per replica. Entries carry only the job id (the row is the
 * truth). Every delivery is acknowledged after its run, whatever the outcome: retries are scheduled in the
 * database and published again by the sweeper. Entries a dead replica never acknowledged are taken over with
 * {@code XAUTOCLAIM} after {@code omniops.jobs.claim-idle}. When Redis is down, publishing fails quietly and
 * the readers retry every second; after Redis returns (possibly empty) groups are created again and the sweeper
 * re-publishes what was lost.
 *
 * <p>Why one long class: it is one job, the transport, whose two sides share the stream names, the consumer group,
 * the connections and the lifecycle (start the readers, stop them before the connection factory). Publishing is 30
 * lines; the rest is the read loop in named steps (connect, create the group, reclaim, read, dispatch or batch, ack).
 */
@Component
@RedisMode
class RedisStreamJobTransport implements JobTransport, SmartLifecycle {

    static final String GROUP = "workers";

    private static final Logger log = LoggerFactory.getLogger(RedisStreamJobTransport.class);
    private static final Duration BLOCK = Duration.ofSeconds(2);
    private static final Duration CLAIM_EVERY = Duration.ofSeconds(15);
    private static final int BATCH_ATTEMPTS = 4;

    private final LettuceConnectionFactory connectionFactory;
    private final JobRunner runner;
    private final JobSettings settings;
    private final String consumerName =
            hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    // created on every start(): a lifecycle may be stopped and started again (e.g. a paused application context)
    private volatile ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ExecutorService readers = newReaders();
    private volatile @Nullable StatefulRedisConnection<String, String> commands;
    private final boolean commandMode;
    private volatile boolean running;

    RedisStreamJobTransport(
            LettuceConnectionFactory connectionFactory,
            JobRunner runner,
            JobSettings settings,
            @Value("${omniops.command-mode:false}") boolean commandMode) {
        this.connectionFactory = connectionFactory;
        this.runner = runner;
        this.settings = settings;
        this.commandMode = commandMode;
    }

    private static ExecutorService newReaders() {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("job-reader-", 0).factory());
    }

    static String streamKey(String type) {
        return "omniops:jobs:" + type;
    }

    @Override
    public void publish(Job job) {
        try {
            commands()
                    .async()
                    .xadd(
                            streamKey(job.type()),
                            XAddArgs.Builder.maxlen(100_000).approximateTrimming(),
                            Map.of(
                                    "job",
                                    job.id().toString(),
                                    "customer",
                                    job.customerId().toString()))
                    .whenComplete((id, failure) -> {
                        if (failure != null) {
                            log.debug(
                                    "Job {} not published (Redis unavailable); the sweeper publishes it later: {}",
                                    job.id(),
                                    failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.debug(
                    "Job {} not published (Redis unavailable); the sweeper publishes it later: {}",
                    job.id(),
                    e.toString());
        }
    }

    /**
     * Compares the stream's last entry id with the group's last delivered id ({@code XINFO}; Redis 7's
     * {@code lag} field says the same but 6.2, the embedded server, lacks it).
     */
    @Override
    public boolean hasUndelivered(String type) {
        try {
            var sync = commands().sync();
            var key = streamKey(type);
            var lastEntry = field(sync.xinfoStream(key), "last-generated-id");
            for (var group : sync.xinfoGroups(key)) {
                if (group instanceof List<?> fields && GROUP.equals(field(fields, "name"))) {
                    var lastDelivered = field(fields, "last-delivered-id");
                    return lastEntry != null && lastDelivered != null && compareIds(lastEntry, lastDelivered) > 0;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false; // no stream yet, or Redis unavailable: the sweeper publishes as before
        }
    }

    private static @Nullable String field(List<?> fields, String name) {
        for (var i = 0; i + 1 < fields.size(); i += 2) {
            if (name.equals(String.valueOf(fields.get(i)))) {
                var value = fields.get(i + 1);
                return value == null ? null : String.valueOf(value);
            }
        }
        return null;
    }

    /** Stream entry ids are {@code <milliseconds>-<sequence>}. */
    static int compareIds(String a, String b) {
        var dashA = a.indexOf('-');
        var dashB = b.indexOf('-');
        var byTime = Long.compare(Long.parseLong(a.substring(0, dashA)), Long.parseLong(b.substring(0, dashB)));
        return byTime != 0
                ? byTime
                : Long.compare(Long.parseLong(a.substring(dashA + 1)), Long.parseLong(b.substring(dashB + 1)));
    }

    private StatefulRedisConnection<String, String> commands() {
        var c = commands;
        if (c == null) {
            synchronized (this) {
                c = commands;
                if (c == null) {
                    c = connect(Duration.ofSeconds(2));
                    commands = c;
                }
            }
        }
        return c;
    }

    private StatefulRedisConnection<String, String> connect(Duration timeout) {
        var client = (RedisClient) connectionFactory.getRequiredNativeClient();
        var connection = client.connect();
        connection.setTimeout(timeout);
        return connection;
    }

    @Override
    public void start() {
        if (readers.isShutdown()) {
            readers = newReaders();
        }
        if (workers.isShutdown()) {
            workers = Executors.newVirtualThreadPerTaskExecutor();
        }
        running = true;
        if (commandMode) {
            return; // a command only publishes; the servers' consumers run the jobs
        }
        for (var type : runner.types()) {
            permits.put(type, new Semaphore(runner.concurrency(type)));
            readers.execute(() -> readLoop(type));
        }
        log.info("Job consumer {} reads {} from Redis Streams", consumerName, runner.types());
    }

    private void readLoop(String type) {
        var key = streamKey(type);
        var consumer = Consumer.from(GROUP, consumerName);
        StatefulRedisConnection<String, String> reader = null;
        var groupReady = false;
        var lastClaim = 0L;
        var failures = 0;
        while (running) {
            try {
                if (reader == null) {
                    reader = connect(BLOCK.plusSeconds(5));
                }
                if (!groupReady) {
                    createGroup(reader, key);
                    groupReady = true;
                }
                if (System.nanoTime() - lastClaim > CLAIM_EVERY.toNanos()) {
                    lastClaim = System.nanoTime();
                    reclaim(type, key, consumer, reader);
                }
                read(type, key, consumer, reader);
                failures = 0;
            } catch (RedisCommandExecutionException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
                    groupReady = false; // Redis restarted empty
                } else {
                    failures = pause(type, e, ++failures);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failures = pause(type, e, ++failures);
            }
        }
        if (reader != null) {
            reader.closeAsync();
        }
    }

    /** Takes over entries another consumer (a dead replica) left unacknowledged for longer than the claim idle. */
    private void reclaim(
            String type, String key, Consumer<String> consumer, StatefulRedisConnection<String, String> reader) {
        var claimed = reader.sync()
                .xautoclaim(
                        key,
                        XAutoClaimArgs.Builder.xautoclaim(consumer, settings.claimIdle(), "0-0")
                                .count(50));
        if (!claimed.getMessages().isEmpty()) {
            log.info(
                    "Reclaimed {} {} job entries left unacknowledged by another consumer",
                    claimed.getMessages().size(),
                    type);
        }
        dispatch(type, key, claimed.getMessages());
    }

    /** One blocking read: a batch for a batching type, else as many entries as there are free permits. */
    private void read(
            String type, String key, Consumer<String> consumer, StatefulRedisConnection<String, String> reader)
            throws InterruptedException {
        if (runner.batches(type)) {
            readBatch(type, key, consumer, reader);
        } else {
            var free = Math.max(1, permits.get(type).availablePermits());
            List<StreamMessage<String, String>> messages = reader.sync()
                    .xreadgroup(
                            consumer,
                            XReadArgs.Builder.block(BLOCK).count(free),
                            XReadArgs.StreamOffset.lastConsumed(key));
            dispatch(type, key, messages);
        }
    }

    private static void createGroup(StatefulRedisConnection<String, String> connection, String key) {
        try {
            connection
                    .sync()
                    .xgroupCreate(XReadArgs.StreamOffset.from(key, "0-0"), GROUP, XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private int pause(String type, Exception e, int failures) {
        if (failures == 1) {
            log.warn("Reading {} jobs from Redis failed, retrying every second: {}", type, e.toString());
        } else {
            log.debug("Reading {} jobs from Redis failed again: {}", type, e.toString());
        }
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return failures;
    }

    private void dispatch(String type, String key, List<StreamMessage<String, String>> messages) {
        for (var message : messages) {
            var body = message.getBody();
            var jobId = body == null ? null : body.get("job");
            if (jobId == null) {
                ack(key, message.getId());
                continue;
            }
            var semaphore = permits.get(type);
            semaphore.acquireUninterruptibly();
            workers.execute(() -> {
                try {
                    runner.run(UUID.fromString(jobId));
                    ack(key, message.getId());
                } catch (RuntimeException e) {
                    // not acknowledged: XAUTOCLAIM or the sweeper delivers it again
                    log.warn("Job {} could not be run now: {}", jobId, e.toString());
                } finally {
                    semaphore.release();
                }
            });
        }
    }

    /**
     * A batching type: once a worker is free, takes what is waiting, up to {@code omniops.jobs.batch-size} entries, and
     * hands them to that worker as one batch. Idle, an entry arrives alone and runs alone; under a burst the entries
     * wait while every worker is busy, so the next read takes hundreds.
     */
    private void readBatch(
            String type, String key, Consumer<String> consumer, StatefulRedisConnection<String, String> reader)
            throws InterruptedException {
        var semaphore = permits.get(type);
        if (!semaphore.tryAcquire(BLOCK.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
        }
        var handed = false;
        try {
            List<StreamMessage<String, String>> messages = reader.sync()
                    .xreadgroup(
                            consumer,
                            XReadArgs.Builder.block(BLOCK).count(runner.batchSize()),
                            XReadArgs.StreamOffset.lastConsumed(key));
            var entries = messages.stream().map(StreamMessage::getId).toArray(String[]::new);
            var jobIds = messages.stream()
                    .map(m -> m.getBody() == null ? null : m.getBody().get("job"))
                    .filter(java.util.Objects::nonNull)
                    .map(UUID::fromString)
                    .distinct()
                    .toList();
            if (jobIds.isEmpty()) {
                if (entries.length > 0) {
                    ack(key, entries);
                }
                return;
            }
            workers.execute(() -> {
                try {
                    runBatch(type, key, jobIds, entries);
                } finally {
                    semaphore.release();
                }
            });
            handed = true;
        } finally {
            if (!handed) {
                semaphore.release();
            }
        }
    }

    /**
     * Runs a batch and acknowledges its entries. The claim (or the final "done") may fail when the database is
     * unavailable or its pool is exhausted (seen under a 5,000-request burst: 200 entries left unacknowledged until
     * {@code XAUTOCLAIM} took them 60 s later), so a failed run is retried a few times, one second further apart each
     * time, holding the worker (back-pressure); a run is idempotent (claimed jobs are not claimed again). After the
     * last attempt the entries stay unacknowledged: {@code XAUTOCLAIM} or the sweeper delivers them again.
     */
    private void runBatch(String type, String key, List<UUID> jobIds, String[] entries) {
        for (var attempt = 1; ; attempt++) {
            try {
                runner.runAll(jobIds);
                ack(key, entries);
                return;
            } catch (RuntimeException e) {
                if (attempt >= BATCH_ATTEMPTS || !running) {
                    log.warn("A batch of {} {} jobs could not be run now: {}", jobIds.size(), type, e.toString());
                    return;
                }
                log.debug(
                        "A batch of {} {} jobs could not be run (attempt {}), again in {} s: {}",
                        jobIds.size(),
                        type,
                        attempt,
                        attempt,
                        e.toString());
                try {
                    Thread.sleep(1_000L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void ack(String key, String... entryId) {
        try {
            commands().async().xack(key, GROUP, entryId);
        } catch (RuntimeException e) {
            log.debug("XACK {} failed: {}", entryId, e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        readers.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var c = commands;
        commands = null;
        if (c != null) {
            c.closeAsync();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the connection factory, stop before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private static String hostName() {
        var env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        var runtime = ManagementFactory.getRuntimeMXBean().getName();
        return runtime.replace('@', '-');
    }
}
