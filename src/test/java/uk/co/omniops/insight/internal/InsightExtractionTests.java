package uk.co.omniops.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport.Topic;
import uk.co.omniops.insight.InsightSettings;
import uk.co.omniops.insight.internal.SyntheticHistory.Line;
import uk.co.omniops.insight.internal.SyntheticHistory.Plan;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.ApiKeyManagement;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * Extraction: a planted emerging issue in two weeks of synthetic history is found and served by the API; two
 * schedulers (two ShedLock lock providers on the same database, as two replicas have) triggered at the same moment
 * extract once; the API's authentication, range errors and tenant isolation; the demo seeder's prediction replay.
 */
@OmniOpsIntegrationTest
class InsightExtractionTests {

    static final HttpClient HTTP = ApiClient.http();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    uk.co.omniops.insight.InsightManagement service;

    @Autowired
    InsightService engine;

    @Autowired
    InsightAggregator aggregator;

    @Autowired
    SyntheticHistory history;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    FeatureFlags flags;

    @Autowired
    InsightSettings settings;

    @Autowired
    ApiKeyManagement apiKeys;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PredictionManagement predictions;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    uk.co.omniops.analysis.AnalysisManagement analysis;

    @LocalServerPort
    int port;

    Customer t;
    Customer other;
    InsightPeriod week;

    static final Plan PLAN = new Plan(
            "insight-extraction-tests-v1",
            14,
            700,
            2,
            List.of(
                    new Line("delivery", 0.2, "My order is late and the driver is not answering."),
                    new Line("billing", 0.3, "I was charged twice for the same order."),
                    new Line("delivery", 0.5, "Can I change my delivery address?"),
                    new Line("account", 0.4, "The app crashes when I open my account page."),
                    new Line("refund", 0.3, "Where is my refund for the missing items?"),
                    new Line("complaint", 0.1, "The food arrived cold again."),
                    new Line("praise", 0.9, "Thanks, super quick delivery today.")),
            List.of(
                    new Line("billing", 0.2, "The promo code does not work at checkout."),
                    new Line("billing", 0.25, "My promo code was rejected, mail me at ann.baker@example.com")),
            4);

    @BeforeEach
    void setUp() {
        t = tenancy.ensureCustomer("insight-topics", "Insight Topics", "business", "eu");
        other = tenancy.ensureCustomer("insight-topics-other", "Insight Topics Other", "business", "eu");
        var now = Instant.now();
        history.generate(t.id(), PLAN, now);
        aggregator.rebuild(t.id());
        var end = now.truncatedTo(ChronoUnit.HOURS);
        week = new InsightPeriod(end.minus(Duration.ofDays(7)), end);
    }

    long extractions(CustomerId customer) {
        return transactions.readInTenant(
                customer,
                () -> jdbc.sql("select count(*) from conversation_insights where customer_id = ? and kind = 'report'")
                        .param(customer.value())
                        .query(Long.class)
                        .single());
    }

    @Test
    void extractionFindsThePlantedEmergingIssueWithRedactedExamples() {
        var before = extractions(t.id());
        var report = service.extractNow(t.id(), week);

        assertThat(extractions(t.id())).isEqualTo(before + 1);
        assertThat(report.extractedAt()).isNotNull();
        var emerging = report.topics().stream().filter(Topic::emerging).toList();
        assertThat(emerging).isNotEmpty();
        assertThat(emerging.getFirst().phrase()).isEqualTo("promo code");
        assertThat(emerging.getFirst().previousCount()).isZero();
        assertThat(emerging.getFirst().count()).isGreaterThanOrEqualTo(20);
        assertThat(report.topics())
                .allSatisfy(topic -> assertThat(topic.examples())
                        .isNotEmpty()
                        .allSatisfy(e -> assertThat(e.text()).doesNotContain("ann.baker@example.com")));
        assertThat(report.highlights()).anyMatch(h -> h.startsWith("Emerging issue") && h.contains("promo code"));
        assertThat(report.current().conversations()).isPositive();
        assertThat(report.categories()).isNotEmpty();

        // the report reads the stored extraction back
        var again = service.report(t.id(), week);
        assertThat(again.topics()).isEqualTo(report.topics());
        assertThat(again.extractedAt()).isEqualTo(report.extractedAt());
        System.out.println("highlights: " + report.highlights());
    }

