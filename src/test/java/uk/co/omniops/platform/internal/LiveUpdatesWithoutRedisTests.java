package uk.co.omniops.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import uk.co.omniops.platform.LiveUpdate;

/** A replica whose Redis is unreachable at startup still starts, and its own updates still reach its browsers. */
class LiveUpdatesWithoutRedisTests {

    @Test
    void startsWithRedisUnreachableAndDeliversLocally() throws Exception {
        int deadPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort(); // closed again below: nothing listens there
        }
        var factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", deadPort));
        factory.afterPropertiesSet();
        factory.start();
        var beans = new StaticListableBeanFactory(Map.of("redis", factory));
        var updates = new DefaultLiveUpdates(beans.getBeanProvider(RedisConnectionFactory.class));
        try {
            var customer = UUID.randomUUID();
            var received = new ArrayBlockingQueue<LiveUpdate>(1);
            updates.subscribe(customer, received::add);
            updates.publish(LiveUpdate.of(customer, LiveUpdate.Kind.MESSAGE_RECEIVED, UUID.randomUUID()));
            assertThat(received.poll(5, TimeUnit.SECONDS))
                    .isNotNull()
                    .extracting(LiveUpdate::kinds)
                    .isEqualTo(java.util.Set.of(LiveUpdate.Kind.MESSAGE_RECEIVED));
        } finally {
            updates.destroy();
            factory.destroy();
        }
    }
}
