package uk.co.omniops.escalation.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.escalation.Escalation;
import uk.co.omniops.escalation.EscalationHistoryEntry;
import uk.co.omniops.escalation.EscalationManagement;
import uk.co.omniops.escalation.EscalationNotFound;
import uk.co.omniops.escalation.EscalationStatus;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.UserAccount;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * Angry messages end in exactly one escalation and one Slack message; cool-down after resolve; tenant isolation in
 * the service and in SQL as the application role. Uses its own customers so other tests' data stays untouched.
 */
@OmniOpsIntegrationTest
public class EscalationIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static WireMockServer slack;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    EscalationManagement escalations;

    @Autowired
    Escalator escalator;

    @Autowired
    RuleService rules;

    @Autowired
    NotificationDispatcher dispatcher;

    @Autowired
    NotificationTargets targets;

    @Autowired
    Notifications notifications;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    LiveUpdates liveUpdates;

    @Autowired
    uk.co.omniops.tenancy.TenantTransactions transactions;

    Customer a;
    Customer b;
    UserAccount supervisorA;

    @BeforeAll
    static void startSlack() {
        slack = new WireMockServer(options().dynamicPort());
        slack.start();
    }

    @AfterAll
    static void stopSlack() {
        slack.stop();
    }

    @BeforeEach
    void setUp() {
        a = tenancy.ensureCustomer("escalation-it-a", "Escalation IT A", "business", "eu");
        b = tenancy.ensureCustomer("escalation-it-b", "Escalation IT B", "business", "eu");
        tenancy.ensureUser(a, "supervisor@escalation-it-a", "Sue Pervisor", Role.SUPERVISOR, "demo");
        tenancy.ensureUser(b, "supervisor@escalation-it-b", "Bea Boss", Role.SUPERVISOR, "demo");
        supervisorA = tenancy.users(a.id()).stream()
                .filter(u -> u.role() == Role.SUPERVISOR)
                .findFirst()
                .orElseThrow();
        slack.resetAll();
        slack.stubFor(post(urlEqualTo("/services/T0/B0/escalations"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        targets.use(new NotificationTargets.Targets(
                "http://localhost:" + slack.port() + "/services/T0/B0/escalations",
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
    void angryMessagesInOneConversationOpenExactlyOneEscalationAndOneSlackMessage() {
        var started = conversations.start(
                a.id(),
                new NewContact("Angry Ann", "ann-" + UUID.randomUUID() + "@example.com", null),
                "How do I change my delivery address?",
                "chat",
                null);
        var id = started.conversation().id();
        var texts = List.of(
                "This is absolutely useless, nobody answers.",
                "I am furious. I want to speak to a manager now.",
                "Third time asking. I will call my lawyer and file a chargeback.");
        var scores = List.of(0.12, 0.08, 0.05);
        for (int i = 0; i < texts.size(); i++) {
            var message = conversations.receive(a.id(), id, texts.get(i), null);
            // the analysis pipeline may deliver MessageAnalysed for the same message too: the result must not change
            var outcome = escalator.onAnalysed(analysed(message, scores.get(i), 0.93, List.of("complaint")));
            assertThat(outcome)
                    .isIn(
                            i == 0
                                    ? Set.of(Escalator.Outcome.OPENED, Escalator.Outcome.ADDED_TO_OPEN)
                                    : Set.of(Escalator.Outcome.ADDED_TO_OPEN));
        }

        var open = escalations.open(a.id(), Set.of(), Set.of(), false).stream()
                .filter(e -> e.conversationId().equals(id))
                .toList();
        assertThat(open).hasSize(1);
        var escalation = open.getFirst();
        // opened at medium by the first angry message; fury plus a request for a manager grades it critical
        assertThat(escalation.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalation.status()).isEqualTo(EscalationStatus.OPEN);
        assertThat(escalation.matchCount()).isGreaterThanOrEqualTo(3);
        // opened by the first angry message: through this test's analysis (0.12, 0.93) or the pipeline's own, which
        // analyses the same message concurrently; either way the reason names the score and the message. The opener is
        // a plain question the model scores neutral: a complaint there ("my order is two weeks late", 0.05) let the
        // pipeline open the escalation on it before the test's first call.
        assertThat(escalation.reason())
                .containsPattern("^((furious|angry) message \\(score 0\\.\\d\\d\\); )?sounded angry "
                        + "on “This is absolutely useless, nobody answers\\.”");
        assertThat(escalations.current(a.id(), id)).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo("open");
            assertThat(c.severity()).isEqualTo("critical");
            assertThat(c.rule()).isEqualTo("Negative sentiment");
        });
        assertThat(escalations.history(a.id(), escalation.id()))
                .extracting(EscalationHistoryEntry::kind)
                .contains("opened", "matched");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            assertThat(slackRequestsFor("escalation-it-a", id.value())).hasSize(1);
        });
        var payload = JSON.readTree(
                slackRequestsFor("escalation-it-a", id.value()).getFirst().getBodyAsString());
        // one message, sent when the escalation became critical (at medium it only waited on the desk)
        assertThat(payload.path("text").asString()).contains("[CRITICAL] Escalation at Escalation IT A");
        assertThat(payload.path("severity").asString()).isEqualTo("critical");
        assertThat(payload.path("link").asString()).endsWith("/inbox/" + id.value());
        assertThat(payload.path("blocks").isArray()).isTrue();
        dispatcher.dispatchDue();
        assertThat(slackRequestsFor("escalation-it-a", id.value())).hasSize(1);
        assertThat(transactions.readInTenant(a.id(), () -> notifications.forEvent(a.id(), escalation.id())))
                .singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo("sent"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(escalations.history(a.id(), escalation.id()))
                        .extracting(EscalationHistoryEntry::text)
                        .anyMatch(t -> t.startsWith("Slack notified")));
    }

    @Test
    void acknowledgeAssignResolveThenCoolDownPreventsReopening() {
        var details = angryConversation(a, "cool-down");
        var id = details.conversation().id();
        var escalation = escalations.forConversation(a.id(), id).orElseThrow();

        var acknowledged = escalations.acknowledge(a.id(), escalation.id(), supervisorA);
        assertThat(acknowledged.status()).isEqualTo(EscalationStatus.ACKNOWLEDGED);
        assertThat(acknowledged.timeToAcknowledge()).isPresent();
        var assigned = escalations.assign(a.id(), escalation.id(), supervisorA.id(), supervisorA);
        assertThat(assigned.assignedName()).isEqualTo("Sue Pervisor");
        assertThat(conversations.find(a.id(), id).orElseThrow().conversation().assigneeId())
                .isEqualTo(supervisorA.id());
        var resolved = escalations.resolve(a.id(), escalation.id(), "Refund issued, customer calm", supervisorA);
        assertThat(resolved.status()).isEqualTo(EscalationStatus.RESOLVED);
        assertThat(resolved.resolutionNote()).isEqualTo("Refund issued, customer calm");
        assertThat(escalations.current(a.id(), id)).isEmpty();

        // another angry message within the 30-minute cool-down: no new escalation
        var again = conversations.receive(a.id(), id, "Still terrible.", null);
        assertThat(escalator.onAnalysed(analysed(again, 0.05, 0.95, List.of())))
                .isEqualTo(Escalator.Outcome.COOLING_DOWN);
        assertThat(escalations.forConversation(a.id(), id)).isEmpty();
        var counts = escalations.today(a.id());
        assertThat(counts.resolvedToday()).isGreaterThanOrEqualTo(1);
        assertThat(counts.averageTimeToAcknowledge()).isNotNull();
    }

    @Test
    void resolvingTheConversationClosesItsOpenEscalationAndSaysWho() {
        var details = angryConversation(a, "resolved-by-agent");
        var id = details.conversation().id();
        var escalation = escalations.forConversation(a.id(), id).orElseThrow();
        assertThat(escalation.status()).isNotEqualTo(EscalationStatus.RESOLVED);

        conversations.resolve(a.id(), id, supervisorA.id());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var closed = escalations.find(a.id(), escalation.id()).orElseThrow();
            assertThat(closed.status()).isEqualTo(EscalationStatus.RESOLVED);
            assertThat(closed.resolutionNote()).isEqualTo("Conversation resolved by Sue Pervisor");
        });
        assertThat(escalations.current(a.id(), id)).isEmpty();
        assertThat(escalations.open(a.id(), Set.of(), Set.of(), false))
                .extracting(Escalation::id)
                .doesNotContain(escalation.id());
        assertThat(escalations.history(a.id(), escalation.id()))
                .extracting(EscalationHistoryEntry::text)
                .containsOnlyOnce("Closed: the conversation was resolved by Sue Pervisor");
    }

    @Test
    void supervisorOfOneCustomerNeverSeesAnothersEscalations() throws Exception {
        var mine = angryConversation(a, "tenant-a");
        var theirs = angryConversation(b, "tenant-b");
        var theirEscalation =
                escalations.forConversation(b.id(), theirs.conversation().id()).orElseThrow();

        assertThat(escalations.open(a.id(), Set.of(), Set.of(), false))
                .extracting(Escalation::customerId)
                .containsOnly(a.id());
        assertThat(escalations.open(a.id(), Set.of(), Set.of(), false))
                .extracting(Escalation::conversationId)
                .contains(mine.conversation().id())
                .doesNotContain(theirs.conversation().id());
        assertThat(escalations.forConversation(a.id(), theirs.conversation().id()))
                .isEmpty();
        assertThat(escalations.find(a.id(), theirEscalation.id())).isEmpty();
        assertThat(escalations.history(a.id(), theirEscalation.id())).isEmpty();
        assertThatThrownBy(() -> escalations.acknowledge(a.id(), theirEscalation.id(), supervisorA))
                .isInstanceOf(EscalationNotFound.class);
        var supervisorB = tenancy.users(b.id()).stream()
                .filter(u -> u.role() == Role.SUPERVISOR)
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> escalations.acknowledge(b.id(), theirEscalation.id(), supervisorA))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> escalations.assign(
                        a.id(),
                        escalations
                                .forConversation(a.id(), mine.conversation().id())
                                .orElseThrow()
                                .id(),
                        supervisorB.id(),
                        supervisorA))
                .isInstanceOf(IllegalArgumentException.class);

        // SQL as the application role with A's tenant: B's rows do not exist
        var url = "jdbc:postgresql://localhost:" + TestInfrastructure.postgresPort() + "/postgres";
        try (var connection = DriverManager.getConnection(url, "omniops_app", "omniops_app_test")) {
            connection.setAutoCommit(false);
            try (var set = connection.prepareStatement("select set_config('app.customer_id', ?, true)")) {
                set.setString(1, a.id().toString());
                set.execute();
            }
            for (var table : List.of(
                    "escalation_events",
                    "escalation_history",
                    "escalation_notifications",
                    "escalation_signals",
                    "escalation_rules")) {
                try (var query =
                        connection.prepareStatement("select count(*) from " + table + " where customer_id = ?")) {
                    query.setObject(1, b.id().value());
                    var rs = query.executeQuery();
                    rs.next();
                    assertThat(rs.getInt(1)).as(table).isZero();
                }
            }
            try (var update =
                    connection.prepareStatement("update escalation_events set status = 'resolved' where id = ?")) {
                update.setObject(1, theirEscalation.id().value());
                assertThat(update.executeUpdate()).isZero();
            }
            connection.rollback();
        }
        assertThat(escalations.find(b.id(), theirEscalation.id()).orElseThrow().status())
                .isEqualTo(EscalationStatus.OPEN);
    }

    /**
     * A customer's first analysed messages seed its default rules inside the analysis batch's transaction; another
     * thread asking for the rules before that commits must not get rules that do not exist for it yet (its
     * escalation would name a rule its transaction cannot see: a foreign key violation, seen in CI).
     */
    @Test
    void rulesSeededInAnOpenTransactionReachOtherThreadsOnlyOnceItCommits() throws Exception {
        var c = tenancy.ensureCustomer(
                "escalation-it-seed-" + UUID.randomUUID().toString().substring(0, 8),
                "Escalation IT seed",
                "business",
                "eu");
        var committedWhenReturned = new java.util.concurrent.CompletableFuture<Integer>();
        transactions.inTenant(c.id(), () -> {
            var seeded = rules.rules(c.id());
            assertThat(seeded).isNotEmpty();
            Thread.ofPlatform().start(() -> {
                try {
                    var ids = rules.rules(c.id()).stream().map(Rule::id).toArray(UUID[]::new);
                    committedWhenReturned.complete(committedRules(ids));
                } catch (Exception e) {
                    committedWhenReturned.completeExceptionally(e);
                }
            });
            try {
                Thread.sleep(500); // the other thread asks while the seed is not committed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertThat(committedWhenReturned.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("rules given to another thread exist in the database")
                .isEqualTo(rules.rules(c.id()).size());
    }

    private static int committedRules(UUID[] ids) throws Exception {
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var query = owner.prepareStatement("select count(*) from escalation_rules where id = any(?)")) {
            query.setArray(1, owner.createArrayOf("uuid", ids));
            var rs = query.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Rules are cached per replica; another replica's change arrives as a live update and evicts the copy. */
    @Test
    void cachedRulesFollowAChangeMadeOnAnotherReplica() throws Exception {
        var c = tenancy.ensureCustomer("escalation-it-cache", "Escalation IT cache", "business", "eu");
        var rule = rules.rules(c.id()).getFirst();
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.prepareStatement("update escalation_rules set enabled = not enabled where id = ?")) {
            s.setObject(1, rule.id());
            assertThat(s.executeUpdate()).isOne();
        }
        assertThat(enabled(c, rule.id())).as("this replica's copy, until told").isEqualTo(rule.enabled());

        liveUpdates.publish(LiveUpdate.of(c.id().value(), LiveUpdate.Kind.RULES_CHANGED, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> enabled(c, rule.id()) != rule.enabled());

        rules.setEnabled(c.id(), rule.id(), rule.enabled(), "tests");
        assertThat(enabled(c, rule.id()))
                .as("a change on this replica shows at once")
                .isEqualTo(rule.enabled());
    }

    private boolean enabled(Customer c, UUID ruleId) {
        return rules.rules(c.id()).stream()
                .filter(r -> r.id().equals(ruleId))
                .findFirst()
                .orElseThrow()
                .enabled();
    }

    @Test
    void defaultRulesAreSeededOnceAndTheDryRunCountsPastMatches() {
        var seeded = rules.rules(a.id());
        assertThat(seeded)
                .extracting(r -> r.name())
                .contains("Negative sentiment", "Escalation language", "Waiting too long", "Unhappy VIP");
        rules.seedDefaults(a.id());
        assertThat(rules.rules(a.id())).hasSameSizeAs(seeded);

        angryConversation(a, "dry-run");
        var dryRun =
                rules.dryRun(a.id(), new uk.co.omniops.escalation.internal.Condition.Keywords(List.of("refund now")));
        assertThat(dryRun.wouldEscalate()).isGreaterThanOrEqualTo(1);
        assertThat(dryRun.examples()).isNotEmpty();
        assertThat(dryRun.examples().getFirst().reason()).contains("\"refund now\"");
        var none =
                rules.dryRun(a.id(), new uk.co.omniops.escalation.internal.Condition.Keywords(List.of("xyzzy-plugh")));
        assertThat(none.wouldEscalate()).isZero();
    }

    /** V16 moves rules still exactly as seeded to today's defaults and leaves a supervisor's edits alone. */
    @Test
    void theMigrationMovesUntouchedSeededDefaultsToTheNewOnes() throws Exception {
        var c = tenancy.ensureCustomer(
                "escalation-it-migration-" + UUID.randomUUID().toString().substring(0, 8),
                "Escalation IT migration",
                "business",
                "eu");
        var old = new String[][] {
            {"Negative sentiment", "high", "{\"type\":\"sentiment\"}"},
            {
                "Escalation language",
                "high",
                "{\"type\":\"keywords\",\"phrases\":[\"lawyer\",\"attorney\",\"legal action\","
                        + "\"sue\",\"chargeback\",\"cancel my account\",\"speak to a manager\",\"talk to a manager\","
                        + "\"supervisor\",\"report you\",\"trading standards\",\"ombudsman\"]}"
            },
            {"Frustration building", "medium", "{\"type\":\"consecutive_negative\",\"count\":3}"},
            {
                "Asks for a human or complains",
                "medium",
                "{\"type\":\"category\",\"keys\":[\"complaint\",\"human_agent\"]}"
            },
            {"Waiting too long", "medium", "{\"type\":\"waiting\",\"minutes\":15}"},
            {"Sudden sentiment drop", "low", "{\"type\":\"sentiment_drop\",\"delta\":0.5}"},
            {"Our own stricter rule", "high", "{\"type\":\"sentiment\",\"threshold\":0.1}"}
        };
        String migration;
        try (var in = getClass().getResourceAsStream("/db/migration/V16__escalation_default_rules_v2.sql")) {
            migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            for (var row : old) {
                try (var insert = owner.prepareStatement(
                        "insert into escalation_rules (id, customer_id, name, severity, "
                                + "condition, actions) values (?, ?, ?, ?, ?::jsonb, '[\"supervisor_queue\"]'::jsonb)")) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, c.id().value());
                    insert.setString(3, row[0]);
                    insert.setString(4, row[1]);
                    insert.setString(5, row[2]);
                    insert.executeUpdate();
                }
            }
            try (var statement = owner.createStatement()) {
                statement.execute(migration);
                // V20 then moves the waiting rule, still as seeded, to the customer's first-response SLA
                statement.execute(v20EscalationRuleUpdates());
            }
            var defaults = uk.co.omniops.escalation.internal.DefaultRules.forCustomer(c.id());
            try (var query = owner.prepareStatement(
                    "select name, severity, condition::text, enabled from escalation_rules where customer_id = ?")) {
                query.setObject(1, c.id().value());
                var rs = query.executeQuery();
                int checked = 0;
                while (rs.next()) {
                    var name = rs.getString(1);
                    var condition = uk.co.omniops.escalation.internal.Condition.parse(rs.getString(3));
                    if (name.equals("Our own stricter rule")) {
                        assertThat(condition)
                                .isEqualTo(new uk.co.omniops.escalation.internal.Condition.Sentiment(0.1, null));
                        continue;
                    }
                    var expected = defaults.stream()
                            .filter(r -> r.name().equals(name))
                            .findFirst()
                            .orElseThrow();
                    assertThat(condition).as(name).isEqualTo(expected.condition());
                    assertThat(rs.getString(2))
                            .as(name)
                            .isEqualTo(expected.severity().dbValue());
                    assertThat(rs.getBoolean(4)).as(name).isEqualTo(expected.enabled());
                    checked++;
                }
                assertThat(checked).isEqualTo(6);
            }
        }
    }

    /** The statements of V20 that change escalation rules (the rest of it changes the customers table, done once). */
    private String v20EscalationRuleUpdates() throws Exception {
        try (var in = getClass().getResourceAsStream("/db/migration/V20__customer_first_response_sla.sql")) {
            var sql =
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return java.util.Arrays.stream(sql.split(";"))
                    .map(String::strip)
                    .filter(statement -> statement.startsWith("update escalation_rules"))
                    .collect(java.util.stream.Collectors.joining(";\n"));
        }
    }

    /** Many escalations of one customer within the window: the first alert at once, the rest as one grouped alert. */
    @Test
    void manyEscalationsOfOneCustomerGoOutAsOneGroupedAlertPerWindow() {
        var slug = "escalation-it-group-" + UUID.randomUUID().toString().substring(0, 8);
        var c = tenancy.ensureCustomer(slug, "Escalation IT group", "business", "eu");
        dispatcher.useGroupWindow(Duration.ofSeconds(4));
        try {
            managerRequest(c, "first");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                dispatcher.dispatchDue();
                assertThat(slackRequestsFor(slug)).hasSize(1);
            });
            for (var label : List.of("second", "third", "fourth")) {
                managerRequest(c, label);
            }
            dispatcher.dispatchDue();
            assertThat(slackRequestsFor(slug)).as("held until the window ends").hasSize(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                dispatcher.dispatchDue();
                assertThat(slackRequestsFor(slug)).hasSize(2);
            });
            var grouped = JSON.readTree(slackRequestsFor(slug).get(1).getBodyAsString());
            assertThat(grouped.path("text").asString()).contains("3 escalations in the last few minutes");
            assertThat(grouped.path("link").asString()).endsWith("/escalations");
            dispatcher.dispatchDue();
            assertThat(slackRequestsFor(slug)).hasSize(2);
        } finally {
            dispatcher.useGroupWindow(Duration.ofMinutes(5));
        }
    }

    private void managerRequest(Customer customer, String label) {
        var started = conversations.start(
                customer.id(),
                new NewContact("Contact " + label, label + "-" + UUID.randomUUID() + "@example.com", null),
                "Hello, about my order.",
                "chat",
                null);
        var message = conversations.receive(
                customer.id(),
                started.conversation().id(),
                "This is unacceptable. I want to speak to a manager now.",
                null);
        escalator.onAnalysed(analysed(message, 0.1, 0.95, List.of("complaint")));
    }

    private List<LoggedRequest> slackRequestsFor(String slug) {
        return slack.findAll(postRequestedFor(urlEqualTo("/services/T0/B0/escalations"))).stream()
                .filter(r -> r.getBodyAsString().contains("\"" + slug + "\""))
                .toList();
    }

    private ConversationDetails angryConversation(Customer customer, String label) {
        var started = conversations.start(
                customer.id(),
                new NewContact("Contact " + label, label + "-" + UUID.randomUUID() + "@example.com", null),
                "Hello, about my order.",
                "chat",
                null);
        var message = conversations.receive(
                customer.id(), started.conversation().id(), "This is a disgrace, I want my refund now!", null);
        escalator.onAnalysed(analysed(message, 0.06, 0.94, List.of("refund", "complaint")));
        return conversations.find(customer.id(), started.conversation().id()).orElseThrow();
    }

    public static AnalysedMessage analysed(Message m, double score, double confidence, List<String> categories) {
        return new AnalysedMessage(
                m.id(), m.conversationId(), m.customerId(), score, "negative", confidence, categories, Instant.now());
    }

    private List<LoggedRequest> slackRequestsFor(String slug, UUID conversation) {
        return slack.findAll(postRequestedFor(urlEqualTo("/services/T0/B0/escalations"))).stream()
                .filter(r -> r.getBodyAsString().contains("\"" + slug + "\"")
                        && r.getBodyAsString().contains(conversation.toString()))
                .toList();
    }
}
