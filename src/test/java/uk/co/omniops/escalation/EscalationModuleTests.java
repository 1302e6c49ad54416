package uk.co.omniops.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionOperations;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessagesAnalysed;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.escalation.internal.NotificationTargets;
import uk.co.omniops.escalation.internal.Notifications;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantContext;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.tenancy.UserAccount;
import uk.co.omniops.test.TestInfrastructure;

/**
 * The escalation module with the modules it depends on (Spring Modulith module test): the analysis' batch event
 * {@code MessagesAnalysed} → the prediction module's predictions and the escalation rules in the same unit of work →
 * {@link ConversationEscalated}. The stimulus publishes the batch event on the test thread, in a tenant transaction as
 * the analysis does (the job queue's worker threads, which publish it in production, are not involved); the scenario
 * waits for the state change (the conversation's escalation) and a recording listener of this test's own counts the
 * {@code ConversationEscalated} events (Modulith's {@code PublishedEvents} saw none of them in a first version of this
 * test, although they are published on the test thread inside the stimulus' transaction). The batch's messages
 * are agents' replies (the analysis pipeline leaves them alone; the rules do not look at the author), so no worker
 * evaluates them concurrently.
 */
// verifyAutomatically off: the module structure is ModularityTests' job (without test classes, which Modulith's
// verification here would count: platform's BatchedAnalysisJobsTests reads analysis' events)
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, verifyAutomatically = false)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestInfrastructure.class)
class EscalationModuleTests {

    /**
     * A listener of the batch that fails once when armed, after the escalation rules (order 20) ran; and a listener
     * that records every {@link ConversationEscalated} that committed (whatever the thread).
     */
    @TestConfiguration
    static class FailOnce {

        static final AtomicBoolean ARMED = new AtomicBoolean();
        static final List<ConversationEscalated> ESCALATED = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        Object escalatedRecorder() {
            return new Object() {
                // after commit: an escalation rolled back with its batch was never delivered
                @TransactionalEventListener
                void on(ConversationEscalated event) {
                    ESCALATED.add(event);
                }
            };
        }

        @Bean
        Object failOnceListener() {
            return new Object() {
                @EventListener
                @Order(30)
                void on(MessagesAnalysed event) {
                    if (ARMED.compareAndSet(true, false)) {
                        throw new IllegalStateException("fails once (test)");
                    }
                }
            };
        }
    }

    @Autowired
    ConversationManagement conversations;

    @Autowired
    EscalationManagement escalations;

    @Autowired
    NotificationTargets targets;

    @Autowired
    Notifications notifications;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    ApplicationEventPublisher publisher;

    Customer customer;
    UserAccount agent;

    @BeforeEach
    void setUp() {
        customer = tenancy.ensureCustomer("escalation-module", "Escalation Module", "business", "eu");
        tenancy.ensureUser(customer, "agent@escalation-module", "Alex Agent", Role.AGENT, "demo");
        agent = tenancy.users(customer.id()).stream()
                .filter(u -> u.role() == Role.AGENT)
                .findFirst()
                .orElseThrow();
        targets.use(new NotificationTargets.Targets(
                "http://localhost:1/unused-slack",
                null,
                null,
                null,
                "http://localhost:1/unused",
                null,
                "http://localhost:1/unused"));
        FailOnce.ARMED.set(false);
    }

    @AfterEach
    void reset() {
        targets.reset();
        FailOnce.ARMED.set(false);
    }

    @Test
    void aBurstOfAngryMessagesEscalatesEachConversationOnce(Scenario scenario) {
        var ids = new ArrayList<ConversationId>();
        var messages = new ArrayList<MessageAnalysed>();
        for (var i = 0; i < 10; i++) {
            var id = conversation("burst-" + i);
            ids.add(id);
            messages.add(analysed(reply(id, "This is a disgrace, I want my refund now!"), 0.06));
            messages.add(analysed(reply(id, "I am furious. I want to speak to a manager now."), 0.05));
        }
        var batch = batch(messages);

        scenario.stimulate((TransactionOperations tx, ApplicationEventPublisher p) -> deliver(batch, p))
                .andWaitAtMost(Duration.ofSeconds(60))
                .andWaitForStateChange(
                        () -> escalations.forConversation(customer.id(), ids.getLast()), Optional::isPresent)
                .andVerify(e -> assertThat(e.orElseThrow().customerId()).isEqualTo(customer.id()));

        assertThat(escalated(ids)).hasSize(10);
        for (var id : ids) {
            var escalation = escalations.forConversation(customer.id(), id).orElseThrow();
            assertThat(escalation.matchCount()).isEqualTo(2);
            assertThat(escalation.severity()).isEqualTo(Severity.CRITICAL);
        }
    }

