package uk.co.omniops.workspace.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * Shared inbox reads against PostgreSQL: an answer is shared only with inboxes whose update it started after, only
 * within one customer, and per viewer only for "mine"; a failed read is not kept.
 */
@OmniOpsIntegrationTest
class InboxReadsTests {

    @Autowired
    InboxReads reads;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    MeterRegistry meters;

    Customer a;
    Customer b;
    UUID agentOne;
    UUID agentTwo;

    @BeforeEach
    void customers() {
        a = tenancy.ensureCustomer(
                "inbox-reads-a-" + UUID.randomUUID().toString().substring(0, 8), "Inbox reads A", "business", "eu");
        b = tenancy.ensureCustomer(
                "inbox-reads-b-" + UUID.randomUUID().toString().substring(0, 8), "Inbox reads B", "business", "eu");
        tenancy.ensureUser(a, "one@" + a.slug(), "Agent One", Role.AGENT, "x");
        tenancy.ensureUser(a, "two@" + a.slug(), "Agent Two", Role.AGENT, "x");
        var users = tenancy.users(a.id());
        agentOne = users.stream()
                .filter(u -> u.displayName().equals("Agent One"))
                .findFirst()
                .orElseThrow()
                .id();
        agentTwo = users.stream()
                .filter(u -> u.displayName().equals("Agent Two"))
                .findFirst()
                .orElseThrow()
                .id();
        start(a, "a-first");
        start(b, "b-first");
    }

    @Test
    void inboxesWhoseUpdateCameBeforeAReadShareItsAnswerAndLaterUpdatesReadAgain() {
        var update = System.nanoTime();
        var made = made();
        var first = reads.inbox(a.id(), InboxQuery.allOpen(agentOne), 0, 50, update);
        // another agent's inbox, same update and question (scope "all"): the same answer, no second read
        var second = reads.inbox(a.id(), InboxQuery.allOpen(agentTwo), 0, 50, update);
        assertThat(second).isSameAs(first);
        assertThat(made()).isEqualTo(made + 1);
        assertThat(reads.count(a.id(), InboxQuery.allOpen(agentOne), update)).isEqualTo(1);

        // a new conversation, then its live update: the inboxes read again and see it
        start(a, "a-second");
        var next = System.nanoTime();
        assertThat(reads.inbox(a.id(), InboxQuery.allOpen(agentOne), 0, 50, next))
                .hasSize(2);
        assertThat(reads.count(a.id(), InboxQuery.allOpen(agentTwo), next)).isEqualTo(2);
        assertThat(reads.scopeCounts(a.id(), agentOne, next))
                .containsEntry(InboxQuery.Scope.ALL, 2)
                .containsEntry(InboxQuery.Scope.UNASSIGNED, 2)
                .containsEntry(InboxQuery.Scope.MINE, 0);
    }

    @Test
    void mineIsPerViewerAndTheChipsComeFromOneReadForEveryAgent() {
        var assigned = start(a, "a-assigned");
        conversations.assign(a.id(), assigned, agentOne);
        var update = System.nanoTime();
        var mine = new InboxQuery(
                InboxQuery.Scope.MINE,
                agentOne,
                Set.of(ConversationStatus.OPEN, ConversationStatus.PENDING),
                Set.of(),
                InboxQuery.Sort.WAITING_LONGEST);
        var theirs = new InboxQuery(InboxQuery.Scope.MINE, agentTwo, mine.statuses(), Set.of(), mine.sort());
        assertThat(reads.inbox(a.id(), mine, 0, 50, update)).hasSize(1);
        assertThat(reads.inbox(a.id(), theirs, 0, 50, update)).isEmpty();

        var made = made();
        assertThat(reads.scopeCounts(a.id(), agentOne, update))
                .containsEntry(InboxQuery.Scope.MINE, 1)
                .containsEntry(InboxQuery.Scope.UNASSIGNED, 1)
                .containsEntry(InboxQuery.Scope.ALL, 2);
        assertThat(reads.scopeCounts(a.id(), agentTwo, update))
                .containsEntry(InboxQuery.Scope.MINE, 0)
                .containsEntry(InboxQuery.Scope.ALL, 2);
        assertThat(made()).isEqualTo(made + 1);
        assertThat(conversations.scopeCounts(a.id(), agentOne)).isEqualTo(reads.scopeCounts(a.id(), agentOne, update));
    }

    @Test
    void customersNeverShareAnAnswer() {
        var update = System.nanoTime();
        var ofA = reads.inbox(a.id(), InboxQuery.allOpen(null), 0, 50, update);
        var ofB = reads.inbox(b.id(), InboxQuery.allOpen(null), 0, 50, update);
        assertThat(ofA).singleElement().satisfies(r -> assertThat(r.subject()).contains("a-first"));
        assertThat(ofB).singleElement().satisfies(r -> assertThat(r.subject()).contains("b-first"));
        assertThat(reads.scopeCounts(b.id(), agentOne, update))
                .containsEntry(InboxQuery.Scope.ALL, 1)
                .containsEntry(InboxQuery.Scope.MINE, 0);
    }

    @Test
    void aFailedReadIsNotKept() {
        var update = System.nanoTime();
        assertThatThrownBy(() -> reads.inbox(a.id(), InboxQuery.allOpen(null), -1, 50, update))
                .isInstanceOf(IllegalArgumentException.class);
        var made = made();
        assertThatThrownBy(() -> reads.inbox(a.id(), InboxQuery.allOpen(null), -1, 50, update))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(made()).isEqualTo(made + 1);
    }

    private double made() {
        return meters.get("omniops.ui.inbox_reads")
                .tag("outcome", "read")
                .counter()
                .count();
    }

    private uk.co.omniops.conversation.ConversationId start(Customer customer, String text) {
        return conversations
                .start(
                        customer.id(),
                        new NewContact("Contact " + text, text + "-" + UUID.randomUUID() + "@example.com", null),
                        text,
                        "chat",
                        null)
                .conversation()
                .id();
    }
}
