package uk.co.omniops.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.escalation.internal.AnalysedMessage;
import uk.co.omniops.escalation.internal.Escalator;
import uk.co.omniops.escalation.internal.NotificationTargets;
import uk.co.omniops.escalation.internal.Notifications;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.tenancy.UserAccount;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * The escalation rules of one analysis batch ({@link Escalator#onAnalysedAll}): several messages of several
 * conversations evaluated in the batch's order with the writes at its end, and a batch delivered twice changes
 * nothing the second time. The batch's messages are agents' replies, which the analysis pipeline never analyses, so
 * that the pipeline does not evaluate them concurrently; the escalator does not look at the author.
 */
@OmniOpsIntegrationTest
class EscalationBatchTests {

    @Autowired
    ConversationManagement conversations;

    @Autowired
    EscalationManagement escalations;

    @Autowired
    Escalator escalator;

    @Autowired
    NotificationTargets targets;

    @Autowired
    Notifications notifications;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    Customer customer;
    UserAccount agent;

    @BeforeEach
    void setUp() {
        customer = tenancy.ensureCustomer("escalation-batch", "Escalation Batch", "business", "eu");
        tenancy.ensureUser(customer, "agent@escalation-batch", "Alex Agent", Role.AGENT, "demo");
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
    }

    @AfterEach
    void resetTargets() {
        targets.reset();
    }

    @Test
    void aBatchOfAngryMessagesOpensOneEscalationPerConversationAndARedeliveryChangesNothing() {
        var first = conversation("batch-first");
        var second = conversation("batch-second");
        var calm = conversation("batch-calm");
        var m1 = reply(first, "This is absolutely useless, nobody answers.");
        var m2 = reply(first, "I am furious. I want to speak to a manager now.");
        var m3 = reply(first, "Third time asking. I will call my lawyer and file a chargeback.");
        var n1 = reply(second, "This is a disgrace, I want my refund now!");
        var c1 = reply(calm, "Thanks, that sorted it.");
        var batch = List.of(
                batched(m1, 0.12, "negative", List.of("complaint")),
                batched(m2, 0.08, "negative", List.of("complaint")),
                batched(m3, 0.05, "negative", List.of("complaint")),
                batched(n1, 0.06, "negative", List.of("refund", "complaint")),
                batched(c1, 0.9, "positive", List.of()));

        var outcomes = escalator.onAnalysedAll(customer.id(), batch);

        assertThat(outcomes.get(m1.id())).isEqualTo(Escalator.Outcome.OPENED);
        assertThat(outcomes.get(m2.id())).isEqualTo(Escalator.Outcome.ADDED_TO_OPEN);
        assertThat(outcomes.get(m3.id())).isEqualTo(Escalator.Outcome.ADDED_TO_OPEN);
        assertThat(outcomes.get(n1.id())).isEqualTo(Escalator.Outcome.OPENED);
        assertThat(outcomes.get(c1.id())).isEqualTo(Escalator.Outcome.NO_MATCH);
        var escalation = escalations.forConversation(customer.id(), first).orElseThrow();
        // opened at medium by the first message; fury plus a request for a manager grades it critical
        assertThat(escalation.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalation.matchCount()).isEqualTo(3);
        assertThat(escalation.messageId()).isEqualTo(m1.id());
        assertThat(escalation.reason()).contains("This is absolutely useless, nobody answers.");
        // (the rule's actions, after commit, add their own lines)
        assertThat(escalations.history(customer.id(), escalation.id()))
                .extracting(EscalationHistoryEntry::kind)
                .filteredOn(k -> !k.startsWith("action"))
                .containsExactly("opened", "matched", "matched");
        assertThat(escalations.history(customer.id(), escalation.id()))
                .extracting(EscalationHistoryEntry::text)
                .anyMatch(t -> t.contains("severity raised to critical"));
        assertThat(escalations.forConversation(customer.id(), second)).isPresent();
        assertThat(escalations.forConversation(customer.id(), calm)).isEmpty();
        var paged =
                transactions.readInTenant(customer.id(), () -> notifications.forEvent(customer.id(), escalation.id()));
        assertThat(paged).hasSize(1);

        // the same batch delivered again: evaluated already, one escalation, one notification, nothing added
        var again = escalator.onAnalysedAll(customer.id(), batch);

        assertThat(again.values()).containsOnly(Escalator.Outcome.SKIPPED);
        var after = escalations.forConversation(customer.id(), first).orElseThrow();
        assertThat(after.id()).isEqualTo(escalation.id());
        assertThat(after.matchCount()).isEqualTo(3);
        assertThat(escalations.history(customer.id(), escalation.id()))
                .extracting(EscalationHistoryEntry::kind)
                .filteredOn(k -> !k.startsWith("action"))
                .hasSize(3);
        assertThat(transactions.readInTenant(
                        customer.id(), () -> notifications.forEvent(customer.id(), escalation.id())))
                .hasSize(1);
        assertThat(escalations.open(customer.id(), Set.of(), Set.of(), false).stream()
                        .filter(e -> Set.of(first, second, calm).contains(e.conversationId())))
                .hasSize(2);
    }

    @Test
    void aLaterBatchAddsToTheOpenEscalationAndAThankYouNeverRaisesIt() {
        var id = conversation("batch-later");
        var m1 = reply(id, "This is a disgrace, I want my refund now!");
        assertThat(escalator.onAnalysedAll(customer.id(), List.of(batched(m1, 0.06, "negative", List.of("complaint")))))
                .containsEntry(m1.id(), Escalator.Outcome.OPENED);
        var opened = escalations.forConversation(customer.id(), id).orElseThrow();

        var thanks = reply(id, "Thank you!");
        var angry = reply(id, "Still nothing. This is useless.");
        var outcomes = escalator.onAnalysedAll(
                customer.id(),
                List.of(
                        batched(thanks, 0.1, "negative", List.of()),
                        batched(angry, 0.07, "negative", List.of("complaint"))));

        assertThat(outcomes)
                .containsEntry(thanks.id(), Escalator.Outcome.NO_MATCH)
                .containsEntry(angry.id(), Escalator.Outcome.ADDED_TO_OPEN);
        var after = escalations.forConversation(customer.id(), id).orElseThrow();
        assertThat(after.id()).isEqualTo(opened.id());
        assertThat(after.matchCount()).isEqualTo(2);
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

    private Escalator.Batched batched(Message m, double score, String label, List<String> categories) {
        var facts = conversations.facts(customer.id(), m.conversationId()).orElseThrow();
        return new Escalator.Batched(
                new AnalysedMessage(
                        m.id(), m.conversationId(), m.customerId(), score, label, 0.93, categories, Instant.now()),
                m.text(),
                facts);
    }
}
