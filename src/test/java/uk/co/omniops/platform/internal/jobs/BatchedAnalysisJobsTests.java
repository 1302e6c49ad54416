package uk.co.omniops.platform.internal.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.escalation.internal.NotificationTargets;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * Analysis jobs claimed and run as a batch ({@link JobRunner#runAll}, issue 19): messages of several conversations
 * and two customers, some of them older than the newest messages their conversation's facts carry, one claim, one
 * analysis per message, every job done; a batch delivered twice gives one analysis, one escalation and one
 * notification; a poisoned message fails alone after the batch falls back to one job at a time.
 *
 * <p>The messages and their jobs are written here directly (as a crashed replica or a burst would leave them,
 * queued and not yet published), so that no worker takes them and the test decides what runs as one batch.
 */
@OmniOpsIntegrationTest
class BatchedAnalysisJobsTests {

    /** Furious and asking for a manager: graded critical, so it notifies (issue 23: a furious message alone only queues). */
    static final String ANGRY = "This is absolutely useless. I am furious, worst service ever. I want a refund now and "
            + "I want to speak to a manager!!";

    @Autowired
    JobRunner runner;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NotificationTargets targets;

    @Autowired
    LiveUpdates liveUpdates;

    @Autowired
    ConfigurableApplicationContext context;

    final List<Object> published = new CopyOnWriteArrayList<>();
    final ApplicationListener<ApplicationEvent> recorder = e -> {
        if (e instanceof PayloadApplicationEvent<?> payload) {
            published.add(payload.getPayload());
        }
    };
    final List<LiveUpdate> updates = new CopyOnWriteArrayList<>();
    final List<LiveUpdates.Registration> registrations = new ArrayList<>();
    final WireMockServer slack = new WireMockServer(options().dynamicPort());
    final Map<UUID, UUID> messageOfJob = new java.util.concurrent.ConcurrentHashMap<>();
    Customer first;
    Customer second;

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
        first = customer("batch-a-");
        second = customer("batch-b-");
    }

    @AfterEach
    void tearDown() {
        registrations.forEach(LiveUpdates.Registration::close);
        targets.reset();
        slack.stop();
        context.removeApplicationListener(recorder);
    }

    @Test
    void aBatchOfSeveralConversationsAndCustomersIsAnalysedOnceEachAndDone() throws Exception {
        var a = start(first, "Hello, where is my parcel?");
        var b = start(first, "Thanks, all good now.");
        var c = start(second, "Can I change my delivery address?");
        // 14 in a: the first ones are older than the 10 newest messages the conversation's facts carry
        var texts = new ArrayList<String>();
        for (var i = 0; i < 14; i++) {
            texts.add("Message %d: still waiting for the parcel.".formatted(i));
        }
        var jobs = new ArrayList<UUID>();
        jobs.addAll(insertWithJobs(first, a, texts));
        jobs.addAll(insertWithJobs(first, b, List.of("And one more question about the invoice.")));
        jobs.addAll(insertWithJobs(second, c, List.of("The address is 1 High Street.", "Is that possible?")));
        var total = jobs.size();

        var outcomes = runner.runAll(jobs);

        assertThat(outcomes)
                .hasSize(total)
                .allSatisfy((id, outcome) -> assertThat(outcome).isEqualTo(JobRunner.Outcome.DONE));
        assertThat(status(jobs)).containsOnlyKeys("done");
        assertThat(analysed(a)).hasSize(14).allSatisfy(e -> {
            assertThat(e.text()).startsWith("Message ");
            assertThat(e.conversation().contactName()).isEqualTo("Pat Batch");
            assertThat(e.sentiment()).isNotNull();
        });
        assertThat(analysed(a)).extracting(MessageAnalysed::text).containsExactlyElementsOf(texts);
        assertThat(analysed(b))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).contains("invoice"));
        assertThat(analysed(c))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.customerId()).isEqualTo(second.id()));
        assertThat(count(
                        first,
                        "select count(*) from sentiment_analysis where conversation_id = ? and message_id in"
                                + " (select subject_id from jobs where type = 'analysis' and parent_id = ?)",
                        a.value(),
                        a.value()))
                .as("the first message, analysed live, and the batch's 14")
                .isEqualTo(15);
        assertThat(count(
                        second,
                        "select count(*) from sentiment_analysis where conversation_id = ? and message_id in"
                                + " (select subject_id from jobs where type = 'analysis' and parent_id = ?)",
                        c.value(),
                        c.value()))
                .isEqualTo(3);
        // prediction and the inbox's sentiment ran for the batch in its unit of work
        assertThat(count(
                        first,
                        "select count(distinct message_id) from prediction_analysis where conversation_id = ?",
                        a.value()))
                .isGreaterThanOrEqualTo(14);
        assertThat(count(first, "select count(*) from prediction_signals where conversation_id = ?", a.value()))
                .isEqualTo(15);
        assertThat(count(
                        first,
                        "select count(*) from prediction_conversations where conversation_id = ?"
                                + " and features is not null",
                        a.value()))
                .isOne();
        // the inbox's sentiment is the newest message's of the batch (one statement for the batch, before commit)
        assertThat(count(first, """
                select count(*) from conversations c
                 where c.id = ? and c.last_sentiment_message_at = (select max(created_at) from messages where conversation_id = c.id)
                   and c.last_sentiment_label = (select s.label from sentiment_analysis s join messages m on m.id = s.message_id
                                                  where m.conversation_id = c.id order by m.created_at desc limit 1)""", a.value())).isOne();
        assertThat(count(
                        second,
                        "select count(*) from conversations where id = ? and last_sentiment_message_at ="
                                + " (select max(created_at) from messages where conversation_id = ?)",
                        c.value(),
                        c.value()))
                .isOne();
    }

    /** The same batch delivered twice (its jobs queued again, as after a lost acknowledgement): nothing twice. */
    @Test
    void aBatchDeliveredTwiceGivesOneAnalysisOneEscalationAndOneNotification() throws Exception {
        var a = start(first, "Hello there.");
        var b = start(first, "Good morning.");
        var jobs = new ArrayList<UUID>();
        jobs.addAll(insertWithJobs(first, a, List.of(ANGRY)));
        jobs.addAll(insertWithJobs(first, b, List.of("Where is my order?", ANGRY)));

        assertThat(runner.runAll(jobs).values()).containsOnly(JobRunner.Outcome.DONE);
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(a) == 1 && notifications(b) == 1);
        var events = analysedOf(a).size() + analysedOf(b).size();

        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var requeue = owner.prepareStatement("update jobs set status = 'queued' where id = any(?)")) {
            requeue.setArray(1, owner.createArrayOf("uuid", jobs.toArray()));
            assertThat(requeue.executeUpdate()).isEqualTo(jobs.size());
        }
        assertThat(runner.runAll(jobs).values()).containsOnly(JobRunner.Outcome.DONE);
        assertThat(runner.runAll(jobs).values())
                .as("done jobs are not claimed again")
                .containsOnly(JobRunner.Outcome.SKIPPED);

        assertThat(analysedOf(a).size() + analysedOf(b).size())
                .isEqualTo(events)
                .isEqualTo(5);
        for (var id : List.of(a, b)) {
            assertThat(count(
                            first,
                            "select count(*) - count(distinct message_id) from sentiment_analysis where conversation_id = ?",
                            id.value()))
                    .isZero();
            assertThat(count(first, "select count(*) from escalation_events where conversation_id = ?", id.value()))
                    .isOne();
            assertThat(notifications(id)).isOne();
        }
    }

    /**
     * One message of the batch cannot be stored (a trigger rejects its sentiment every time): the batch's transaction
     * rolls back, the runner runs the jobs one by one, the others are analysed and done, the poisoned one failed.
     */
    @Test
    void aPoisonedMessageFailsAloneAndTheRestOfTheBatchIsDone() throws Exception {
        var a = start(first, "Hello.");
        var b = start(second, "Hi.");
        var jobs = new ArrayList<UUID>();
        jobs.addAll(insertWithJobs(first, a, List.of("One.", "Two, the poisoned one.", "Three.")));
        jobs.addAll(insertWithJobs(second, b, List.of("Four.")));
        var poisoned = messageOfJob.get(jobs.get(1));
        var function = "poison_" + UUID.randomUUID().toString().replace("-", "");
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            owner.createStatement().execute("""
                    create function %1$s() returns trigger language plpgsql as $$
                    begin
                        if new.message_id = '%2$s' then raise exception 'poisoned message'; end if;
                        return new;
                    end $$""".formatted(function, poisoned));
            owner.createStatement()
                    .execute("create trigger " + function + " before insert on sentiment_analysis"
                            + " for each row execute function " + function + "()");
        }
        try {
            var outcomes = runner.runAll(jobs);

            assertThat(outcomes.get(jobs.get(1))).isEqualTo(JobRunner.Outcome.FAILED);
            assertThat(List.of(outcomes.get(jobs.get(0)), outcomes.get(jobs.get(2)), outcomes.get(jobs.get(3))))
                    .containsOnly(JobRunner.Outcome.DONE);
            var failed = transactions.readInTenant(
                    first.id(),
                    () -> jdbc.sql("select status, attempts, last_error from jobs where id = ?")
                            .param(jobs.get(1))
                            .query((rs, i) -> List.<Object>of(rs.getString(1), rs.getInt(2), rs.getString(3)))
                            .single());
            assertThat(failed.get(0)).isEqualTo("failed");
            assertThat(failed.get(1))
                    .as("one attempt: the batch and its one-by-one fallback are the same run")
                    .isEqualTo(1);
            assertThat((String) failed.get(2)).contains("poisoned message");
            assertThat(analysed(a)).extracting(MessageAnalysed::text).containsExactlyInAnyOrder("One.", "Three.");
            assertThat(analysed(b)).extracting(MessageAnalysed::text).containsExactly("Four.");
        } finally {
            try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
                owner.createStatement().execute("drop trigger " + function + " on sentiment_analysis");
                owner.createStatement().execute("drop function " + function + "()");
            }
        }
    }

    /**
     * A batch that meets a deadlock (PostgreSQL's {@code 40P01}, raised once by a trigger) is tried again as a whole, not
     * one job at a time: its messages are stored together in the second try, in one batch event.
     */
    @Test
    void aBatchThatMeetsADeadlockIsTriedAgainAsAWhole() throws Exception {
        var a = start(first, "Hello.");
        var jobs = insertWithJobs(first, a, List.of("One.", "Two.", "Three."));
        var sequence = "deadlock_once_" + UUID.randomUUID().toString().replace("-", "");
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            owner.createStatement().execute("create sequence " + sequence);
            owner.createStatement().execute("""
                    create function %1$s() returns trigger language plpgsql security definer as $$
                    begin
                        if new.customer_id = '%2$s' and nextval('%1$s') = 1 then
                            raise exception 'deadlock for the test' using errcode = '40P01';
                        end if;
                        return new;
                    end $$""".formatted(sequence, first.id().value()));
            owner.createStatement()
                    .execute("create trigger " + sequence + " before insert on sentiment_analysis"
                            + " for each row execute function " + sequence + "()");
        }
        try {
            assertThat(runner.runAll(jobs).values()).containsOnly(JobRunner.Outcome.DONE);
            assertThat(analysed(a)).extracting(MessageAnalysed::text).containsExactly("One.", "Two.", "Three.");
            var batch = published.stream()
                    .filter(uk.co.omniops.analysis.MessagesAnalysed.class::isInstance)
                    .map(uk.co.omniops.analysis.MessagesAnalysed.class::cast)
                    .filter(e -> e.messages().stream()
                                    .anyMatch(m -> m.conversationId().equals(a))
                            && e.messages().size() > 1)
                    .toList();
            assertThat(batch)
                    .as("stored together, not one by one")
                    .singleElement()
                    .satisfies(e -> assertThat(e.messages()).hasSize(3));
            assertThat(count(
                            first,
                            "select count(*) from jobs where parent_id = ? and attempts = 1 and status = 'done'",
                            a.value()))
                    .isEqualTo(4);
        } finally {
            try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
                owner.createStatement().execute("drop trigger " + sequence + " on sentiment_analysis");
                owner.createStatement().execute("drop function " + sequence + "()");
                owner.createStatement().execute("drop sequence " + sequence);
            }
        }
    }

    /** A batch sends one live update per conversation it touched, after commit, whatever the number of its messages. */
    @Test
    void aBatchSendsOneLiveUpdatePerConversation() throws Exception {
        var a = start(first, "Hello.");
        var b = start(first, "Hi.");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> analysedOf(a).size() == 1 && analysedOf(b).size() == 1);
        Thread.sleep(500); // the first messages' own updates (and their suggestions) are out of the way
        registrations.add(liveUpdates.subscribe(first.id().value(), updates::add));
        var jobs = new ArrayList<UUID>();
        jobs.addAll(insertWithJobs(first, a, List.of("One.", "Two.", "Three.")));
        jobs.addAll(insertWithJobs(first, b, List.of("Four.", "Five.")));

        assertThat(runner.runAll(jobs).values()).containsOnly(JobRunner.Outcome.DONE);

        await().atMost(Duration.ofSeconds(10)).until(() -> analysedUpdates(a) == 1 && analysedUpdates(b) == 1);
        Thread.sleep(500);
        assertThat(analysedUpdates(a)).isOne();
        assertThat(analysedUpdates(b)).isOne();
    }

    private long analysedUpdates(ConversationId id) {
        return updates.stream()
                .filter(u -> id.value().equals(u.subjectId()) && u.is(LiveUpdate.Kind.MESSAGE_ANALYSED))
                .count();
    }

    private Customer customer(String prefix) {
        return tenancy.ensureCustomer(
                prefix + UUID.randomUUID().toString().substring(0, 8), "Batch Ltd", "business", "eu");
    }

    private ConversationId start(Customer customer, String text) {
        var id = conversations
                .start(
                        customer.id(),
                        new NewContact("Pat Batch", "pat-" + UUID.randomUUID() + "@example.com", null),
                        text,
                        "chat",
                        null)
                .conversation()
                .id();
        await().atMost(Duration.ofSeconds(30)).until(() -> analysedOf(id).size() == 1);
        return id;
    }

    /** Contact messages a second apart (newest last) and their queued analysis jobs, as the owner: no worker sees them. */
    private List<UUID> insertWithJobs(Customer customer, ConversationId conversation, List<String> texts)
            throws Exception {
        var jobs = new ArrayList<UUID>();
        var at = Instant.now().minusSeconds(texts.size() + 1);
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var message = owner.prepareStatement("""
                        insert into messages (id, customer_id, conversation_id, author_type, text, internal, created_at)
                        values (?, ?, ?, 'contact', ?, false, ?)""");
                var job = owner.prepareStatement("""
                        insert into jobs (id, type, customer_id, subject_id, parent_id) values (?, 'analysis', ?, ?, ?)""")) {
            for (var i = 0; i < texts.size(); i++) {
                var messageId = UUID.randomUUID();
                message.setObject(1, messageId);
                message.setObject(2, customer.id().value());
                message.setObject(3, conversation.value());
                message.setString(4, texts.get(i));
                message.setTimestamp(5, Timestamp.from(at.plusSeconds(i)));
                message.executeUpdate();
                var jobId = UUID.randomUUID();
                job.setObject(1, jobId);
                job.setObject(2, customer.id().value());
                job.setObject(3, messageId);
                job.setObject(4, conversation.value());
                job.executeUpdate();
                jobs.add(jobId);
                messageOfJob.put(jobId, messageId);
            }
        }
        return jobs;
    }

    private Map<String, Long> status(List<UUID> jobs) {
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var query =
                        owner.prepareStatement("select status, count(*) from jobs where id = any(?) group by status")) {
            query.setArray(1, owner.createArrayOf("uuid", jobs.toArray()));
            var result = new java.util.HashMap<String, Long>();
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getLong(2));
                }
            }
            return result;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events of the conversation's messages inserted by the test (not its first one, analysed live). */
    private List<MessageAnalysed> analysed(ConversationId id) {
        return analysedOf(id).stream().skip(1).toList();
    }

    private List<MessageAnalysed> analysedOf(ConversationId id) {
        return published.stream()
                .filter(MessageAnalysed.class::isInstance)
                .map(MessageAnalysed.class::cast)
                .filter(e -> e.conversationId().equals(id))
                .toList();
    }

    private long notifications(ConversationId id) {
        return count(
                first,
                "select count(*) from escalation_notifications n join escalation_events e on e.id = n.event_id"
                        + " where e.conversation_id = ?",
                id.value());
    }

    private long count(Customer customer, String sql, Object... params) {
        return transactions.readInTenant(
                customer.id(),
                () -> jdbc.sql(sql).params(params).query(Long.class).single());
    }
}