    @Test
    void aBatchDeliveredTwiceEscalatesAndNotifiesOnce(Scenario scenario) {
        var id = conversation("redelivery");
        var batch = batch(List.of(
                analysed(reply(id, "This is a disgrace, I want my refund now!"), 0.06),
                analysed(reply(id, "I am furious. I want to speak to a manager now."), 0.05)));

        scenario.stimulate((TransactionOperations tx, ApplicationEventPublisher p) -> deliver(batch, p))
                .andWaitAtMost(Duration.ofSeconds(60))
                .andWaitForStateChange(() -> escalations.forConversation(customer.id(), id), Optional::isPresent)
                .andVerify(e -> assertThat(e).isPresent());
        deliver(batch, publisher);

        assertThat(escalated(List.of(id))).hasSize(1);
        var escalation = escalations.forConversation(customer.id(), id).orElseThrow();
        assertThat(escalation.matchCount()).isEqualTo(2);
        assertThat(transactions.readInTenant(
                        customer.id(), () -> notifications.forEvent(customer.id(), escalation.id())))
                .hasSize(1);
    }

    @Test
    void aListenerThatFailsOnceLosesNothing(Scenario scenario) {
        var id = conversation("fails-once");
        var batch = batch(List.of(analysed(reply(id, "This is a disgrace, I want my refund now!"), 0.06)));
        FailOnce.ARMED.set(true);

        // the batch's unit of work rolls back as a whole: no signal, no escalation (the analysis' job is retried)
        assertThatThrownBy(() -> deliver(batch, publisher)).hasMessage("fails once (test)");
        assertThat(escalations.forConversation(customer.id(), id)).isEmpty();

        // the retry delivers the batch again: it escalates, once
        scenario.stimulate((TransactionOperations tx, ApplicationEventPublisher p) -> deliver(batch, p))
                .andWaitAtMost(Duration.ofSeconds(60))
                .andWaitForStateChange(() -> escalations.forConversation(customer.id(), id), Optional::isPresent)
                .andVerify(e -> assertThat(e).isPresent());
        assertThat(escalated(List.of(id))).hasSize(1);
        assertThat(escalations.open(customer.id(), Set.of(), Set.of(), false).stream()
                        .filter(e -> e.conversationId().equals(id)))
                .hasSize(1);
    }

    private List<ConversationEscalated> escalated(List<ConversationId> conversations) {
        return FailOnce.ESCALATED.stream()
                .filter(e -> conversations.contains(e.conversationId()))
                .toList();
    }

    /**
     * Publishes the batch event in a tenant transaction of its customer, as the analysis' unit of work does (the
     * scenario's own transaction would have no tenant: row-level security), on the test thread.
     */
    private Integer deliver(MessagesAnalysed batch, ApplicationEventPublisher publisher) {
        return TenantContext.callAs(
                customer.id(),
                () -> transactions.inTenant(customer.id(), () -> {
                    publisher.publishEvent(batch);
                    return batch.messages().size();
                }));
    }

    private MessagesAnalysed batch(List<MessageAnalysed> messages) {
        var sorted = messages.stream()
                .sorted(java.util.Comparator.comparing(
                        (MessageAnalysed m) -> m.conversationId().value()))
                .toList();
        return new MessagesAnalysed(customer.id(), sorted);
    }

    private MessageAnalysed analysed(Message m, double score) {
        var facts = conversations.facts(customer.id(), m.conversationId()).orElseThrow();
        return new MessageAnalysed(
                m.id(),
                m.conversationId(),
                customer.id(),
                new MessageAnalysed.Sentiment(score, "negative", 0.93, "test"),
                List.of(new MessageAnalysed.Category("complaint", 0.9, "model")),
                List.of("test"),
                m.text(),
                facts);
    }

    private ConversationId conversation(String label) {
        return conversations
                .start(
                        customer.id(),
                        new NewContact("Contact " + label, label + "-" + UUID.randomUUID() + "@example.com", null),
                        "Hello, about my order.",
                        "chat",
                        null)
                .conversation()
                .id();
    }

    private Message reply(ConversationId conversation, String text) {
        return conversations.reply(customer.id(), conversation, agent.id(), text);
    }
}
