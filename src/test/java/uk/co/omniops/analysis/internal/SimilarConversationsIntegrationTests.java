package uk.co.omniops.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.analysis.SimilarConversation;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * Message embeddings stored by the analysis unit of work, and similar resolved conversations from them: by meaning,
 * resolved only, with how each was resolved, never another customer's.
 */
@OmniOpsIntegrationTest
class SimilarConversationsIntegrationTests {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    ConversationManagement conversations;

    @Autowired
    AnalysisManagement analysis;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    Customer a;
    Customer b;
    UUID agentA;
    UUID agentB;

    @BeforeEach
    void customers() {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        a = tenancy.ensureCustomer("similar-a-" + suffix, "Similar A", "business", "eu");
        b = tenancy.ensureCustomer("similar-b-" + suffix, "Similar B", "business", "eu");
        tenancy.ensureUser(a, "agent@similar-a-" + suffix, "Ann Agent", Role.AGENT, "demo");
        tenancy.ensureUser(b, "agent@similar-b-" + suffix, "Bob Agent", Role.AGENT, "demo");
        agentA = tenancy.users(a.id()).getFirst().id();
        agentB = tenancy.users(b.id()).getFirst().id();
    }

    ConversationId conversation(Customer customer, String text) throws InterruptedException {
        var id = conversations
                .start(customer.id(), new NewContact("Pat Contact", null, null), text, "chat", null)
                .conversation()
                .id();
        await("the embedding of " + text, () -> embeddings(customer, id), n -> n == 1);
        return id;
    }

    ConversationId resolved(Customer customer, UUID agent, String text, String reply) throws InterruptedException {
        var id = conversation(customer, text);
        conversations.reply(customer.id(), id, agent, reply);
        conversations.resolve(customer.id(), id, agent);
        return id;
    }

    long embeddings(Customer customer, ConversationId conversation) {
        return transactions.readInTenant(
                customer.id(),
                () -> jdbc.sql("select count(*) from message_embeddings where conversation_id = ?")
                        .param(conversation.value())
                        .query(Long.class)
                        .single());
    }

    @Test
    void findsTheResolvedConversationsThatMeanTheSameWithTheirResolution() throws Exception {
        var router = resolved(
                a,
                agentA,
                "My router keeps dropping the wifi connection every evening.",
                "Please update the router firmware to 2.4 and restart it; the drops stop after that.");
        var password = resolved(
                a,
                agentA,
                "I forgot my password and the reset email never arrives.",
                "I have sent a new reset link, please check your spam folder.");
        var billing = resolved(
                a,
                agentA,
                "I was charged twice for my subscription this month.",
                "I have refunded the duplicate charge, you will see it in 3-5 days.");
        var stillOpen = conversation(a, "The wifi on my router disconnects all the time.");
        // another customer's near-identical conversation is never offered
        var other = resolved(
                b, agentB, "My router keeps dropping the wifi connection every evening.", "Customer B's secret fix.");

        var question =
                conversation(a, "My internet keeps cutting out, the router loses the connection every few minutes.");
        var similar =
                await("similar conversations", () -> analysis.similarResolved(a.id(), question, 3), l -> !l.isEmpty());

        assertThat(similar.getFirst().conversationId()).isEqualTo(router);
        assertThat(similar.getFirst().resolution()).startsWith("Please update the router firmware");
        assertThat(similar.getFirst().asked()).isEqualTo("My router keeps dropping the wifi connection every evening.");
        assertThat(similar.getFirst().similarity()).isBetween(SimilarConversations.MIN_SIMILARITY, 1.0);
        assertThat(similar)
                .extracting(SimilarConversation::conversationId)
                .doesNotContain(stillOpen, question, other)
                .doesNotContain(billing, password); // a different matter is below the floor
        assertThat(similar).extracting(SimilarConversation::resolution).doesNotContain("Customer B's secret fix.");

        // B asking about A's conversation, or A about B's: nothing (service layer)
        assertThat(analysis.similarResolved(b.id(), question, 3)).isEmpty();
        assertThat(analysis.similarResolved(b.id(), router, 3))
                .extracting(SimilarConversation::conversationId)
                .doesNotContain(router);
        assertThat(analysis.similarResolved(a.id(), other, 3)).isEmpty();
        // and in the database: under A's tenant, B's vectors are invisible even without a customer filter
        assertThat(transactions.readInTenant(
                        a.id(),
                        () -> jdbc.sql("select count(*) from message_embeddings where conversation_id = ?")
                                .param(other.value())
                                .query(Long.class)
                                .single()))
                .isZero();
    }

    @Test
    void aConversationResolvedLaterJoinsTheIndexAndAReopenedOneLeavesTheAnswers() throws Exception {
        var printer = resolved(
                a,
                agentA,
                "The printer driver will not install on my laptop.",
                "Download driver 5.1 from our site and run it as administrator.");
        var question = conversation(a, "I cannot get the printer driver installed on my computer.");
        var first =
                await("similar conversations", () -> analysis.similarResolved(a.id(), question, 3), l -> !l.isEmpty());
        assertThat(first).extracting(SimilarConversation::conversationId).containsExactly(printer);

        // the index is loaded now: a conversation resolved afterwards arrives through ConversationResolved
        var later = resolved(
                a,
                agentA,
                "The printer driver installation fails on my laptop with an error.",
                "Uninstall the old driver first, then install 5.1.");
        await(
                "the newly resolved conversation",
                () -> analysis.similarResolved(a.id(), question, 3),
                l -> l.stream().anyMatch(s -> s.conversationId().equals(later)));

        conversations.reopen(a.id(), printer, agentA);
        assertThat(analysis.similarResolved(a.id(), question, 3))
                .extracting(SimilarConversation::conversationId)
                .doesNotContain(printer)
                .contains(later);
    }

    @Test
    void aMessagesEmbeddingIsStoredOnceQuantizedAndGoesWithItsMessage() throws Exception {
        var id = conversation(a, "Where is my refund for the cancelled order?");
        var message = conversations
                .find(a.id(), id)
                .orElseThrow()
                .messages()
                .getFirst()
                .id();
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            try (var rs = owner.createStatement()
                    .executeQuery("select encoder, octet_length(vector), customer_id "
                            + "from message_embeddings where message_id = '" + message.value() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("all-minilm-l6-v2-q");
                assertThat(rs.getInt(2)).isEqualTo(388);
                assertThat(rs.getObject(3)).isEqualTo(a.id().value());
            }
            owner.createStatement().executeUpdate("delete from messages where id = '" + message.value() + "'");
            try (var rs = owner.createStatement()
                    .executeQuery(
                            "select count(*) from message_embeddings where message_id = '" + message.value() + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    static <T> T await(String what, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        var deadline = System.nanoTime() + WAIT.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ", last value: " + value);
            }
            Thread.sleep(200);
            value = probe.get();
        }
        return value;
    }
}
