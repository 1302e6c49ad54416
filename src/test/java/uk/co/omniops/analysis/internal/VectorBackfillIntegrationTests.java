package uk.co.omniops.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.co.omniops.analysis.internal.SimilarConversationsIntegrationTests.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.analysis.SimilarConversation;
import uk.co.omniops.analysis.Vectors;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.platform.CommandArguments;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * The vector backfill (issue 20): analysed contact messages whose vector is missing (analysed before V14) get it back
 * through the job queue, the same vector the live path stored; a second run writes nothing; one customer's backfill
 * never reads or writes another's.
 */
@OmniOpsIntegrationTest
class VectorBackfillIntegrationTests {

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    VectorBackfill backfill;

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    AnalysisManagement analysis;

    Customer a;
    Customer b;
    UUID agentA;

    @BeforeEach
    void customers() {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        a = tenancy.ensureCustomer("vectors-a-" + suffix, "Vectors A", "business", "eu");
        b = tenancy.ensureCustomer("vectors-b-" + suffix, "Vectors B", "business", "eu");
        tenancy.ensureUser(a, "agent@vectors-a-" + suffix, "Ann Agent", Role.AGENT, "demo");
        agentA = tenancy.users(a.id()).getFirst().id();
    }

    /** A conversation with these contact messages, once the live path has stored all their vectors. */
    ConversationId conversation(Customer customer, String... texts) throws InterruptedException {
        var id = conversations
                .start(customer.id(), new NewContact("Pat Contact", null, null), texts[0], "chat", null)
                .conversation()
                .id();
        for (int i = 1; i < texts.length; i++) {
            conversations.receive(customer.id(), id, texts[i], null);
        }
        await("the vectors of " + texts[0], () -> vectors(customer, id).size(), n -> n == texts.length);
        return id;
    }

    /** The stored vectors of the conversation's messages, read under the customer's tenant. */
    Map<UUID, byte[]> vectors(Customer customer, ConversationId conversation) {
        return transactions.readInTenant(customer.id(), () -> {
            var result = new HashMap<UUID, byte[]>();
            jdbc.sql("select message_id, vector from message_embeddings where conversation_id = ?")
                    .param(conversation.value())
                    .query(rs -> {
                        result.put(rs.getObject(1, UUID.class), rs.getBytes(2));
                    });
            return result;
        });
    }

    /** Every stored row of these conversations with its customer and row version (the owner sees all customers). */
    static List<String> rows(List<ConversationId> ids) throws SQLException {
        try (Connection owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var statement = owner.prepareStatement("""
                        select message_id || ' ' || customer_id || ' ' || xmin from message_embeddings
                         where conversation_id = any(?) order by message_id""")) {
            statement.setArray(
                    1,
                    owner.createArrayOf(
                            "uuid", ids.stream().map(ConversationId::value).toArray()));
            try (var rs = statement.executeQuery()) {
                var result = new java.util.ArrayList<String>();
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
                return result;
            }
        }
    }

    /** What a message analysed before V14 looks like: analysed, no vector. */
    static void forgetVectors(List<ConversationId> ids) throws SQLException {
        try (Connection owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var statement =
                        owner.prepareStatement("delete from message_embeddings where conversation_id = any(?)")) {
            statement.setArray(
                    1,
                    owner.createArrayOf(
                            "uuid", ids.stream().map(ConversationId::value).toArray()));
            statement.executeUpdate();
        }
    }

    static double similarity(byte[] x, byte[] y) {
        return Vectors.dot(Vectors.normalised(EmbeddingCodec.decode(x)), Vectors.normalised(EmbeddingCodec.decode(y)));
    }

