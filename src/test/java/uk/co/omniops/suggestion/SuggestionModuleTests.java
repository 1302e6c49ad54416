package uk.co.omniops.suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionOperations;
import uk.co.omniops.analysis.internal.MessageAnalyser;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.tenancy.UserAccount;
import uk.co.omniops.test.FailOnce;
import uk.co.omniops.test.TestInfrastructure;

/**
 * The suggestion module with the modules it depends on (Spring Modulith module test, issue 19): a contact's message
 * received → analysed by the job queue (in a batch) → suggestions ready; an agent's reply → the suggestion it used is
 * decided and the exchange is learnt as a past reply. A burst, a redelivered analysis and a suggestion computation that
 * fails once. The escalation and prediction half of the chain is {@code EscalationModuleTests}.
 *
 * <p>The chain runs on the job queue's and the suggestion module's own worker threads, so the scenarios wait for the
 * state change in the database rather than for events (Modulith's {@code PublishedEvents} records the test thread).
 */
// verifyAutomatically off: the module structure is ModularityTests' job (see EscalationModuleTests)
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, verifyAutomatically = false)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestInfrastructure.class)
class SuggestionModuleTests {

    static final String REFUND = "I was charged twice for my order and I want a refund of the duplicate payment.";

    @Autowired
    ConversationManagement conversations;

    @Autowired
    SuggestionManagement suggestions;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Jobs jobs;

    @Autowired
    MessageAnalyser analyser;

    Customer customer;
    UserAccount agent;

    @BeforeEach
    void setUp() {
        customer = tenancy.ensureCustomer(
                "suggestion-module-" + UUID.randomUUID().toString().substring(0, 8),
                "Suggestion Module",
                "business",
                "eu");
        tenancy.ensureUser(customer, "agent@" + customer.slug(), "Sam Agent", Role.AGENT, "demo");
        agent = tenancy.users(customer.id()).stream()
                .filter(u -> u.role() == Role.AGENT)
                .findFirst()
                .orElseThrow();
        suggestions.createEntry(
                customer.id(), new ReplyDraft("Duplicate charge refund", """
                Hi {{contact.first_name}}, I'm sorry you were charged twice. I can refund the duplicate payment for you.""", List.of("refund", "billing")), "test");
    }

    @Test
    void aContactMessageIsAnalysedAndGetsSuggestions(Scenario scenario) {
        var started = new AtomicReference<ConversationId>();
        scenario.stimulate((TransactionOperations tx, ApplicationEventPublisher p) -> {
                    started.set(start(REFUND));
                    return started.get();
                })
                .andWaitAtMost(Duration.ofSeconds(60))
                .andWaitForStateChange(() -> stored(started.get()), n -> n > 0)
                .andVerify(n -> assertThat(n).isPositive());
        var id = started.get();

        assertThat(count("select count(*) from sentiment_analysis where conversation_id = ?", id))
                .isOne();
        assertThat(jdbc(id, "select source_title from response_suggestions where conversation_id = ?"))
                .contains("Duplicate charge refund");
        assertThat(count("select count(distinct message_id) from response_suggestions where conversation_id = ?", id))
                .as("suggestions for the analysed message only")
                .isOne();
    }

