package uk.co.omniops.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.escalation.internal.Escalator;
import uk.co.omniops.escalation.internal.RuleService;
import uk.co.omniops.tenancy.ApiKeyManagement;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * Angry messages through the real pipeline (receive → analysis → prediction listener) end in stored predictions
 * with factors; outcomes feed calibration; the escalation rule gets its predicted risk; tenants stay apart. Uses its
 * own customers.
 */
@OmniOpsIntegrationTest
class PredictionIntegrationTests {

    @Autowired
    ConversationManagement conversations;

    @Autowired
    PredictionManagement predictions;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Escalator escalator;

    @Autowired
    RuleService rules;

    @Autowired
    ApiKeyManagement apiKeys;

    @Autowired
    uk.co.omniops.prediction.internal.Predictor predictor;

    @Autowired
    uk.co.omniops.prediction.internal.PredictionStore predictionStore;

    @Autowired
    uk.co.omniops.rollout.RolloutManagement rollout;

    @LocalServerPort
    int port;

    Customer a;
    Customer b;
    UUID agentA;

    @BeforeEach
    void setUp() {
        a = tenancy.ensureCustomer("prediction-it-a", "Prediction IT A", "business", "eu");
        b = tenancy.ensureCustomer("prediction-it-b", "Prediction IT B", "business", "eu");
        tenancy.ensureUser(a, "agent@prediction-it-a", "Pat Agent", Role.AGENT, "demo");
        agentA = tenancy.users(a.id()).stream()
                .filter(u -> u.role() == Role.AGENT)
                .findFirst()
                .orElseThrow()
                .id();
    }

    ConversationId start(Customer customer, String text) {
        return conversations
                .start(
                        customer.id(),
                        new NewContact("Angry Ann", "ann-" + UUID.randomUUID() + "@example.com", null),
                        text,
                        "chat",
                        null)
                .conversation()
                .id();
    }

    int rows(Customer customer, ConversationId conversation) {
        return transactions.readInTenant(
                customer.id(),
                () -> jdbc.sql("select count(*) from prediction_analysis where conversation_id = ?")
                        .param(conversation.value())
                        .query(Integer.class)
                        .single());
    }

    @Test
    void angryMessagesThroughThePipelineProduceRisingPredictionsWithFactors() {
        var id = start(a, "Hello, my order has not arrived yet.");
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(a, id) >= 1);
        var first = predictions.current(a.id(), id).orElseThrow();

        var angry = new String[] {
            "This is absolutely useless, nobody answers and I am furious.",
            "Terrible service. I want a refund now, this is a disgrace.",
            "Worst company ever. I am furious and will file a chargeback."
        };
        for (int i = 0; i < angry.length; i++) {
            conversations.receive(a.id(), id, angry[i], null);
            int expected = i + 2;
            await().atMost(Duration.ofSeconds(30)).until(() -> rows(a, id) >= expected);
        }
        var last = predictions.current(a.id(), id).orElseThrow();
        assertThat(last.escalationRisk()).isGreaterThan(first.escalationRisk());
        assertThat(last.expectedCsat()).isLessThan(first.expectedCsat()).isBetween(1.0, 5.0);
        assertThat(last.expectedResolutionMinutes()).isPositive();
        assertThat(last.factors()).isNotEmpty().anyMatch(f -> f.endsWith("negative messages in a row"));
        assertThat(last.model()).startsWith("predict-v1");
        var factors = transactions.readInTenant(
                a.id(),
                () -> jdbc.sql("""
                select jsonb_array_length(factors) from prediction_analysis where conversation_id = ?
                 order by created_at desc limit 1""").param(id.value()).query(Integer.class).single());
        assertThat(factors).isPositive();
        System.out.println("prediction after 3 angry messages: " + last);

