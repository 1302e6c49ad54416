package uk.co.omniops.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.internal.MessageAnalyser;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.MessageReceived;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.escalation.ConversationEscalated;
import uk.co.omniops.escalation.internal.NotificationTargets;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.suggestion.ReplyDraft;
import uk.co.omniops.suggestion.SuggestionManagement;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.FailOnce;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * The chain of one contact message on the whole application: received → analysed → predicted and escalated (in the
 * analysis' unit of work) → suggestions ready (after commit); a burst; a redelivered job; a listener that fails once.
 * Exactly once in effect: one analysis, one prediction, one escalation, one notification, whatever is delivered twice.
 *
 * <p>The chain runs on the job queue's worker threads, which Spring Modulith's {@code Scenario} and Spring's
 * {@code ApplicationEvents} do not see (both record the test thread and the threads it starts), so the events are
 * recorded by a listener on the application context for the duration of each test.
 */
@OmniOpsIntegrationTest
class PipelineScenarioTests {

    /** Furious and asking for a manager: graded critical, so it also pages (a furious message alone only queues). */
    static final String ANGRY = "This is absolutely useless. I am furious, worst service ever. I want a refund now and "
            + "I want to speak to a manager!!";

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageAnalyser analyser;

    @Autowired
    Jobs jobs;

    @Autowired
    PredictionManagement predictions;

    @Autowired
    SuggestionManagement suggestions;

    @Autowired
    NotificationTargets targets;

    @Autowired
    ConfigurableApplicationContext context;

    final List<Object> published = new CopyOnWriteArrayList<>();
    final ApplicationListener<ApplicationEvent> recorder = e -> {
        if (e instanceof PayloadApplicationEvent<?> payload) {
            published.add(payload.getPayload());
        }
    };

    final WireMockServer slack = new WireMockServer(options().dynamicPort());
    Customer customer;

    @BeforeEach
    void setUp() {
        context.addApplicationListener(recorder);
        slack.start();
        slack.stubFor(
                post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withBody("ok")));
        targets.use(new NotificationTargets.Targets(
                slack.baseUrl() + "/hook",
                null,
                null,
                null,
                "http://localhost:1/unused",
                null,
                "http://localhost:1/unused"));
        customer = tenancy.ensureCustomer(
                "pipeline-" + UUID.randomUUID().toString().substring(0, 8), "Pipeline Ltd", "business", "eu");
        suggestions.createEntry(
                customer.id(), new ReplyDraft("Refund on its way", """
                Hi {{contact.first_name}}, I'm sorry about this. I've refunded your order in full today.""", List.of("refund", "complaint")), "test");
    }

    @AfterEach
    void tearDown() {
        targets.reset();
        slack.stop();
        context.removeApplicationListener(recorder);
    }

    @Test
    void anAngryMessageIsAnalysedPredictedEscalatedAndGetsSuggestions() {
        var id = start(ANGRY);
        var escalated = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> events(ConversationEscalated.class).stream()
                                .filter(e -> e.conversationId().equals(id))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(escalated.customerId()).isEqualTo(customer.id());
        assertThat(analysed(id)).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo(ANGRY);
            assertThat(e.conversation().contactName()).isEqualTo("Pat Pipeline");
            assertThat(e.conversation().recent()).hasSize(1);
        });
        // prediction, escalation and the inbox's sentiment committed with the analysis: the event above is heard
        // inside the analysis' transaction, so wait for its commit (the escalation's row), then all three are there
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("select count(*) from escalation_events where conversation_id = ?", id) == 1);
        assertThat(predictions.current(customer.id(), id)).isPresent();
        assertThat(count("select count(*) from conversations where id = ? and last_sentiment_label = 'negative'", id))
                .isOne();
        // suggestions after commit, without reading them through the API (which would compute them itself)
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from response_suggestions where conversation_id = ?", id) > 0);
        assertThat(jdbc.sql("select listener_id from event_publication where serialized_event like ?")
                        .param("%" + id.value() + "%")
                        .query(String.class)
                        .list())
                .as("one event publication for the whole chain: the escalation's label for prediction")
                .singleElement()
                .asString()
                .contains("PredictionInputs");
    }

    @Test
    void aBurstOfMessagesInOneConversationIsAnalysedOnceEach() {
        var id = start("Hello, where is my parcel?");
        var burst = List.of(
                "Still nothing.", "Hello??", "This is getting ridiculous.", "Anyone there?", "I want my money back.");
        burst.parallelStream().forEach(text -> conversations.receive(customer.id(), id, text, null));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from sentiment_analysis where conversation_id = ?", id)
                        == burst.size() + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> analysed(id).size() == burst.size() + 1);
        assertThat(count("select count(distinct message_id) from prediction_analysis where conversation_id = ?", id))
                .isEqualTo(burst.size() + 1);
        assertThat(count("select count(*) from escalation_events where conversation_id = ?", id))
                .isLessThanOrEqualTo(1);
        assertThat(events(MessageReceived.class).stream()
                        .filter(e -> e.conversationId().equals(id)))
                .hasSize(burst.size() + 1);
    }

    /**
     * A burst over several conversations goes through the queue's batches (issue 19): every message analysed once,
     * each in exactly one {@code MessagesAnalysed} batch event and one {@code MessageAnalysed}, predicted once, every job
     * done, at most one escalation per conversation.
     */
    @Test
    void aBurstOverSeveralConversationsIsAnalysedOnceEachThroughBatches() {
        var ids = List.of(
                start("Hello, where is my parcel?"),
                start("Hi, a question about my invoice."),
                start("Good morning, my order is late."));
        var texts = new ArrayList<String>();
        for (var i = 0; i < 10; i++) {
            texts.add("Still waiting, message %d. This is getting ridiculous.".formatted(i));
        }
        ids.parallelStream()
                .forEach(id ->
                        texts.parallelStream().forEach(text -> conversations.receive(customer.id(), id, text, null)));
        var total = ids.size() * (texts.size() + 1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ids.stream().mapToInt(id -> analysed(id).size()).sum() == total);
        var messages = ids.stream()
                .flatMap(id -> conversations.find(customer.id(), id).orElseThrow().messages().stream())
                .map(Message::id)
                .toList();
        assertThat(messages).hasSize(total);
        var inBatches = events(uk.co.omniops.analysis.MessagesAnalysed.class).stream()
                .flatMap(b -> b.messages().stream())
                .map(MessageAnalysed::messageId)
                .filter(messages::contains)
                .toList();
        assertThat(inBatches)
                .as("each message in exactly one batch event")
                .containsExactlyInAnyOrderElementsOf(messages);
        for (var id : ids) {
            assertThat(analysed(id))
                    .extracting(MessageAnalysed::messageId)
                    .doesNotHaveDuplicates()
                    .hasSize(texts.size() + 1);
            assertThat(count("select count(*) from sentiment_analysis where conversation_id = ?", id))
                    .isEqualTo(texts.size() + 1);
            assertThat(count(
                            "select count(distinct message_id) from prediction_analysis where conversation_id = ?", id))
                    .isEqualTo(texts.size() + 1);
            assertThat(count("select count(*) from escalation_events where conversation_id = ?", id))
                    .isLessThanOrEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> messages.stream()
                        .allMatch(m ->
                                jobs.find("analysis", m.value()).orElseThrow().status() == Jobs.Status.DONE));
    }

    /** The job delivered again (and run twice at once): one analysis, one escalation, one notification. */
    @Test
    void aRedeliveredJobChangesNothing() throws Exception {
        var id = start(ANGRY);
        var message = firstMessage(id);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "select count(*) from escalation_notifications n join escalation_events e on e.id = n.event_id"
                                        + " where e.conversation_id = ?",
                                id)
                        == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        jobs.find("analysis", message.value()).orElseThrow().status() == Jobs.Status.DONE);

        assertThat(jobs.resubmit("analysis", customer.id().value(), message.value(), id.value()))
                .isTrue();
        var twice = List.of(
                CompletableFuture.supplyAsync(() -> analyser.analyse(customer.id(), id, message, false)),
                CompletableFuture.supplyAsync(() -> analyser.analyse(customer.id(), id, message, false)));
        assertThat(twice).extracting(CompletableFuture::join).containsOnly(MessageAnalyser.Result.ALREADY_ANALYSED);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jobs.find("analysis", message.value()).orElseThrow().status() == Jobs.Status.DONE);

        assertThat(analysed(id)).hasSize(1);
        assertThat(count("select count(*) from sentiment_analysis where conversation_id = ?", id))
                .isOne();
        assertThat(count("select count(*) from prediction_analysis where conversation_id = ?", id))
                .isOne();
        assertThat(count("select count(*) from escalation_events where conversation_id = ?", id))
                .isOne();
        assertThat(count(
                        "select count(*) from escalation_notifications n join escalation_events e on e.id = n.event_id"
                                + " where e.conversation_id = ?",
                        id))
                .isOne();
    }

    /**
     * The escalation listener fails once (a trigger rejects the first escalation signal of this customer): the
     * analysis rolls back with it, the job is retried, and the result is one analysis and one escalation.
     */
    @Test
    void aListenerThatFailsOnceIsRetriedWithTheWholeUnitOfWork() throws Exception {
        try (var failOnce = FailOnce.onFirstInsert("escalation_signals", customer.id())) {
            var id = start(ANGRY);
            var message = firstMessage(id);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count("select count(*) from escalation_events where conversation_id = ?", id) == 1);
            var job = jobs.find("analysis", message.value()).orElseThrow();
            assertThat(job.attempts()).isEqualTo(2);
            assertThat(count("select count(*) from sentiment_analysis where conversation_id = ?", id))
                    .isOne();
            assertThat(count("select count(*) from prediction_analysis where conversation_id = ?", id))
                    .isOne();
            assertThat(count("select count(*) from escalation_signals where conversation_id = ?", id))
                    .isOne();
        }
    }

    ConversationId start(String text) {
        return conversations
                .start(
                        customer.id(),
                        new NewContact("Pat Pipeline", "pat-" + UUID.randomUUID() + "@example.com", null),
                        text,
                        "chat",
                        null)
                .conversation()
                .id();
    }

    MessageId firstMessage(ConversationId id) {
        return conversations.find(customer.id(), id).orElseThrow().messages().stream()
                .map(Message::id)
                .findFirst()
                .orElseThrow();
    }

    <T> List<T> events(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<MessageAnalysed> analysed(ConversationId id) {
        return events(MessageAnalysed.class).stream()
                .filter(e -> e.conversationId().equals(id))
                .toList();
    }

    long count(String sql, ConversationId id) {
        return count(sql, (Object) id.value());
    }

    long count(String sql, Object param) {
        return transactions.readInTenant(
                customer.id(),
                () -> jdbc.sql(sql).param(param).query(Long.class).single());
    }
}
