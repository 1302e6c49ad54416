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

    public static final List<String> ESCALATION_PHRASES = List.of("lawyer", "attorney", "legal action", "sue",
            "chargeback", "cancel my account", "speak to a manager", "talk to a manager", "supervisor",
            "report you", "trading standards", "ombudsman");

    private DefaultRules() {}

    public static List<Rule> forCustomer(CustomerId customer) {
        var now = Instant.now();
        var notify = EnumSet.of(RuleAction.SUPERVISOR_QUEUE, RuleAction.RAISE_PRIORITY, RuleAction.NOTIFY);
        return List.of(
                rule(customer, "sentiment", "Negative sentiment", Severity.HIGH, true,
                        new Condition.Sentiment(null, null), notify, 30, now),
                rule(customer, "keywords", "Escalation language", Severity.HIGH, true,
                        new Condition.Keywords(ESCALATION_PHRASES), notify, 30, now),
                rule(customer, "consecutive", "Frustration building", Severity.MEDIUM, true,
                        new Condition.ConsecutiveNegative(3), EnumSet.of(RuleAction.SUPERVISOR_QUEUE,
                                RuleAction.RAISE_PRIORITY), 30, now),
                rule(customer, "category", "Asks for a human or complains", Severity.MEDIUM, true,
                        new Condition.Category(Set.of("human_agent", "complaint")),
                        EnumSet.of(RuleAction.SUPERVISOR_QUEUE), 30, now),
                rule(customer, "waiting", "Waiting too long", Severity.MEDIUM, true, new Condition.Waiting(15),
                        EnumSet.of(RuleAction.SUPERVISOR_QUEUE, RuleAction.RAISE_PRIORITY), 60, now),
                rule(customer, "vip", "Unhappy VIP", Severity.CRITICAL, true,
                        new Condition.All(List.of(new Condition.Vip(), new Condition.Any(List.of(
                                new Condition.Sentiment(0.4, null), new Condition.Keywords(ESCALATION_PHRASES))))),
                        EnumSet.allOf(RuleAction.class), 30, now),
                rule(customer, "drop", "Sudden sentiment drop", Severity.LOW, true, new Condition.SentimentDrop(0.5),
                        EnumSet.of(RuleAction.SUPERVISOR_QUEUE), 30, now),
                rule(customer, "risk", "High predicted risk (needs predictions)", Severity.HIGH, false,
                        new Condition.Risk(0.8), EnumSet.of(RuleAction.SUPERVISOR_QUEUE, RuleAction.NOTIFY), 60, now));
    }

    private static Rule rule(CustomerId customer, String key, String name, Severity severity, boolean enabled,
            Condition condition, Set<RuleAction> actions, int cooldown, Instant now) {
        var id = UUID.nameUUIDFromBytes(("escalation-rule:" + customer.value() + ":" + key).getBytes());
        return new Rule(id, customer, name, enabled, severity, condition, actions, cooldown, now);
    }
}
