package uk.co.omniops.insight.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.internal.SyntheticHistory.Line;
import uk.co.omniops.insight.internal.SyntheticHistory.Plan;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.DemoData;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Dev demo: six weeks of history for each demo customer (about 2,500 conversations, 10,000 messages) with an
 * emerging issue in the last week, then a full aggregation and one extraction of the last 7 days, so the executive
 * opens a full report; and the prediction module's replay of that history, so the predictions page measures the
 * real model's calibration on it. Only with {@code omniops.insights.demo-history=true} (dev profile) and only for the
 * demo customers, so no other customer's figures ever contain it; once per customer.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
@ConditionalOnProperty(name = "omniops.insights.demo-history", havingValue = "true")
class DemoInsightHistory implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoInsightHistory.class);

    private final SyntheticHistory history;
    private final InsightAggregator aggregator;
    private final InsightService insights;
    private final TenancyManagement tenancy;
    private final TenantTransactions transactions;
    private final JdbcClient jdbc;
    private final PredictionManagement predictions;
    private final AnalysisManagement analysis;

    DemoInsightHistory(
            SyntheticHistory history,
            InsightAggregator aggregator,
            InsightService insights,
            TenancyManagement tenancy,
            TenantTransactions transactions,
            JdbcClient jdbc,
            PredictionManagement predictions,
            AnalysisManagement analysis) {
        this.analysis = analysis;
        this.history = history;
        this.aggregator = aggregator;
        this.insights = insights;
        this.tenancy = tenancy;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.predictions = predictions;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (var demo : DemoData.CUSTOMERS) {
            var customer = tenancy.customerBySlug(demo.slug()).orElse(null);
            var plan = PLANS.get(demo.slug());
            if (customer != null && plan != null) {
                seed(customer.id(), demo.slug(), plan, Instant.now());
            }
        }
    }

    /**
     * The history, its aggregates and one extraction, unless the plan's history is there already; the sentence vectors
     * of its contact messages that have none; then the
     * prediction module's replay of it, unless that has run (data is kept between runs, and a history written
     * before the replay existed gets its predictions on the next start).
     */
    void seed(CustomerId customer, String name, Plan plan, Instant now) {
        boolean present = transactions.readInTenant(
                customer,
                () -> jdbc.sql("select exists (select 1 from conversation_facts where id = ?)")
                        .param(SyntheticHistory.firstConversation(plan).value())
                        .query(Boolean.class)
                        .single());
        long started = System.nanoTime();
        int messages = present ? 0 : history.generate(customer, plan, now);
        // the sentence vectors before the extraction (topics by meaning); a history written before the analysis
        // kept them gets them on the next start
        int embedded = analysis.storeEmbeddings(customer, contactMessages(customer));
        if (embedded > 0) {
            log.info("Sentence vectors of the demo history for {}: {} messages", name, embedded);
        }
        if (!present) {
            aggregator.rebuild(customer);
            insights.extract(customer, InsightPeriod.lastDays(InsightSchedule.DEFAULT_DAYS, now), false);
            log.info(
                    "Insights demo history for {}: {} messages over {} days in {} ms",
                    name,
                    messages,
                    plan.days(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        if (!predictions.knows(customer, SyntheticHistory.firstConversation(plan))) {
            long replayStarted = System.nanoTime();
            int replayed = predictions.replay(customer, history.past(customer, plan));
            log.info(
                    "Prediction replay of the demo history for {}: {} conversations in {} ms",
                    name,
                    replayed,
                    Duration.ofNanos(System.nanoTime() - replayStarted).toMillis());
        }
    }

    /** The history's contact messages, whose sentence vectors the analysis module keeps (similar conversations). */
    private List<MessageSource.MessageText> contactMessages(CustomerId customer) {
        return transactions.readInTenant(
                customer,
                () -> jdbc.sql("""
                select id, conversation_id, text, created_at from message_facts
                 where customer_id = ? and author_type = 'contact' and not internal""")
                        .param(customer.value())
                        .query((rs, i) -> new MessageSource.MessageText(
                                new MessageId(rs.getObject(1, java.util.UUID.class)),
                                new ConversationId(rs.getObject(2, java.util.UUID.class)),
                                customer,
                                AuthorType.CONTACT,
                                false,
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant()))
                        .list());
    }

    static final Map<String, Plan> PLANS = Map.of(
            "techsupport-co",
                    new Plan(
                            "demo-techsupport-co-v1",
                            42,
                            2500,
                            4,
                            List.of(
                                    new Line(
                                            "technical",
                                            0.4,
                                            "My router keeps dropping the wifi connection every evening."),
                                    new Line("technical", 0.42, "The printer driver will not install on my laptop."),
                                    new Line(
                                            "technical", 0.41, "Error code 0x80070005 when I try the software update."),
                                    new Line(
                                            "account",
                                            0.44,
                                            "I cannot reset my password, the reset email never arrives."),
                                    new Line("account", 0.55, "How do I add a second user to my account?"),
                                    new Line("billing", 0.42, "I was charged twice for the annual licence this month."),
                                    new Line("billing", 0.55, "Can I get an invoice with our company VAT number?"),
                                    new Line("product", 0.6, "Does the premium plan include remote desktop support?"),
                                    new Line("product", 0.6, "Which backup software works with the new storage box?"),
                                    new Line(
                                            "refund", 0.42, "I would like a refund for the licence I never activated."),
                                    new Line(
                                            "cancellation",
                                            0.43,
                                            "Please cancel my subscription at the end of the month."),
                                    new Line(
                                            "complaint",
                                            0.1,
                                            "Third time I explain the router problem, this is ridiculous."),
                                    new Line(
                                            "praise",
                                            0.9,
                                            "Thank you, the remote session fixed everything, great support!"),
                                    new Line(
                                            "human_agent",
                                            0.42,
                                            "I want to speak to a real technician, not a script.")),
                            List.of(
                                    new Line(
                                            "technical",
                                            0.39,
                                            "After the firmware update my router reboots every hour."),
                                    new Line(
                                            "technical",
                                            0.4,
                                            "The firmware update bricked the router, the light is red."),
                                    new Line(
                                            "technical", 0.41, "Since the firmware update the wifi drops constantly.")),
                            6),
            "thompson-engineering",
                    new Plan(
                            "demo-thompson-engineering-v1",
                            42,
                            2000,
                            4,
                            List.of(
                                    new Line("order", 0.55, "When will the replacement gearbox for order 4471 ship?"),
                                    new Line("order", 0.55, "Can I change the quantity on my purchase order?"),
                                    new Line(
                                            "delivery",
                                            0.42,
                                            "The pallet delivery is two days late, the site is waiting."),
                                    new Line("delivery", 0.43, "The courier left the parts at the wrong depot."),
                                    new Line("product", 0.6, "What torque rating does the M12 coupling have?"),
                                    new Line("product", 0.6, "Is the stainless version of the valve in stock?"),
                                    new Line(
                                            "billing", 0.44, "Our account statement shows an invoice we already paid."),
                                    new Line("technical", 0.42, "The pressure sensor reads zero after installation."),
                                    new Line(
                                            "complaint",
                                            0.1,
                                            "The bearings arrived damaged again, this is unacceptable."),
                                    new Line("refund", 0.43, "We returned the wrong pump, please refund the order."),
                                    new Line("praise", 0.9, "The engineer on site was excellent, thank you."),
                                    new Line("human_agent", 0.43, "Please put me through to my account manager."),
                                    new Line(
                                            "order",
                                            0.55,
                                            "Can you send the certificate of conformity for order 4480?"),
                                    new Line(
                                            "account",
                                            0.55,
                                            "Our site contact has changed, please send deliveries to Sam Hill.")),
                            List.of(
                                    new Line(
                                            "account",
                                            0.4,
                                            "The invoice portal login fails with an error since Monday."),
                                    new Line(
                                            "account",
                                            0.41,
                                            "I cannot download invoices, the invoice portal times out.")),
                            7),
            "fooddelivery-inc",
                    new Plan(
                            "demo-fooddelivery-inc-v1",
                            42,
                            3000,
                            4,
                            List.of(
                                    new Line("delivery", 0.4, "My food order is 40 minutes late, where is the driver?"),
                                    new Line("delivery", 0.41, "The driver delivered my order to the wrong address."),
                                    new Line("order", 0.42, "Half of my order is missing, no drinks and no dessert."),
                                    new Line("order", 0.55, "Can I add garlic bread to the order I just placed?"),
                                    new Line("refund", 0.42, "The pizza arrived cold, I want a refund."),
                                    new Line("refund", 0.43, "Please refund the missing items from my order."),
                                    new Line(
                                            "billing",
                                            0.44,
                                            "I was charged a delivery fee although I have a subscription."),
                                    new Line("account", 0.55, "How do I change the card saved in my account?"),
                                    new Line("cancellation", 0.44, "Please cancel my order, I placed it by mistake."),
                                    new Line(
                                            "complaint",
                                            0.1,
                                            "Worst service ever, the food was spilled all over the bag."),
                                    new Line("praise", 0.9, "Super fast delivery today, thanks to the driver!"),
                                    new Line("product", 0.6, "Does the vegan burger contain nuts?"),
                                    new Line("order", 0.55, "Can I schedule my order for 7 pm tonight?"),
                                    new Line(
                                            "refund",
                                            0.42,
                                            "The restaurant forgot the dip, could I get a credit for it?")),
                            List.of(
                                    new Line("billing", 0.4, "The promo code WELCOME10 is not working at checkout."),
                                    new Line(
                                            "billing",
                                            0.41,
                                            "My promo code was rejected, it says expired but the email says valid."),
                                    new Line("billing", 0.42, "Why does the app not accept my promo code?")),
                            5));
}
