package uk.co.omniops.platform.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.platform.Jobs.Job;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * The sweeper leaves queued jobs alone while the transport still holds undelivered entries of their type (found
 * by bench/ingest-load.sh: during a 5,000-message burst it published 5,561 jobs again, every one of them a
 * wasted delivery). Uses a job type no worker reads, so that nothing but this test moves its stream.
 */
@OmniOpsIntegrationTest
class JobSweepTests {

    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final Duration STUCK = Duration.ofSeconds(60);

    @Autowired
    JobTransport transport;

    @Autowired
    JobStore store;

    final String type = "sweep-test-" + UUID.randomUUID().toString().substring(0, 8);
    UUID customer;

    @BeforeEach
    void customer() throws Exception {
        customer = UUID.randomUUID();
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.prepareStatement("insert into customers (id, slug, name) values (?, ?, 'sweep')")) {
            s.setObject(1, customer);
            s.setString(2, "sweep-" + customer.toString().substring(0, 8));
            s.executeUpdate();
        }
    }

    @AfterEach
    void removeCustomer() throws Exception {
        // its jobs go with it (on delete cascade) and so leave the queue-lag gauge
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.prepareStatement("delete from customers where id = ?")) {
            s.setObject(1, customer);
            s.executeUpdate();
        }
    }

    @Test
    void theRedisTransportReportsEntriesNoWorkerHasTakenYet() {
        var client = RedisClient.create(RedisURI.create("localhost", TestInfrastructure.redisPort()));
        try (var redis = client.connect()) {
            var key = RedisStreamJobTransport.streamKey(type);
            assertThat(transport.hasUndelivered(type)).as("no stream yet").isFalse();

            redis.sync()
                    .xgroupCreate(
                            XReadArgs.StreamOffset.from(key, "0-0"),
                            RedisStreamJobTransport.GROUP,
                            XGroupCreateArgs.Builder.mkstream());
            assertThat(transport.hasUndelivered(type)).as("empty stream").isFalse();

            redis.sync().xadd(key, Map.of("job", UUID.randomUUID().toString()));
            redis.sync().xadd(key, Map.of("job", UUID.randomUUID().toString()));
            assertThat(transport.hasUndelivered(type)).as("two entries waiting").isTrue();

            var consumer = Consumer.from(RedisStreamJobTransport.GROUP, "test");
            assertThat(redis.sync()
                            .xreadgroup(consumer, XReadArgs.Builder.count(1), XReadArgs.StreamOffset.lastConsumed(key)))
                    .hasSize(1);
            assertThat(transport.hasUndelivered(type))
                    .as("one entry still waiting")
                    .isTrue();

            assertThat(redis.sync()
                            .xreadgroup(consumer, XReadArgs.Builder.count(5), XReadArgs.StreamOffset.lastConsumed(key)))
                    .hasSize(1);
            assertThat(transport.hasUndelivered(type))
                    .as("all delivered, though not acknowledged")
                    .isFalse();
            redis.sync().del(key);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void queuedJobsOfAWaitingTypeAreLeftAloneUntilItsBacklogIsDelivered() throws Exception {
        var job = store.insert(type, customer, UUID.randomUUID(), null, false).orElseThrow();

        assertLeftAlone(job, QUIET.plusSeconds(10), "waiting: left alone");
        assertLeftAlone(job, Duration.ofHours(2), "however long: the backlog ahead of it is still being delivered");
        assertThat(sweepUntilFound(job, QUIET.plusSeconds(10), List.of()))
                .as("nothing waiting: published again")
                .isTrue();
    }

    @Test
    void dueFailedJobsArePublishedAgainEvenWhileTheirTypeWaits() throws Exception {
        var job = store.insert(type, customer, UUID.randomUUID(), null, false).orElseThrow();
        store.failed(job.id(), "test failure", false, Duration.ZERO);

        assertThat(sweepUntilFound(job, Duration.ZERO, List.of(type))).isTrue();
    }

    private List<UUID> sweep(List<String> waitingTypes) {
        return store.due(QUIET, STUCK, waitingTypes, 500).stream().map(Job::id).toList();
    }

    /**
     * A sweep that knows the job's type is waiting skips the job. That proves something only if nobody else touched
     * the job around the sweep: the application's own sweeper (every 10 s, which does not know this type) may take
     * it, and then the round is repeated (at most three).
     */
    private void assertLeftAlone(Job job, Duration age, String why) throws Exception {
        for (var attempt = 0; attempt < 3; attempt++) {
            var aged = untouchedFor(job, age);
            assertThat(sweep(List.of(type))).as(why).doesNotContain(job.id());
            if (updatedAt(job).equals(aged)) {
                return;
            }
        }
        throw new AssertionError(
                "the application's sweeper took the job in every round: '" + why + "' was not checked");
    }

    /** The application's own sweeper also runs every 10 s and may take the job first: then age it and try again. */
    private boolean sweepUntilFound(Job job, Duration age, List<String> waitingTypes) throws Exception {
        for (var attempt = 0; attempt < 3; attempt++) {
            untouchedFor(job, age);
            if (sweep(waitingTypes).contains(job.id())) {
                return true;
            }
        }
        return false;
    }

    /** Sets the job's last change {@code age} ago and returns that time as stored. */
    private static Timestamp untouchedFor(Job job, Duration age) throws Exception {
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.prepareStatement(
                        "update jobs set updated_at = now() - make_interval(secs => ?) where id = ? returning updated_at")) {
            s.setDouble(1, age.toSeconds());
            s.setObject(2, job.id());
            var rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            return rs.getTimestamp(1);
        }
    }

    private static Timestamp updatedAt(Job job) throws Exception {
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.prepareStatement("select updated_at from jobs where id = ?")) {
            s.setObject(1, job.id());
            var rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            return rs.getTimestamp(1);
        }
    }
}
