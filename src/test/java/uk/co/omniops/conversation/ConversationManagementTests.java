package uk.co.omniops.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/** The conversation module's API: state changes, events, live updates and the inbox queries. */
@OmniOpsIntegrationTest
@RecordApplicationEvents
class ConversationManagementTests {

    static final java.util.Set<String> OWN_KINDS = java.util.Set.of(
            "conversation.started",
            "message.received",
            "message.sent",
            "note.added",
            "conversation.assigned",
            "conversation.priority",
            "conversation.resolved",
            "conversation.reopened");

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    LiveUpdates liveUpdates;

    @Autowired
    ApplicationEvents events;

    Customer customer;
    UUID agent;
    UUID otherAgent;

    @BeforeEach
    void customerWithAgents() {
        customer = tenancy.ensureCustomer(
                "conv-test-" + UUID.randomUUID().toString().substring(0, 8), "Conversation Tests", "business", "eu");
        tenancy.ensureUser(customer, "agent@" + customer.slug(), "Agent One", Role.AGENT, "x");
        tenancy.ensureUser(customer, "agent2@" + customer.slug(), "Agent Two", Role.AGENT, "x");
        var users = tenancy.users(customer.id());
        agent = users.stream()
                .filter(u -> u.displayName().equals("Agent One"))
                .findFirst()
                .orElseThrow()
                .id();
        otherAgent = users.stream()
                .filter(u -> u.displayName().equals("Agent Two"))
                .findFirst()
                .orElseThrow()
                .id();
    }

    @Test
    void storedMessagesPublishMessageReceivedButNotesDoNot() {
        var started = start("ann@example.com", "Where is my order?");
        var id = started.conversation().id();
        conversations.reply(customer.id(), id, agent, "Looking into it");
        conversations.addNote(customer.id(), id, agent, "Customer is a VIP");

        var published = events.stream(MessageReceived.class)
                .filter(e -> e.conversationId().equals(id))
                .toList();
        assertThat(published)
                .extracting(MessageReceived::authorType)
                .containsExactly(AuthorType.CONTACT, AuthorType.AGENT);
        var details = conversations.find(customer.id(), id).orElseThrow();
        assertThat(details.messages()).extracting(Message::internal).containsExactly(false, false, true);
        assertThat(details.conversation().messageCount()).isEqualTo(2);
    }

    @Test
    void tracksResponseTimesWaitingAndReopening() {
        var id = start("bo@example.com", "Hello").conversation().id();
        var waiting = conversations
                .inbox(customer.id(), InboxQuery.allOpen(agent), 0, 10)
                .getFirst()
                .waitingSince();
        assertThat(waiting).isNotNull();
        conversations.receive(customer.id(), id, "Anyone?", null);
        assertThat(conversations
                        .inbox(customer.id(), InboxQuery.allOpen(agent), 0, 10)
                        .getFirst()
                        .waitingSince())
                .as("the oldest unanswered message counts")
                .isEqualTo(waiting);

        conversations.reply(customer.id(), id, agent, "Hi!");
        var answered = conversations.find(customer.id(), id).orElseThrow().conversation();
        assertThat(answered.firstResponseAt()).isNotNull();
        assertThat(answered.lastAgentMessageAt()).isNotNull();
        assertThat(conversations
                        .inbox(customer.id(), InboxQuery.allOpen(agent), 0, 10)
                        .getFirst()
                        .waitingSince())
                .isNull();

        var resolved = conversations.resolve(customer.id(), id, agent);
        assertThat(resolved.status()).isEqualTo(ConversationStatus.RESOLVED);
        assertThat(events.stream(ConversationResolved.class)
                        .filter(e -> e.conversationId().equals(id)))
                .hasSize(1);

        conversations.receive(customer.id(), id, "One more thing", null);
        var reopened = conversations.find(customer.id(), id).orElseThrow().conversation();
        assertThat(reopened.status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.messageCount()).isEqualTo(4);
        assertThat(reopened.firstResponseAt()).isEqualTo(answered.firstResponseAt());
    }

