package uk.co.omniops.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import uk.co.omniops.platform.RateLimits;
import uk.co.omniops.platform.RateLimits.Limit;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/** Rate limits live in Redis, shared by replicas; without Redis each replica still limits on its own. */
@OmniOpsIntegrationTest
class BucketRateLimitsTests {

    @Autowired
    RateLimits limits;

    @Autowired
    LettuceConnectionFactory redis;

    private static final Limit FIVE_AN_HOUR = new Limit("test-five-an-hour", 5, Duration.ofHours(1));

    private static BucketRateLimits replica(LettuceConnectionFactory factory, SimpleMeterRegistry meters) {
        var beans = new StaticListableBeanFactory();
        beans.addBean("redis", factory);
        return new BucketRateLimits(beans.getBeanProvider(LettuceConnectionFactory.class), meters);
    }

    private static long allowed(RateLimits limits, Limit limit, String key, int attempts) {
        return IntStream.range(0, attempts)
                .filter(i -> limits.tryAcquire(limit, key).allowed())
                .count();
    }

    @Test
    void twoReplicasShareOneBudgetThroughRedis() {
        var meters = new SimpleMeterRegistry();
        var other = replica(redis, meters);
        var key = UUID.randomUUID().toString();

        assertThat(allowed(limits, FIVE_AN_HOUR, key, 3) + allowed(other, FIVE_AN_HOUR, key, 3))
                .isEqualTo(5);
        var refused = other.tryAcquire(FIVE_AN_HOUR, key);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(600L, 720L); // one token every 12 minutes
        assertThat(meters.get("omniops.ratelimit.refused")
                        .tag("limit", "test-five-an-hour")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(meters.get("omniops.ratelimit.local_fallbacks").counter().count())
                .isZero();
        assertThat(allowed(limits, FIVE_AN_HOUR, UUID.randomUUID().toString(), 1))
                .isEqualTo(1);
    }

    @Test
    void checkingTakesNothing() {
        var key = UUID.randomUUID().toString();
        for (var i = 0; i < 20; i++) {
            assertThat(limits.check(FIVE_AN_HOUR, key).allowed()).isTrue();
        }
        assertThat(allowed(limits, FIVE_AN_HOUR, key, 6)).isEqualTo(5);
        assertThat(limits.check(FIVE_AN_HOUR, key).allowed()).isFalse();
    }

    @Test
    void withRedisDownEachReplicaStillLimitsFromItsOwnMemory() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var dead = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", closedPort));
        dead.afterPropertiesSet();
        dead.start();
        try {
            var meters = new SimpleMeterRegistry();
            var replica = replica(dead, meters);
            assertThat(allowed(replica, FIVE_AN_HOUR, "203.0.113.50", 50)).isEqualTo(5);
            assertThat(meters.get("omniops.ratelimit.local_fallbacks").counter().count())
                    .isEqualTo(50);
            assertThat(RateLimits.inProcess().tryAcquire(FIVE_AN_HOUR, "x").allowed())
                    .isTrue();
        } finally {
            dead.destroy();
        }
    }

    @Test
    void aConnectionFactoryStoppedAndStartedAgainKeepsTheBudgetInRedis() {
        // a paused test context or a checkpoint stops the factory, which shuts its Lettuce client down; started again
        // it has a new client, and the buckets must follow it instead of falling back to memory for good
        var factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                "127.0.0.1", redis.getStandaloneConfiguration().getPort()));
        factory.afterPropertiesSet();
        factory.start();
        try {
            var meters = new SimpleMeterRegistry();
            var replica = replica(factory, meters);
            var key = UUID.randomUUID().toString();
            assertThat(allowed(replica, FIVE_AN_HOUR, key, 2)).isEqualTo(2);
            factory.stop();
            factory.start();
            assertThat(allowed(replica, FIVE_AN_HOUR, key, 2)).isEqualTo(2);
            assertThat(allowed(limits, FIVE_AN_HOUR, key, 3))
                    .as("the same budget, shared through Redis")
                    .isEqualTo(1);
            assertThat(meters.get("omniops.ratelimit.local_fallbacks").counter().count())
                    .isZero();
        } finally {
            factory.destroy();
        }
    }

    @Test
    void fractionalRatesKeepTheirAverage() {
        var halfASecond = Limit.perSecond("test-half", 0.5, 3);
        assertThat(halfASecond.capacity()).isEqualTo(3);
        assertThat(halfASecond.period()).isEqualTo(Duration.ofSeconds(6));
        assertThat(new Limit("x", 10, Duration.ofMinutes(15)).describe()).isEqualTo("10 per 15 minutes");
        assertThat(RateLimits.Durations.waitOf(1)).isEqualTo("1 second");
        assertThat(RateLimits.Durations.waitOf(700)).isEqualTo("12 minutes");
    }
}