    @Test
    void twoSchedulersSharingTheDatabaseExtractOncePerTick() throws Exception {
        var lock = "insights-extraction-test-" + UUID.randomUUID();
        var replica1 = new InsightSchedule.Jobs(
                new DefaultLockingTaskExecutor(
                        InsightSchedule.lockProvider(new JdbcTemplate(jdbcTemplate.getDataSource()))),
                engine,
                aggregator,
                tenancy,
                flags,
                settings,
                lock,
                Clock.systemUTC());
        var replica2 = new InsightSchedule.Jobs(
                new DefaultLockingTaskExecutor(
                        InsightSchedule.lockProvider(new JdbcTemplate(jdbcTemplate.getDataSource()))),
                engine,
                aggregator,
                tenancy,
                flags,
                settings,
                lock,
                Clock.systemUTC());
        var before = extractions(t.id());
        var barrier = new CyclicBarrier(2);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var first = pool.submit(() -> {
                barrier.await();
                return replica1.extractScheduled();
            });
            var second = pool.submit(() -> {
                barrier.await();
                return replica2.extractScheduled();
            });
            var results = List.of(first.get(), second.get());
            assertThat(results).as("one runs, one skips").containsOnlyOnce(-1).anyMatch(n -> n > 0);
        }
        assertThat(extractions(t.id())).isEqualTo(before + 1);
        // a replica whose trigger fires later in the same tick finds the lock still held
        assertThat(replica2.extractScheduled()).isEqualTo(-1);
        assertThat(extractions(t.id())).isEqualTo(before + 1);
    }

    @Test
    void apiServesTheLatestExtractionOfTheKeysCustomerOnly() throws Exception {
        service.extractNow(t.id(), week);
        var key = apiKeys.create(t.id(), "insights test", "test").plaintext();
        var otherKey = apiKeys.create(other.id(), "insights test", "test").plaintext();

        var ok = get("/api/v1/insights", key);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        var body = JSON.readTree(ok.body());
        assertThat(body.get("customer").asString()).isEqualTo("insight-topics");
        assertThat(body.get("period").get("to").asString()).isEqualTo(week.to().toString());
        assertThat(body.get("totals").get("conversations").asLong()).isPositive();
        assertThat(body.get("previousTotals").get("conversations").asLong()).isPositive();
        assertThat(body.get("topics").get(0).get("phrase").asString()).isEqualTo("promo code");
        assertThat(body.get("topics").get(0).get("emerging").asBoolean()).isTrue();
        assertThat(body.get("topics").get(0).get("examples").size()).isPositive();
        assertThat(body.get("categories").size()).isPositive();
        assertThat(body.get("highlights").size()).isPositive();
        assertThat(body.get("extractedAt").asString()).isNotBlank();
        assertThat(body.has("escalationCauses")).isTrue();

        var dates = get(
                "/api/v1/insights?from=" + week.from().toString().substring(0, 10) + "&to="
                        + week.to().toString().substring(0, 10),
                key);
        assertThat(dates.statusCode()).as(dates.body()).isEqualTo(200);

        // another customer's key never gets this customer's insights
        assertProblem(get("/api/v1/insights", otherKey), 404, "No insights");
        // a range before any extraction
        assertProblem(get("/api/v1/insights?from=2020-01-01&to=2020-01-31", key), 404, "No insights");

        assertThat(get("/api/v1/insights", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/insights", "not-a-key").statusCode()).isEqualTo(401);
        assertProblem(get("/api/v1/insights?from=yesterday", key), 400, "ISO-8601");
        assertProblem(get("/api/v1/insights?from=2026-02-01&to=2026-01-01", key), 400, "must be before");
        assertProblem(get("/api/v1/insights?from=2024-01-01&to=2026-01-01", key), 400, "366 days");
        assertProblem(
                get("/api/v1/insights?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", key), 400, "must be before");
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The demo seeder has the prediction module replay the history: every resolved conversation gets the real
     * model's risk as it stood before the outcome, the label is the history's own escalation, and the Brier score is
     * computed from exactly those; twice seeded is once seeded; a customer without demo history sees only its own.
     */
    @Test
    void demoSeedingScoresTheHistoryWithThePredictionModelForThatCustomerOnly() {
        var real = tenancy.ensureCustomer(
                "insight-real-" + UUID.randomUUID().toString().substring(0, 8), "Insight Real", "business", "eu");
        tenancy.ensureUser(real, "agent@" + real.slug(), "Pat Agent", Role.AGENT, "demo");
        var agent = tenancy.users(real.id()).stream()
                .filter(u -> u.role() == Role.AGENT)
                .findFirst()
                .orElseThrow();
        var own = conversations
                .start(
                        real.id(),
                        new NewContact("Ann Real", "ann@real.example", null),
                        "Hello, my order has not arrived yet.",
                        "chat",
                        null)
                .conversation()
                .id();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> predictions.current(real.id(), own).isPresent());
        conversations.resolve(real.id(), own, agent.id());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> predictions.calibration(real.id()).conversations() == 1);

        var seeder =
                new DemoInsightHistory(history, aggregator, engine, tenancy, transactions, jdbc, predictions, analysis);
        seeder.seed(t.id(), "insight-topics", PLAN, Instant.now());

        // the history's contact messages have their sentence vectors (similar conversations)
        assertThat(transactions.readInTenant(
                        t.id(),
                        () -> jdbc.sql("""
                select count(*) filter (where e.message_id is not null), count(*) from messages m
                  left join message_embeddings e on e.message_id = m.id
                 where m.customer_id = ? and m.author_type = 'contact'""")
                                .param(t.id().value())
                                .query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2)))
                                .single()))
                .satisfies(counts -> assertThat(counts.get(0)).isPositive().isEqualTo(counts.get(1)));

        assertThat(predictions.knows(t.id(), SyntheticHistory.firstConversation(PLAN)))
                .isTrue();
        var calibration = predictions.calibration(t.id());
        int resolved = transactions.readInTenant(
                t.id(),
                () -> jdbc.sql("select count(*) from conversations where customer_id = ? and status = 'resolved'")
                        .param(t.id().value())
                        .query(Integer.class)
                        .single());
        assertThat(calibration.conversations()).isPositive().isEqualTo(resolved);
        record Scored(double risk, boolean escalated, boolean historyEscalated, boolean predictedBefore) {}
        var scored = transactions.readInTenant(
                t.id(),
                () -> jdbc.sql("""
                select pc.risk_before_label, pc.escalated_at is not null,
                       exists (select 1 from escalation_events e where e.conversation_id = pc.conversation_id),
                       exists (select 1 from prediction_analysis pa
                                where pa.conversation_id = pc.conversation_id
                                  and pa.escalation_risk = pc.risk_before_label::numeric(5, 4)
                                  and pa.created_at < coalesce(pc.escalated_at, pc.resolved_at)
                                  and pa.model like 'predict-v1 (n=%, replayed history')
                  from prediction_conversations pc
                 where pc.customer_id = ? and pc.resolved_at is not null and pc.risk_before_label is not null""")
                        .param(t.id().value())
                        .query((rs, i) ->
                                new Scored(rs.getDouble(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)))
                        .list());
        assertThat(scored)
                .hasSize(calibration.conversations())
                .allMatch(s -> s.escalated() == s.historyEscalated(), "labelled with the history's escalations")
                .allMatch(Scored::predictedBefore, "a replayed prediction made before the outcome was known");
        double brier = scored.stream()
                .mapToDouble(s -> Math.pow(s.risk() - (s.escalated() ? 1 : 0), 2))
                .average()
                .orElseThrow();
        assertThat(calibration.brier()).isCloseTo(brier, within(1e-9));
        double rate = scored.stream().filter(Scored::escalated).count() / (double) scored.size();
        assertThat(rate).isBetween(0.05, 0.95);
        assertThat(calibration.brier())
                .as("better than always predicting the escalation rate")
                .isLessThan(rate * (1 - rate));
        System.out.printf(
                "demo history calibration: n=%d, escalated %.3f, Brier %.4f (base rate %.4f)%n",
                calibration.conversations(), rate, calibration.brier(), rate * (1 - rate));

        seeder.seed(t.id(), "insight-topics", PLAN, Instant.now());
        assertThat(predictions.replay(t.id(), history.past(t.id(), PLAN))).isZero();
        assertThat(predictions.calibration(t.id()).conversations()).isEqualTo(calibration.conversations());

        assertThat(predictions.calibration(real.id()).conversations())
                .as("its own conversation, no demo rows")
                .isEqualTo(1);
        assertThat(predictions.calibration(other.id()).conversations()).isZero();
    }

    static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("detail").asString()).containsIgnoringCase(detail);
    }
}
