package uk.co.omniops.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.escalation.internal.EscalationIntegrationTests;
import uk.co.omniops.escalation.internal.Escalator;
import uk.co.omniops.escalation.internal.RuleService;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.tenancy.UserAccount;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * Issue 21, finding 2: a chat visitor who types a VIP's e-mail gets a new, unverified contact; the VIP rule does not
 * fire for them; an agent links them to the known contact explicitly, and the thread says who did.
 */
@OmniOpsIntegrationTest
class UnverifiedContactTests {

    @Autowired
    ConversationManagement conversations;

    @Autowired
    EscalationManagement escalations;

    @Autowired
    Escalator escalator;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RuleService rules;

    Customer customer;
    UserAccount agent;
    String vipEmail;

    @BeforeEach
    void setUp() {
        customer = tenancy.ensureCustomer("unverified-it", "Unverified IT", "business", "eu");
        tenancy.ensureUser(customer, "agent@unverified-it", "Alex Agent", Role.AGENT, "demo");
        rules.rules(customer.id()); // the default rules, VIP's among them, seeded before the pipeline's first message
        agent = tenancy.users(customer.id()).stream()
                .filter(u -> u.role() == Role.AGENT)
                .findFirst()
                .orElseThrow();
        vipEmail = "vip-" + UUID.randomUUID() + "@example.com";
        var known = conversations.start(
                customer.id(),
                new NewContact("Victoria Important", vipEmail, null),
                "Hello, a question about my contract.",
                "api",
                null);
        transactions.inTenant(
                customer.id(),
                () -> jdbc.sql("update contacts set vip = true where id = ?")
                        .param(known.contact().id().value())
                        .update());
    }

    @Test
    void aVisitorTypingAVipsEmailIsANewUnverifiedContactAndNoVip() {
        var visitor = conversations.start(
                customer.id(),
                NewContact.unverified("Victoria Important", vipEmail),
                "I am furious, this is outrageous, I want a manager now!",
                "chat",
                null);

        assertThat(visitor.contact().verified()).isFalse();
        assertThat(visitor.contact().vip()).isFalse();
        assertThat(visitor.contact().email()).isEqualTo(vipEmail);
        var facts =
                conversations.facts(customer.id(), visitor.conversation().id()).orElseThrow();
        assertThat(facts.vip()).isFalse();

        var first = visitor.messages().getFirst();
        escalator.onAnalysed(EscalationIntegrationTests.analysed(first, 0.02, 0.95, List.of("complaint")));
        assertThat(escalations.open(customer.id(), Set.of(), Set.of(), false))
                .filteredOn(
                        e -> e.conversationId().equals(visitor.conversation().id()))
                .allSatisfy(e -> assertThat(e.reason()).doesNotContain("VIP"));

        // the customer's own systems still reach the known contact by e-mail
        var api = conversations.start(
                customer.id(), new NewContact("V. Important", vipEmail, null), "Another question", "api", null);
        assertThat(api.contact().vip()).isTrue();
        assertThat(api.contact().verified()).isTrue();
    }

    @Test
    void anAgentLinksTheVisitorToTheKnownContactAndTheThreadSaysWho() {
        var visitor = conversations.start(
                customer.id(),
                NewContact.unverified("Vicky", vipEmail),
                "Hi, it's me, I called yesterday.",
                "chat",
                null);
        var id = visitor.conversation().id();
        var claimed = conversations.knownContactClaimed(customer.id(), id).orElseThrow();
        assertThat(claimed.name()).isEqualTo("Victoria Important");

        var linked = conversations.linkToKnownContact(customer.id(), id, agent.id());

        assertThat(linked.id()).isEqualTo(claimed.id());
        var details = conversations.find(customer.id(), id).orElseThrow();
        assertThat(details.contact().id()).isEqualTo(claimed.id());
        assertThat(details.contact().vip()).isTrue();
        assertThat(conversations.facts(customer.id(), id).orElseThrow().vip()).isTrue();
        assertThat(details.messages()).anySatisfy(m -> {
            assertThat(m.internal()).isTrue();
            assertThat(m.authorType()).isEqualTo(AuthorType.AGENT);
            assertThat(m.text()).contains("Linked the chat visitor \"Vicky\" to the known contact Victoria Important");
        });
        assertThat(details.messages().stream().filter(m -> m.authorType() == AuthorType.CONTACT))
                .allSatisfy(m -> assertThat(m.authorId()).isEqualTo(claimed.id().value()));
        assertThat(conversations.knownContactClaimed(customer.id(), id)).isEmpty();
    }

    @Test
    void aVisitorWithNoKnownContactHasNothingToLink() {
        var visitor = conversations.start(
                customer.id(),
                NewContact.unverified("Nobody Known", "new-" + UUID.randomUUID() + "@example.com"),
                "Hello",
                "chat",
                null);
        assertThat(conversations.knownContactClaimed(
                        customer.id(), visitor.conversation().id()))
                .isEmpty();
        var unchanged = conversations.linkToKnownContact(
                customer.id(), visitor.conversation().id(), agent.id());
        assertThat(unchanged.verified()).isFalse();
    }
}