        // outcomes: the default rules escalate this conversation (ConversationEscalated reaches prediction), then
        // the agent resolves it; calibration and training see one more resolved conversation
        await().atMost(Duration.ofSeconds(30))
                .until(() -> transactions.readInTenant(
                                a.id(),
                                () -> jdbc.sql(
                                                "select count(*) from prediction_conversations where conversation_id = ? and escalated_at is not null")
                                        .param(id.value())
                                        .query(Integer.class)
                                        .single())
                        == 1);
        conversations.resolve(a.id(), id, agentA);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> predictions.calibration(a.id()).conversations() >= 1);
        var calibration = predictions.calibration(a.id());
        assertThat(calibration.bins().stream().mapToInt(Calibration.Bin::count).sum())
                .isEqualTo(calibration.conversations());
        assertThat(calibration.bins().stream()
                        .mapToInt(Calibration.Bin::escalated)
                        .sum())
                .isPositive();
        assertThat(predictions.platformCalibration().conversations())
                .isGreaterThanOrEqualTo(calibration.conversations());
        predictions.retrain(a.id());

        // the forecast learns from whole past hours: move this conversation's start a week back
        transactions.inTenant(a.id(), () -> jdbc.sql("""
                update prediction_conversations set started_at = started_at - interval '7 days'
                 where conversation_id = ?""").param(id.value()).update());
        var forecast = predictions.forecast(a.id());
        assertThat(forecast.hours()).hasSize(168);
        assertThat(forecast.hours().getFirst().expectedConversations()).isPositive();
        assertThat(forecast.hours().getFirst().agentsNeeded()).isPositive();
    }

    @Test
    void theApiConversationCarriesThePrediction() throws Exception {
        var id = start(a, "I am furious, nobody answers, I want a refund.");
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(a, id) >= 1);
        var key = apiKeys.create(a.id(), "prediction tests", "tests").plaintext();
        var response = ApiClient.http()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://localhost:" + port + "/api/v1/conversations/" + id.value()))
                                .header("Authorization", "Bearer " + key)
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        var prediction = JsonMapper.builder().build().readTree(response.body()).get("prediction");
        assertThat(prediction.get("escalationRisk").asDouble()).isBetween(0.0, 1.0);
        assertThat(prediction.get("expectedCsat").asDouble()).isBetween(1.0, 5.0);
        assertThat(prediction.get("expectedResolutionMinutes").asInt()).isPositive();
        assertThat(prediction.get("factors").isArray()).isTrue();
        assertThat(prediction.get("factors").size()).isPositive();
        assertThat(prediction.get("model").asString()).startsWith("predict-v1");
    }

    @Test
    void predictionsStayWithTheirCustomer() {
        var id = start(a, "I am furious, this is useless and nobody answers.");
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(a, id) >= 1);

        assertThat(predictions.current(a.id(), id)).isPresent();
        assertThat(predictions.current(b.id(), id)).isEmpty();
        assertThat(rows(b, id)).isZero();
        for (var table : new String[] {"prediction_signals", "prediction_conversations"}) {
            var seen = transactions.readInTenant(
                    b.id(),
                    () -> jdbc.sql("select count(*) from " + table + " where conversation_id = ?")
                            .param(id.value())
                            .query(Integer.class)
                            .single());
            assertThat(seen).as(table).isZero();
        }
        assertThat(predictions.calibration(b.id()).conversations()).isZero();
    }

    @Test
    void nothingIsPredictedOrShownWhileTheFeatureIsOff() {
        var id = start(b, "Hi, a question about my invoice please.");
        var message = conversations.find(b.id(), id).orElseThrow().messages().getFirst();
        var angry = new uk.co.omniops.analysis.MessageAnalysed(
                message.id(),
                id,
                b.id(),
                new uk.co.omniops.analysis.MessageAnalysed.Sentiment(0.05, "negative", 0.95, "test"),
                java.util.List.of(),
                java.util.List.of("test"),
                message.text(),
                conversations.facts(b.id(), id).orElseThrow());
        var feature = uk.co.omniops.rollout.Feature.PREDICTIVE_ANALYTICS;
        var saved = rollout.flag(feature);
        try {
            rollout.blocklistAdd(feature, java.util.List.of("prediction-it-b"), "test@prediction", "flag off test");
            assertThat(predictor.onAnalysed(angry))
                    .isEqualTo(uk.co.omniops.prediction.internal.Predictor.Outcome.DISABLED);
            assertThat(predictions.current(b.id(), id)).isEmpty();
            assertThat(predictions.forecast(b.id()).hours()).isEmpty();
            assertThat(predictions.calibration(b.id()).conversations()).isZero();
        } finally {
            rollout.setBlocklist(feature, saved.blocklist(), "test@prediction", "test clean-up");
            rollout.setWhitelist(feature, saved.whitelist(), "test@prediction", "test clean-up");
        }
        assertThat(predictor.onAnalysed(angry)).isEqualTo(uk.co.omniops.prediction.internal.Predictor.Outcome.STORED);
        assertThat(predictions.current(b.id(), id)).isPresent();
    }

    /**
     * The predicted-risk rule reads the risk stored in the same unit of work (the prediction listener runs before the
     * escalation rules in the analysis' transaction); no prediction event goes back and forth between the modules.
     */
    @Test
    void thePredictedRiskRuleReadsTheRiskPredictedInTheSameUnitOfWork() {
        var id = start(b, "Hi, a question about my invoice please.");
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(b, id) >= 1);
        var risk = rules.rules(b.id()).stream()
                .filter(r -> r.condition() instanceof uk.co.omniops.escalation.internal.Condition.Risk)
                .findFirst()
                .orElseThrow();
        rules.setEnabled(b.id(), risk.id(), true, "test");
        try {
            var message =
                    conversations.find(b.id(), id).orElseThrow().messages().getFirst();
            var analysed = new uk.co.omniops.escalation.internal.AnalysedMessage(
                    message.id(), id, b.id(), 0.6, "neutral", 0.9, java.util.List.of(), java.time.Instant.now());
            assertThat(transactions.inTenant(b.id(), () -> {
                        predictionStore.insertPrediction(b.id(), id, UUID.randomUUID(), prediction(0.5));
                        return escalator.onAnalysed(
                                analysed,
                                message.text(),
                                conversations.facts(b.id(), id).orElseThrow());
                    }))
                    .isEqualTo(Escalator.Outcome.NO_MATCH);
            assertThat(transactions.inTenant(b.id(), () -> {
                        predictionStore.insertPrediction(b.id(), id, UUID.randomUUID(), prediction(0.85));
                        return escalator.onAnalysed(
                                analysed,
                                message.text(),
                                conversations.facts(b.id(), id).orElseThrow());
                    }))
                    .isEqualTo(Escalator.Outcome.OPENED);
            var reason = transactions.readInTenant(
                    b.id(),
                    () -> jdbc.sql("select reason from escalation_events where conversation_id = ? and status = 'open'")
                            .param(id.value())
                            .query(String.class)
                            .single());
            assertThat(reason).contains("predicted escalation risk 0.85");
        } finally {
            rules.setEnabled(b.id(), risk.id(), false, "test");
        }
    }

    /** The newest prediction of a conversation (an hour ahead, so the pipeline's own rows are older). */
    static Prediction prediction(double risk) {
        return new Prediction(
                risk,
                3.0,
                30,
                java.util.List.of("test"),
                "test",
                java.time.Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    /**
     * An analysed contact message costs no event publication of its own: the analysis job is stored with the message;
     * prediction, escalation and the inbox's sentiment run in the analysis' transaction; suggestions after its commit.
     * Only an escalation it opens stores one (its label for prediction, {@code PredictionInputs}).
     */
    @Test
    void anAnalysedContactMessageCostsNoEventPublication() {
        var c = tenancy.ensureCustomer(
                "prediction-it-" + UUID.randomUUID().toString().substring(0, 8), "Prediction IT C", "business", "eu");
        var first = start(c, "Hello, my order has not arrived yet.");
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(c, first) >= 1);
        assertThat(jdbc.sql("select listener_id from event_publication where serialized_event like ?")
                        .param("%" + first.value() + "%")
                        .query(String.class)
                        .list())
                .allSatisfy(listener -> assertThat(listener)
                        .contains("PredictionInputs.on(uk.co.omniops.escalation" + ".ConversationEscalated)"));
    }
}
