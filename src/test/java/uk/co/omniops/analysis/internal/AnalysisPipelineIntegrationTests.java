package uk.co.omniops.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.analysis.MessageAnalysis;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.platform.CommandArguments;
import uk.co.omniops.platform.Jobs;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.platform.internal.jobs.RequeueFailedJobsCommand;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * MessageReceived → analysis job (Redis Streams) → sentiment and categories stored → MessageAnalysed, against
 * the shared embedded PostgreSQL and Redis. Each test uses its own customers.
 */
@OmniOpsIntegrationTest
class AnalysisPipelineIntegrationTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    ConversationManagement conversations;

    @Autowired
    AnalysisManagement analysis;

    @Autowired
    MessageAnalyser analyser;

    @Autowired
    Jobs jobs;

    @Autowired
    LiveUpdates liveUpdates;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ApplicationContext context;

    final Map<UUID, AtomicInteger> analysedUpdates = new ConcurrentHashMap<>();

    CustomerId customerA;
    CustomerId customerB;

    @BeforeEach
    void customers() throws Exception {
        customerA = customer("pipe-a");
        customerB = customer("pipe-b");
        liveUpdates.subscribeAll(u -> {
            if (u.is(uk.co.omniops.platform.LiveUpdate.Kind.MESSAGE_ANALYSED) && u.subjectId() != null) {
                analysedUpdates
                        .computeIfAbsent(u.subjectId(), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        });
    }

    static CustomerId customer(String prefix) throws Exception {
        var id = UUID.randomUUID();
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.prepareStatement("insert into customers (id, slug, name) values (?, ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, prefix + "-" + id.toString().substring(0, 8));
            s.setString(3, prefix);
            s.executeUpdate();
        }
        return new CustomerId(id);
    }

    ConversationDetails start(CustomerId customer, String text) {
        return conversations.start(customer, new NewContact("Pat Contact", null, null), text, "chat", null);
    }

    static <T> T await(String what, Supplier<T> probe, java.util.function.Predicate<T> done)
            throws InterruptedException {
        var deadline = System.nanoTime() + WAIT.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ", last value: " + value);
            }
            Thread.sleep(100);
            value = probe.get();
        }
        return value;
    }

    MessageAnalysis analysed(CustomerId customer, ConversationId conversation, MessageId message)
            throws InterruptedException {
        return await(
                "analysis of " + message,
                () -> analysis.analyses(customer, conversation).get(message),
                a -> a != null && a.sentiment() != null);
    }

    @Test
    void contactMessageIsAnalysedOnceEvenWhenDeliveredTwice() throws Exception {
        var details =
                start(customerA, "My parcel is two weeks late, tracking hasn't moved and nobody answers. Ridiculous.");
        var conversation = details.conversation().id();
        Message message = details.messages().getFirst();

        var result = analysed(customerA, conversation, message.id());
        assertThat(result.sentiment().label()).isEqualTo("negative");
        assertThat(result.sentiment().score()).isBetween(0.0, 0.5);
        assertThat(result.categories()).extracting(c -> c.key()).contains("delivery");
        var job = await(
                "job done",
                () -> jobs.find(AnalysisJobs.TYPE, message.id().value()).orElseThrow(),
                j -> j.status() == Jobs.Status.DONE);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.parentId()).isEqualTo(conversation.value());
        await(
                "live update",
                () -> analysedUpdates
                        .getOrDefault(conversation.value(), new AtomicInteger())
                        .get(),
                n -> n == 1);

        // delivered again: the same event twice, the job run again, the analyser called again
        assertThat(jobs.enqueue(
                        AnalysisJobs.TYPE, customerA.value(), message.id().value(), conversation.value()))
                .isFalse();
        assertThat(jobs.resubmit(
                        AnalysisJobs.TYPE, customerA.value(), message.id().value(), conversation.value()))
                .isTrue();
        await(
                "re-run done",
                () -> jobs.find(AnalysisJobs.TYPE, message.id().value()).orElseThrow(),
                j -> j.status() == Jobs.Status.DONE);
        assertThat(analyser.analyse(customerA, conversation, message.id(), false))
                .isEqualTo(MessageAnalyser.Result.ALREADY_ANALYSED);
        Thread.sleep(300);
        assertThat(analysedUpdates.get(conversation.value())).hasValue(1);
        assertThat(analysis.trend(customerA, conversation)).hasSize(1);
        assertThat(meters.get(MessageAnalyser.SENTIMENT_LATENCY).timer().count())
                .isPositive();
        assertThat(meters.get(Jobs.PROCESSED_METRIC)
                        .tag("type", "analysis")
                        .counter()
                        .count())
                .isPositive();

        // another customer sees nothing of it
        assertThat(analysis.analyses(customerB, conversation)).isEmpty();
    }

    @Test
    void whenRedisIsDownTheJobIsStoredAndCompletesAfterRequeue() throws Exception {
        ConversationDetails details;
        TestInfrastructure.stopRedis();
        try {
            details = start(customerA, "I was charged twice for my subscription this month, please refund one payment");
            var messageId = details.messages().getFirst().id();
            var job = await(
                    "job stored without Redis",
                    () -> jobs.find(AnalysisJobs.TYPE, messageId.value()),
                    j -> j.isPresent());
            assertThat(job.get().status()).isIn(Jobs.Status.QUEUED, Jobs.Status.DONE);
        } finally {
            TestInfrastructure.startRedisAgain();
        }
        var out = new ByteArrayOutputStream();
        var code = new RequeueFailedJobsCommand()
                .run(
                        CommandArguments.parse(List.of("--stuck-after=0")),
                        context,
                        new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"requeued\":");
        var message = details.messages().getFirst();
        var result = analysed(customerA, details.conversation().id(), message.id());
        assertThat(result.categories()).extracting(c -> c.key()).containsAnyOf("billing", "refund");
    }

    /** Found by bench/faults/kill-restart.sh: after a kill -9, the jobs that were running stayed running for ever. */
    @Test
    void aJobWhoseReplicaDiedMidRunIsRunAgainByTheSweeper() throws Exception {
        var details = start(customerA, "The invoice you sent me lists the wrong address");
        var messageId = details.messages().getFirst().id().value();
        await(
                "first run done",
                () -> jobs.find(AnalysisJobs.TYPE, messageId),
                j -> j.isPresent() && j.get().status() == Jobs.Status.DONE);
        // what a replica killed mid-run leaves behind: the row says running, nobody runs it, its stream entry is gone
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.prepareStatement("""
                        update jobs set status = 'running', updated_at = now() - interval '10 minutes'
                         where type = ? and subject_id = ?""")) {
            s.setString(1, AnalysisJobs.TYPE);
            s.setObject(2, messageId);
            assertThat(s.executeUpdate()).isOne();
        }
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        var job = jobs.find(AnalysisJobs.TYPE, messageId).orElseThrow();
        while (!(job.status() == Jobs.Status.DONE && job.attempts() == 2) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            job = jobs.find(AnalysisJobs.TYPE, messageId).orElseThrow();
        }
        assertThat(job.status()).isEqualTo(Jobs.Status.DONE);
        assertThat(job.attempts()).as("run again once").isEqualTo(2);
        assertThat(analysis.trend(customerA, details.conversation().id())).hasSize(1);
    }

    /**
     * backfill-sentiment enqueues background jobs (their own stream and lag gauge), one per conversation; in an open
     * conversation the job analyses the message as a live job would.
     */
    @Test
    void theBackfillAnalysesMessagesWithoutAnalysisAsBackgroundJobs() throws Exception {
        var details = start(customerA, "Still waiting for my replacement card, this is the third time I write");
        var message = details.messages().getFirst();
        analysed(customerA, details.conversation().id(), message.id());
        // what an import from another system leaves: a contact message without analysis
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            for (var table : List.of("sentiment_analysis", "conversation_categories")) {
                try (var s = owner.prepareStatement("delete from " + table + " where message_id = ?")) {
                    s.setObject(1, message.id().value());
                    s.executeUpdate();
                }
            }
        }
        assertThat(analysis.analyses(customerA, details.conversation().id()).get(message.id()))
                .isNull();

        var out = new ByteArrayOutputStream();
        var code = new BackfillSentimentCommand()
                .run(
                        CommandArguments.parse(List.of("--days=1", "--batch-size=50")),
                        context,
                        new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"dry_run\":false");

        var job = await(
                "backfill job done",
                () -> jobs.find(
                        BackfillAnalysisJobs.TYPE, details.conversation().id().value()),
                j -> j.isPresent() && j.get().status() == Jobs.Status.DONE);
        assertThat(job.get().customerId()).isEqualTo(customerA.value());
        assertThat(job.get().parentId()).as("the subject is the conversation").isNull();
        assertThat(analysed(customerA, details.conversation().id(), message.id())
                        .sentiment())
                .isNotNull();
        assertThat(meters.get(Jobs.PROCESSED_METRIC)
                        .tag("type", BackfillAnalysisJobs.TYPE)
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get(Jobs.BACKGROUND_LAG_METRIC).gauge()).isNotNull();
    }

    /**
     * A resolved conversation is backfilled in one job and one transaction: every unanalysed contact message gets
     * its analysis, an agent's label stays, the conversation's latest sentiment is set, one live update goes out.
     */
    @Test
    void theBackfillOfAResolvedConversationAnalysesItsMessagesTogetherAndKeepsAnAgentsLabel() throws Exception {
        var details = start(customerB, "The app crashes every time I open the settings page");
        var conversation = details.conversation().id();
        var first = details.messages().getFirst();
        var second = conversations.receive(
                customerB, conversation, "Still broken after reinstalling, honestly fed up", null);
        var third = conversations.receive(customerB, conversation, "Thanks, that fixed it, great help!", null);
        for (var m : List.of(first, second, third)) {
            analysed(customerB, conversation, m.id());
        }
        // an agent labelled the first message; an import left the others without analysis; the chat was resolved
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            try (var s = owner.prepareStatement(
                    "update sentiment_analysis set model = 'agent', label = 'positive', score = 0.9 where message_id = ?")) {
                s.setObject(1, first.id().value());
                s.executeUpdate();
            }
            for (var table : List.of("sentiment_analysis", "conversation_categories")) {
                try (var s = owner.prepareStatement("delete from " + table + " where message_id = any(?)")) {
                    s.setObject(1, new UUID[] {second.id().value(), third.id().value()});
                    s.executeUpdate();
                }
            }
            try (var s = owner.prepareStatement("""
                    update conversations set status = 'resolved', resolved_at = now(), last_sentiment_score = null,
                           last_sentiment_label = null, last_sentiment_message_at = null where id = ?""")) {
                s.setObject(1, conversation.value());
                s.executeUpdate();
            }
        }
        var updatesBefore = analysedUpdates
                .computeIfAbsent(conversation.value(), k -> new AtomicInteger())
                .get();

        var out = new ByteArrayOutputStream();
        assertThat(new BackfillSentimentCommand()
                        .run(
                                CommandArguments.parse(List.of("--days=1", "--batch-size=2")),
                                context,
                                new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isZero();

        await(
                "backfill job done",
                () -> jobs.find(BackfillAnalysisJobs.TYPE, conversation.value()),
                j -> j.isPresent() && j.get().status() == Jobs.Status.DONE);
        var analyses = analysis.analyses(customerB, conversation);
        assertThat(analyses.get(first.id()).sentiment().model()).isEqualTo("agent");
        assertThat(analyses.get(first.id()).sentiment().label()).isEqualTo("positive");
        assertThat(analyses.get(second.id()).sentiment().label()).isEqualTo("negative");
        assertThat(analyses.get(second.id()).sentiment().model()).isNotEqualTo("agent");
        assertThat(analyses.get(third.id()).sentiment().label()).isEqualTo("positive");
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.prepareStatement("select last_sentiment_label from conversations where id = ?")) {
            s.setObject(1, conversation.value());
            var rs = s.executeQuery();
            rs.next();
            assertThat(rs.getString(1))
                    .as("the latest message's sentiment is the conversation's")
                    .isEqualTo("positive");
        }
        await(
                "one message.analysed update",
                () -> analysedUpdates.get(conversation.value()).get(),
                n -> n > updatesBefore);
        Thread.sleep(500);
        assertThat(analysedUpdates.get(conversation.value()).get())
                .as("one update for the batch")
                .isEqualTo(updatesBefore + 1);

        // a second run finds nothing left in this conversation
        var again = new ByteArrayOutputStream();
        new BackfillSentimentCommand()
                .run(
                        CommandArguments.parse(List.of("--days=1", "--dry-run")),
                        context,
                        new PrintStream(again, true, StandardCharsets.UTF_8));
        assertThat(jobs.find(BackfillAnalysisJobs.TYPE, conversation.value())
                        .orElseThrow()
                        .attempts())
                .isEqualTo(1);
    }

    @Test
    void aCorrectionAdaptsThatCustomersModelOnly() throws Exception {
        var text = "Could you tell me which colours the new kettle comes in?";
        var first = start(customerA, text);
        var firstMessage = first.messages().getFirst();
        var before = analysed(customerA, first.conversation().id(), firstMessage.id());
        var target = before.sentiment().label().equals("negative") ? "positive" : "negative";
        var agent = UUID.randomUUID();

        var corrected = analysis.correctSentiment(customerA, firstMessage.id(), target, agent);
        assertThat(corrected.sentiment().label()).isEqualTo(target);
        assertThat(corrected.corrected()).isTrue();
        assertThat(analysis.correctionStats(customerA).corrections()).isEqualTo(1);
        assertThat(analysis.correctionStats(customerA).sentimentAccuracy()).isZero();

        var categories =
                analysis.correctCategories(customerA, firstMessage.id(), Set.of("product"), Set.of("complaint"), agent);
        assertThat(categories.categories())
                .extracting(c -> c.key())
                .contains("product")
                .doesNotContain("complaint");
        assertThat(categories.categories())
                .allSatisfy(c -> assertThat(c.source()).isEqualTo("agent"));

        // the next message of the same customer benefits …
        var next = start(customerA, text);
        var after = analysed(
                customerA, next.conversation().id(), next.messages().getFirst().id());
        assertThat(after.sentiment().label()).isEqualTo(target);
        assertThat(after.sentiment().model()).endsWith("+adapter");
        // … another customer's does not
        var other = start(customerB, text);
        var untouched = analysed(
                customerB,
                other.conversation().id(),
                other.messages().getFirst().id());
        assertThat(untouched.sentiment().label()).isEqualTo(before.sentiment().label());
        assertThat(analysis.correctionStats(customerB).corrections()).isZero();
    }

    @Test
    void retiredCategoriesAreLeftOutAndCustomKeysCanBeAdded() throws Exception {
        analysis.defineCategory(customerA, "delivery", "Shipping", true);
        analysis.defineCategory(customerA, "warranty", "Warranty claims", false);
        assertThat(analysis.categories(customerA)).anySatisfy(d -> {
            assertThat(d.key()).isEqualTo("warranty");
            assertThat(d.custom()).isTrue();
        });
        var details = start(customerA, "My parcel is two weeks late and tracking hasn't moved");
        var message = details.messages().getFirst();
        var result = analysed(customerA, details.conversation().id(), message.id());
        assertThat(result.categories()).extracting(c -> c.key()).doesNotContain("delivery");
        var corrected =
                analysis.correctCategories(customerA, message.id(), Set.of("warranty"), Set.of(), UUID.randomUUID());
        assertThat(corrected.categories()).extracting(c -> c.key()).contains("warranty");
        assertThat(analysis.categories(customerB)).noneMatch(d -> d.key().equals("warranty"));
    }
}
