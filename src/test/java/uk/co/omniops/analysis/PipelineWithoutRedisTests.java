package uk.co.omniops.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.TestInfrastructure;

/**
 * A single instance without Redis ({@code omniops.redis.mode=none}): the same analysis jobs run on the in-process
 * executor, every message is analysed, and no Redis client exists. Also prints the pipeline's end-to-end
 * throughput (stored → analysed) for a burst, as a figure for the README, not an assertion.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "omniops.redis.mode=none")
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestInfrastructure.class)
class PipelineWithoutRedisTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    AnalysisManagement analysis;

    @Autowired
    TenancyManagement tenancy;

    @Test
    void everyMessageIsAnalysedOnTheInProcessExecutor() {
        assertThat(context.getBeanProvider(RedisConnectionFactory.class).getIfAvailable())
                .isNull();
        var customer = tenancy.ensureCustomer("no-redis-pipeline", "No Redis Pipeline", "business", "eu");
        var texts = new String[] {
            "My parcel still hasn't arrived, this is ridiculous",
            "How do I change my password?",
            "Thanks, that fixed it!",
            "I was charged twice for order 48213",
            "The app crashes every time I log in"
        };
        var conversationsStarted = new ArrayList<uk.co.omniops.conversation.ConversationDetails>();
        int burst = 200;
        long start = System.nanoTime();
        for (int i = 0; i < burst / 5; i++) {
            var started = conversations.start(
                    customer.id(),
                    new NewContact("Contact " + i, "contact-" + UUID.randomUUID() + "@example.com", null),
                    texts[0],
                    "chat",
                    null);
            conversationsStarted.add(started);
            for (int j = 1; j < 5; j++) {
                conversations.receive(customer.id(), started.conversation().id(), texts[j], null);
            }
        }
        long stored = System.nanoTime();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> conversationsStarted.stream()
                                .mapToLong(
                                        c -> analysis
                                                .analyses(
                                                        customer.id(),
                                                        c.conversation().id())
                                                .values()
                                                .stream()
                                                .filter(a -> a.sentiment() != null)
                                                .count())
                                .sum()
                        == burst);
        long analysed = System.nanoTime();
        System.out.printf(
                "PIPELINE THROUGHPUT (in-process executor, no Redis): %d messages stored in %d ms, all analysed "
                        + "%d ms after the first was stored: %.0f messages/s end to end%n",
                burst,
                (stored - start) / 1_000_000,
                (analysed - start) / 1_000_000,
                burst / ((analysed - start) / 1e9));

        var first = conversationsStarted.getFirst();
        var byMessage = analysis.analyses(customer.id(), first.conversation().id());
        var angry = first.messages().stream()
                .filter(m -> !m.internal())
                .map(Message::id)
                .findFirst()
                .orElseThrow();
        assertThat(byMessage.get(angry).sentiment().label()).isEqualTo("negative");
    }
}
