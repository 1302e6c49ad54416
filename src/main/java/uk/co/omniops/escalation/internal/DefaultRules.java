package uk.co.omniops.escalation.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The rules every customer starts with (seeded once, on the customer's first evaluation or by the demo runner).
 * Ids are derived from customer and rule key, so seeding twice can never duplicate a rule.
 */
public final class DefaultRules {

    public static final List<String> ESCALATION_PHRASES = List.of(
            "lawyer",
            "attorney",
            "legal action",
            "sue",
            "chargeback",
            "cancel my account",
            "speak to a manager",
            "talk to a manager",
            "supervisor",
            "report you",
            "trading standards",
            "ombudsman");

    private DefaultRules() {}

    /** The intents the default "Escalation language" rule acts on (all but asking for a person). */
    public static final Set<String> ESCALATION_INTENTS = Set.of(
            Intent.MANAGER.key(),
            Intent.CANCEL.key(),
            Intent.CHARGEBACK.key(),
            Intent.LEGAL.key(),
            Intent.REGULATOR.key(),
            Intent.PUBLIC.key(),
            Intent.ABUSE.key());

    /**
     * One strongly negative message queues at medium; an explicit intent (manager, leaving, chargeback, legal,
     * regulator, going public, abuse) or anger building up over the conversation (two strongly negative messages, or a
     * sharp drop to strongly negative) is high; signals of two kinds together grade one step higher
     * ({@link Assessment}). Waiting past the customer's first-response SLA only queues, at low. Tuned on the labelled table (decision 005).
     */
    public static List<Rule> forCustomer(CustomerId customer) {
        var now = Instant.now();
        var notify = EnumSet.of(RuleAction.SUPERVISOR_QUEUE, RuleAction.RAISE_PRIORITY, RuleAction.NOTIFY);
        return List.of(
                rule(
                        customer,
                        "sentiment",
                        "Negative sentiment",
                        Severity.MEDIUM,
                        true,
                        new Condition.Any(List.of(
                                new Condition.Sentiment(null, null),
                                new Condition.Intents(Set.of(Intent.ANGER.key())))),
                        notify,
                        30,
                        now),
                rule(
                        customer,
                        "keywords",
                        "Escalation language",
                        Severity.HIGH,
                        true,
                        new Condition.Intents(ESCALATION_INTENTS),
                        notify,
                        30,
                        now),
                rule(
                        customer,
                        "consecutive",
                        "Frustration building",
                        Severity.HIGH,
                        true,
                        new Condition.AngryMessages(2, null),
                        notify,
                        30,
                        now),
                rule(
                        customer,
                        "category",
                        "Asks for a human or complains",
                        Severity.MEDIUM,
                        false,
                        new Condition.Category(Set.of("human_agent", "complaint")),
                        EnumSet.of(RuleAction.SUPERVISOR_QUEUE),
                        30,
                        now),
                rule(
                        customer,
                        "waiting",
                        "Waiting too long",
                        Severity.LOW,
                        true,
                        Condition.Waiting.pastSla(),
                        EnumSet.of(RuleAction.SUPERVISOR_QUEUE),
                        60,
                        now),
                rule(
                        customer,
                        "vip",
                        "Unhappy VIP",
                        Severity.CRITICAL,
                        true,
                        new Condition.All(List.of(
                                new Condition.Vip(),
                                new Condition.Any(List.of(
                                        new Condition.Sentiment(0.4, null),
                                        new Condition.Keywords(ESCALATION_PHRASES))))),
                        EnumSet.allOf(RuleAction.class),
                        30,
                        now),
                rule(
                        customer,
                        "drop",
                        "Sudden sentiment drop",
                        Severity.HIGH,
                        true,
                        new Condition.All(
                                List.of(new Condition.SentimentDrop(0.4), new Condition.Sentiment(null, null))),
                        notify,
                        30,
                        now),
                rule(
                        customer,
                        "risk",
                        "High predicted risk (needs predictions)",
                        Severity.HIGH,
                        false,
                        new Condition.Risk(0.8),
                        EnumSet.of(RuleAction.SUPERVISOR_QUEUE, RuleAction.NOTIFY),
                        60,
                        now));
    }

    private static Rule rule(
            CustomerId customer,
            String key,
            String name,
            Severity severity,
            boolean enabled,
            Condition condition,
            Set<RuleAction> actions,
            int cooldown,
            Instant now) {
        var id = UUID.nameUUIDFromBytes(("escalation-rule:" + customer.value() + ":" + key).getBytes());
        return new Rule(id, customer, name, enabled, severity, condition, actions, cooldown, now);
    }
}