    @Test
    void messagesWithoutVectorsGetThemBackAndASecondRunWritesNothing() throws Exception {
        var open = conversation(
                a,
                "My router keeps dropping the wifi connection every evening.",
                "It happened again just now, the lights go red and the connection is gone.");
        var resolved = conversation(a, "I was charged twice for my subscription this month.");
        conversations.reply(a.id(), resolved, agentA, "I have refunded the duplicate charge.");
        conversations.resolve(a.id(), resolved, agentA);
        var before = new HashMap<UUID, byte[]>();
        before.putAll(vectors(a, open));
        before.putAll(vectors(a, resolved));
        assertThat(before).hasSize(3);

        forgetVectors(List.of(open, resolved));
        assertThat(vectors(a, open)).isEmpty();

        // the scan finds both conversations and queues one background job each; the jobs store the vectors
        assertThat(backfill.scan(a.id(), null)).isEqualTo(2);
        assertThat(jobs.find(VectorBackfill.TYPE, open.value())).isPresent();
        await(
                "the backfilled vectors",
                () -> vectors(a, open).size() + vectors(a, resolved).size(),
                n -> n == 3);
        var after = new HashMap<UUID, byte[]>();
        after.putAll(vectors(a, open));
        after.putAll(vectors(a, resolved));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        // the same text, the same encoder: the same meaning as the live path's vector (batching may move the last bit)
        before.forEach((message, vector) ->
                assertThat(similarity(vector, after.get(message))).isGreaterThan(0.99));

        // a second run finds nothing and writes nothing: same rows, same row versions
        var stored = rows(List.of(open, resolved));
        assertThat(stored).hasSize(3);
        assertThat(backfill.scan(a.id(), null)).isZero();
        assertThat(backfill.fill(a.id(), open)).isZero();
        assertThat(backfill.fill(a.id(), resolved)).isZero();
        assertThat(rows(List.of(open, resolved))).isEqualTo(stored);
    }

    @Test
    void aCustomersBackfillNeverReadsOrWritesAnotherCustomersMessages() throws Exception {
        var ofA = conversation(a, "The printer driver will not install on my laptop.");
        var ofB = conversation(b, "The printer driver will not install on my laptop.");
        forgetVectors(List.of(ofA, ofB));

        // B's scan sees only B's conversation; a job that names A's conversation under B finds nothing to read
        assertThat(backfill.scan(b.id(), null)).isEqualTo(1);
        assertThat(backfill.fill(b.id(), ofA)).isZero();
        await("B's backfilled vector", () -> vectors(b, ofB).size(), n -> n == 1);
        assertThat(rows(List.of(ofA))).isEmpty();
        assertThat(vectors(b, ofA)).isEmpty();

        // A's own run fills A's, and each row carries its own customer
        assertThat(backfill.fill(a.id(), ofA)).isEqualTo(1);
        assertThat(rows(List.of(ofA)))
                .singleElement()
                .asString()
                .contains(a.id().value().toString());
        assertThat(rows(List.of(ofB)))
                .singleElement()
                .asString()
                .contains(b.id().value().toString());
        // under A's tenant, B's vectors stay invisible
        assertThat(vectors(a, ofB)).isEmpty();
    }

    /** A resolved conversation that had no vector when the index was loaded is found once it is backfilled. */
    @Test
    void aBackfilledResolvedConversationJoinsTheLoadedSimilarConversationIndex() throws Exception {
        var router = conversation(a, "My router keeps dropping the wifi connection every evening.");
        conversations.reply(a.id(), router, agentA, "Please update the router firmware to 2.4 and restart it.");
        conversations.resolve(a.id(), router, agentA);
        forgetVectors(List.of(router));
        var question =
                conversation(a, "My internet keeps cutting out, the router loses the connection every few minutes.");
        // the index is loaded now, without the router conversation (it has no vector)
        assertThat(analysis.similarResolved(a.id(), question, 3)).isEmpty();

        assertThat(backfill.scan(a.id(), null)).isEqualTo(1);
        var similar = await(
                "the backfilled conversation in the index",
                () -> analysis.similarResolved(a.id(), question, 3),
                l -> !l.isEmpty());
        assertThat(similar).extracting(SimilarConversation::conversationId).containsExactly(router);
    }

    /** The admin command (what every start does): a scan per customer as a background job, then the vectors. */
    @Test
    void theCommandQueuesAScanPerCustomerThatFillsTheVectors() throws Exception {
        var ofA = conversation(a, "Where is my refund for the cancelled order?");
        forgetVectors(List.of(ofA));

        var out = new ByteArrayOutputStream();
        var code = new BackfillVectorsCommand()
                .run(CommandArguments.parse(List.of()), context, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"enabled\":true");
        var scan = await(
                "A's scan done",
                () -> jobs.find(VectorBackfill.SCAN, a.id().value()),
                j -> j.isPresent() && j.get().status() == Jobs.Status.DONE);
        assertThat(scan.get().customerId()).isEqualTo(a.id().value());
        assertThat(scan.get().parentId()).isNull();
        assertThat(jobs.find(VectorBackfill.SCAN, b.id().value())).isPresent();
        await("A's vector", () -> vectors(a, ofA).size(), n -> n == 1);
        assertThat(await(
                                "the fill job done",
                                () -> jobs.find(VectorBackfill.TYPE, ofA.value()),
                                j -> j.isPresent() && j.get().status() == Jobs.Status.DONE)
                        .get()
                        .customerId())
                .isEqualTo(a.id().value());
    }
}