    @Test
    void aBurstOverSeveralConversationsIsAnalysedOnceEachAndEachGetsSuggestions(Scenario scenario) {
        var ids = new ArrayList<ConversationId>();
        scenario.stimulate((TransactionOperations tx, ApplicationEventPublisher p) -> {
                    for (var i = 0; i < 3; i++) {
                        ids.add(start("Hello, a question about order " + i + "."));
                    }
                    ids.parallelStream()
                            .forEach(id -> List.of(
                                            REFUND,
                                            "Still waiting for an answer.",
                                            "Why was I charged twice?",
                                            "Can someone look at this?")
                                    .parallelStream()
                                    .forEach(text -> conversations.receive(customer.id(), id, text, null)));
                    return ids.size();
                })
                .andWaitAtMost(Duration.ofSeconds(90))
                .andWaitForStateChange(
                        () -> ids.stream()
                                .mapToLong(id ->
                                        count("select count(*) from sentiment_analysis where conversation_id = ?", id))
                                .sum(),
                        n -> n == 15)
                .andVerify(n -> assertThat(n).isEqualTo(15));

        for (var id : ids) {
            assertThat(count(
                            "select count(*) - count(distinct message_id) from sentiment_analysis where conversation_id = ?",
                            id))
                    .as("no message analysed twice")
                    .isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(id) > 0);
        }
    }

    /** The analysis job delivered again (and run twice at once): one analysis, no second set of suggestions. */
    @Test
    void aRedeliveredAnalysisChangesNothing() {
        var id = start(REFUND);
        var message = firstMessage(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(id) > 0);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jobs.find("analysis", message.value()).orElseThrow().status() == Jobs.Status.DONE);
        var before = stored(id);

        assertThat(jobs.resubmit("analysis", customer.id().value(), message.value(), id.value()))
                .isTrue();
        var twice = List.of(
                CompletableFuture.supplyAsync(() -> analyser.analyse(customer.id(), id, message, false)),
                CompletableFuture.supplyAsync(() -> analyser.analyse(customer.id(), id, message, false)));
        assertThat(twice).extracting(CompletableFuture::join).containsOnly(MessageAnalyser.Result.ALREADY_ANALYSED);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jobs.find("analysis", message.value()).orElseThrow().status() == Jobs.Status.DONE);

        assertThat(count("select count(*) from sentiment_analysis where conversation_id = ?", id))
                .isOne();
        assertThat(stored(id)).isEqualTo(before);
    }

    /**
     * The suggestion computation after the analysis fails once (a trigger rejects this customer's first suggestion
     * row): nothing is lost, because an agent's read computes what is missing.
     */
    @Test
    void aSuggestionComputationThatFailsOnceLosesNothing() throws Exception {
        try (var failOnce = FailOnce.onFirstInsert("response_suggestions", customer.id())) {
            var id = start(REFUND);
            await().atMost(Duration.ofSeconds(60)).until(() -> failOnce.fired());
            assertThat(count("select count(*) from sentiment_analysis where conversation_id = ?", id))
                    .isOne();
            assertThat(stored(id)).as("the failed computation stored nothing").isZero();

            assertThat(suggestions.suggestions(customer.id(), id))
                    .extracting(Suggestion::sourceTitle)
                    .contains("Duplicate charge refund");
            assertThat(stored(id)).isPositive();
        }
    }

    /**
     * An agent sends the suggestion as inserted: the durable listener of the agent's {@code MessageReceived} decides
     * it (accepted) and learns the exchange as a past reply, reading the conversation's bounded facts (issue 19).
     */
    @Test
    void anAgentsReplyDecidesTheSuggestionAndIsLearnt(Scenario scenario) {
        var id = start("Hello there.");
        for (var i = 0; i < 12; i++) { // a long conversation: more messages than the facts carry
            conversations.reply(customer.id(), id, agent.id(), "Reply number " + i + ".");
        }
        var contact = conversations.receive(customer.id(), id, REFUND, null);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> transactions.readInTenant(
                                customer.id(),
                                () -> jdbc.sql("select count(*) from response_suggestions where message_id = ?")
                                        .param(contact.id().value())
                                        .query(Long.class)
                                        .single())
                        > 0);
        var top = suggestions.suggestions(customer.id(), id).getFirst();
        assertThat(top.messageId()).isEqualTo(contact.id());
        var text = suggestions.inserted(customer.id(), top.id(), agent.id());

        var sent = new AtomicReference<Message>();
        scenario.stimulate((TransactionOperations tx, ApplicationEventPublisher p) -> {
                    sent.set(conversations.reply(customer.id(), id, agent.id(), text));
                    return sent.get();
                })
                .andWaitAtMost(Duration.ofSeconds(60))
                .andWaitForStateChange(
                        () -> transactions.readInTenant(
                                customer.id(),
                                () -> jdbc.sql("select contact_text from reply_pairs where agent_message = ?")
                                        .param(sent.get().id().value())
                                        .query(String.class)
                                        .list()),
                        pairs -> !pairs.isEmpty())
                .andVerify(pairs -> assertThat(pairs)
                        .as("the reply learnt with the message it answered")
                        .containsExactly(REFUND));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc(
                                id,
                                "select status from response_suggestions where conversation_id = ? and status <> 'shown'")
                        .contains("accepted"));
    }

    private ConversationId start(String text) {
        return conversations
                .start(
                        customer.id(),
                        new NewContact("Pat Module", "pat-" + UUID.randomUUID() + "@example.com", null),
                        text,
                        "chat",
                        null)
                .conversation()
                .id();
    }

    private MessageId firstMessage(ConversationId id) {
        return conversations.find(customer.id(), id).orElseThrow().messages().stream()
                .map(Message::id)
                .findFirst()
                .orElseThrow();
    }

    private long stored(ConversationId id) {
        return count("select count(*) from response_suggestions where conversation_id = ?", id);
    }

    private long count(String sql, ConversationId id) {
        return transactions.readInTenant(
                customer.id(),
                () -> jdbc.sql(sql).param(id.value()).query(Long.class).single());
    }

    private List<String> jdbc(ConversationId id, String sql) {
        return transactions.readInTenant(
                customer.id(),
                () -> jdbc.sql(sql).param(id.value()).query(String.class).list());
    }
}
