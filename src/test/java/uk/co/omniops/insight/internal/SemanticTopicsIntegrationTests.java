package uk.co.omniops.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport.Topic;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * Topics by meaning on the demo history: TechSupport Co's six weeks with its planted issue (three wordings of a
 * firmware update breaking routers, in the last week only) are clustered by the messages' sentence vectors; the
 * planted issue is found as the one emerging topic, labelled by what it is about, with all three wordings (one of them,
 * "since the firmware update the wifi drops constantly", reads like the old "router keeps dropping the wifi"
 * complaint and used to join that topic), and no topic is a generic word.
 */
@OmniOpsIntegrationTest
class SemanticTopicsIntegrationTests {

    @Autowired
    SyntheticHistory history;

    @Autowired
    InsightAggregator aggregator;

    @Autowired
    uk.co.omniops.insight.InsightManagement service;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    AnalysisManagement analysis;

    @Autowired
    JdbcClient jdbc;

    /** The customers whose history a test generated (1,200 conversations each). */
    final java.util.List<CustomerId> generated = new java.util.ArrayList<>();

    /**
     * Deletes the generated histories: thousands of analysed messages without sentence vectors left behind made a
     * later vector backfill in the same JVM (VectorBackfillIntegrationTests' command scans every customer) embed them
     * all, 10–25 s of CPU in half the clean-clone runs.
     */
    @AfterEach
    void forgetTheGeneratedHistories() throws Exception {
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var delete = owner.prepareStatement("delete from conversations where customer_id = ?")) {
            for (var customer : generated) {
                delete.setObject(1, customer.value());
                delete.executeUpdate();
            }
        }
    }

    @Test
    void thePlantedIssueOfTheDemoHistoryIsOneEmergingTopicLabelledByWhatItIsAbout() {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        Customer customer = tenancy.ensureCustomer("semantic-topics-" + suffix, "Semantic Topics", "business", "eu");
        generated.add(customer.id());
        var demo = DemoInsightHistory.PLANS.get("techsupport-co");
        var plan = new SyntheticHistory.Plan(
                "semantic-topics-" + suffix,
                demo.days(),
                1_200,
                demo.messagesPerConversation(),
                demo.lines(),
                demo.emerging(),
                demo.emergingEvery());
        var now = Instant.now();
        history.generate(customer.id(), plan, now);
        assertThat(analysis.storeEmbeddings(customer.id(), contactMessages(customer.id())))
                .isPositive();
        aggregator.rebuild(customer.id());
        var end = now.truncatedTo(ChronoUnit.HOURS);

        var report = service.extractNow(customer.id(), new InsightPeriod(end.minus(Duration.ofDays(7)), end));

        System.out.println("SEMANTIC TOPICS: "
                + report.topics().stream()
                        .map(t -> t.phrase() + " " + t.count() + "/" + t.previousCount()
                                + (t.emerging() ? " emerging" : ""))
                        .toList());
        var emerging = report.topics().stream().filter(Topic::emerging).toList();
        assertThat(emerging).hasSize(1);
        var planted = emerging.getFirst();
        assertThat(planted.phrase()).contains("firmware");
        assertThat(planted.previousCount()).isZero();
        assertThat(planted.count()).isGreaterThanOrEqualTo(5);
        assertThat(planted.examples())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.text()).containsIgnoringCase("firmware update"));
        var plantedMessages = texts(customer.id(), end).stream()
                .filter(t -> t.text().toLowerCase(java.util.Locale.ROOT).contains("firmware update"))
                .count();
        assertThat(plantedMessages).isPositive();
        assertThat(planted.count())
                .as("every wording of the planted issue counts for it")
                .isGreaterThanOrEqualTo(Math.round(0.9 * plantedMessages));
        assertThat(report.topics().stream().filter(t -> !t.emerging()).flatMap(t -> t.examples().stream()))
                .noneSatisfy(e -> assertThat(e.text()).containsIgnoringCase("firmware update"));
        assertThat(report.topics())
                .hasSizeGreaterThan(3)
                .allSatisfy(t -> assertThat(t.phrase()).isNotIn("month", "support", "help", "issue", "problem"));
        assertThat(report.topics())
                .as("every label is a phrase that says what the topic is about, not a lone word")
                .allSatisfy(t -> assertThat(t.phrase()).contains(" "));
        assertThat(report.topics())
                .as("a lone word is widened to a phrase of its cluster")
                .map(Topic::phrase)
                .noneMatch(p -> p.equals("remote") || p.equals("activated") || p.equals("wifi"))
                .anyMatch(p -> p.contains("remote desktop"));
        assertThat(report.highlights()).anyMatch(h -> h.startsWith("Emerging issue") && h.contains(planted.phrase()));
    }

    @Test
    void withoutSentenceVectorsTheTopicsArePhrases() {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        Customer customer = tenancy.ensureCustomer("phrase-topics-" + suffix, "Phrase Topics", "business", "eu");
        generated.add(customer.id());
        var demo = DemoInsightHistory.PLANS.get("techsupport-co");
        var plan = new SyntheticHistory.Plan(
                "phrase-topics-" + suffix,
                demo.days(),
                1_200,
                demo.messagesPerConversation(),
                demo.lines(),
                demo.emerging(),
                demo.emergingEvery());
        var now = Instant.now();
        history.generate(customer.id(), plan, now);
        aggregator.rebuild(customer.id());
        var end = now.truncatedTo(ChronoUnit.HOURS);

        var report = service.extractNow(customer.id(), new InsightPeriod(end.minus(Duration.ofDays(7)), end));

        assertThat(report.topics().stream().filter(Topic::emerging).map(Topic::phrase))
                .containsExactly(
                        TopicExtractor.extract(texts(customer.id(), end), previousTexts(customer.id(), end)).stream()
                                .filter(Topic::emerging)
                                .map(Topic::phrase)
                                .toArray(String[]::new));
    }

    java.util.List<MessageSource.MessageText> contactMessages(CustomerId customer) {
        return transactions.readInTenant(
                customer,
                () -> jdbc.sql("""
                select id, conversation_id, text, created_at from messages
                 where customer_id = ? and author_type = 'contact'""")
                        .param(customer.value())
                        .query((rs, i) -> new MessageSource.MessageText(
                                new MessageId(rs.getObject(1, UUID.class)),
                                new ConversationId(rs.getObject(2, UUID.class)),
                                customer,
                                AuthorType.CONTACT,
                                false,
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant()))
                        .list());
    }

    java.util.List<TopicExtractor.Text> texts(CustomerId customer, Instant end) {
        return between(customer, end.minus(Duration.ofDays(7)), end);
    }

    java.util.List<TopicExtractor.Text> previousTexts(CustomerId customer, Instant end) {
        return between(customer, end.minus(Duration.ofDays(14)), end.minus(Duration.ofDays(7)));
    }

    java.util.List<TopicExtractor.Text> between(CustomerId customer, Instant from, Instant to) {
        return transactions.readInTenant(
                customer,
                () -> jdbc.sql("""
                select conversation_id, id, text, created_at from messages
                 where customer_id = ? and author_type = 'contact' and not internal and created_at >= ? and created_at < ?
                 order by created_at, id""")
                        .params(customer.value(), java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
                        .query((rs, i) -> new TopicExtractor.Text(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant()))
                        .list());
    }
}