    @Test
    void assignmentShowsTheAssigneesName() {
        var id = start(null, "assign me").conversation().id();
        var assigned = conversations.assign(customer.id(), id, agent);
        assertThat(assigned.assigneeName()).isEqualTo("Agent One");
        assertThat(conversations.facts(customer.id(), id).orElseThrow().assigneeName())
                .isEqualTo("Agent One");
        assertThatThrownBy(() -> conversations.assign(customer.id(), id, UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyChangeIsPushedAsALiveUpdate() throws Exception {
        var kinds = new CopyOnWriteArrayList<String>();
        try (var registration =
                liveUpdates.subscribe(customer.id().value(), u -> u.kinds().forEach(k -> kinds.add(k.wire())))) {
            var id = start(null, "live").conversation().id();
            conversations.reply(customer.id(), id, agent, "ok");
            conversations.addNote(customer.id(), id, agent, "note");
            conversations.assign(customer.id(), id, agent);
            conversations.changePriority(customer.id(), id, Priority.HIGH);
            conversations.resolve(customer.id(), id, agent);
            conversations.reopen(customer.id(), id, agent);
            for (int i = 0;
                    i < 100 && kinds.stream().filter(OWN_KINDS::contains).count() < 8;
                    i++) {
                Thread.sleep(20);
            }
        }
        // other modules push their own kinds for the same conversation (analysis, suggestions, escalation)
        assertThat(kinds.stream().filter(OWN_KINDS::contains).toList()).containsExactlyInAnyOrderElementsOf(OWN_KINDS);
    }

    @Test
    void reusesTheContactWithTheSameEmailIgnoringCase() {
        var first = start("Kim@Example.com", "first");
        var second = start("kim@example.COM", "second");
        assertThat(second.contact().id()).isEqualTo(first.contact().id());
        assertThat(second.conversation().id()).isNotEqualTo(first.conversation().id());
    }

    @Test
    void rejectsInvalidTextWithoutStoringAnything() {
        var id = start(null, "valid").conversation().id();
        assertThatThrownBy(() -> conversations.receive(customer.id(), id, "   ", null))
                .isInstanceOf(MessageRejected.class);
        assertThatThrownBy(() -> conversations.receive(customer.id(), id, "a".repeat(10_001), null))
                .isInstanceOf(MessageRejected.class)
                .hasMessageContaining("10,000");
        assertThatThrownBy(() -> conversations.receive(customer.id(), id, "bell \u0007", null))
                .isInstanceOf(MessageRejected.class);
        assertThatThrownBy(() -> conversations.receive(customer.id(), id, "half \uD800 surrogate", null))
                .isInstanceOf(MessageRejected.class);
        assertThat(conversations
                        .receive(customer.id(), id, "tab\tand\nnewline", null)
                        .text())
                .isEqualTo("tab\tand\nnewline");
        assertThat(conversations.find(customer.id(), id).orElseThrow().messages())
                .hasSize(2);
    }

    @Test
    void anotherCustomersConversationIsNotFound() {
        var other = tenancy.ensureCustomer("conv-test-other", "Other", "business", "eu");
        var id = start(null, "mine").conversation().id();
        assertThat(conversations.find(other.id(), id)).isEmpty();
        assertThatThrownBy(() -> conversations.receive(other.id(), id, "sneaky", null))
                .isInstanceOf(ConversationNotFound.class);
    }

    /**
     * A plain question: the analysis pipeline runs for real in this context, and an angry-looking text could be
     * escalated (priority raised) while the test checks the sort order.
     */
    static String question(String tag) {
        return "Hello, how can I update the delivery address on my account? (" + tag + ")";
    }

    @Test
    void inboxFiltersSortsAndCounts() throws Exception {
        var oldest = start(null, question("oldest")).conversation().id();
        Thread.sleep(5);
        var middle = start(null, question("middle")).conversation().id();
        Thread.sleep(5);
        var newest = start(null, question("newest")).conversation().id();
        var answered = start(null, question("answered")).conversation().id();
        conversations.reply(customer.id(), answered, agent, "done");
        var done = start(null, question("done")).conversation().id();
        conversations.resolve(customer.id(), done, agent);

        conversations.assign(customer.id(), middle, agent);
        conversations.assign(customer.id(), newest, otherAgent);
        conversations.changePriority(customer.id(), newest, Priority.URGENT);

        var waiting = conversations.inbox(customer.id(), InboxQuery.allOpen(agent), 0, 10);
        assertThat(waiting).extracting(ConversationSummary::id).containsExactly(oldest, middle, newest, answered);
        assertThat(waiting.getFirst().lastMessagePreview()).isEqualTo(question("oldest"));
        assertThat(waiting.get(3).waitingSince()).isNull();

        var byPriority =
                conversations.inbox(customer.id(), query(InboxQuery.Scope.ALL, InboxQuery.Sort.PRIORITY), 0, 10);
        assertThat(byPriority.getFirst().id()).isEqualTo(newest);

        var mine = conversations.inbox(
                customer.id(), query(InboxQuery.Scope.MINE, InboxQuery.Sort.WAITING_LONGEST), 0, 10);
        assertThat(mine).extracting(ConversationSummary::id).containsExactly(middle);
        assertThat(mine.getFirst().assigneeName()).isEqualTo("Agent One");

        var unassigned =
                conversations.inbox(customer.id(), query(InboxQuery.Scope.UNASSIGNED, InboxQuery.Sort.NEWEST), 0, 10);
        assertThat(unassigned).extracting(ConversationSummary::id).containsExactly(answered, oldest);

        var resolved = new InboxQuery(
                InboxQuery.Scope.ALL, agent, Set.of(ConversationStatus.RESOLVED), Set.of(), InboxQuery.Sort.NEWEST);
        assertThat(conversations.inbox(customer.id(), resolved, 0, 10))
                .extracting(ConversationSummary::id)
                .containsExactly(done);
        var urgent =
                new InboxQuery(InboxQuery.Scope.ALL, agent, Set.of(), Set.of(Priority.URGENT), InboxQuery.Sort.NEWEST);
        assertThat(conversations.count(customer.id(), urgent)).isEqualTo(1);

        assertThat(conversations.count(customer.id(), InboxQuery.allOpen(agent)))
                .isEqualTo(4);
        assertThat(conversations.inbox(customer.id(), InboxQuery.allOpen(agent), 2, 1))
                .extracting(ConversationSummary::id)
                .containsExactly(newest);
        assertThat(conversations.scopeCounts(customer.id(), agent))
                .containsEntry(InboxQuery.Scope.MINE, 1)
                .containsEntry(InboxQuery.Scope.UNASSIGNED, 2)
                .containsEntry(InboxQuery.Scope.ALL, 4);
    }

    private InboxQuery query(InboxQuery.Scope scope, InboxQuery.Sort sort) {
        return new InboxQuery(
                scope, agent, Set.of(ConversationStatus.OPEN, ConversationStatus.PENDING), Set.of(), sort);
    }

    private ConversationDetails start(String email, String text) {
        return conversations.start(customer.id(), new NewContact("Contact " + text, email, null), text, "chat", null);
    }
}
