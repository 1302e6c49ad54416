package uk.co.omniops.escalation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import uk.co.omniops.escalation.internal.Assessment;
import uk.co.omniops.escalation.internal.DefaultRules;
import uk.co.omniops.escalation.internal.Facts;
import uk.co.omniops.escalation.internal.RuleAction;
import uk.co.omniops.escalation.internal.RuleEvaluator;
import uk.co.omniops.tenancy.CustomerId;

/**
 * What the default rules make of one analysed contact message that opens a conversation (pure, no I/O), for
 * generators of demo and benchmark history: their escalations come from the same rules as live traffic instead of a
 * fixed share (decision 005).
 *
 * @param rule the leading rule's name
 * @param reason the reason in words, as the escalator writes it
 */
public record DefaultRulesVerdict(String rule, Severity severity, String reason) {

    private static final RuleEvaluator EVALUATOR = new RuleEvaluator(0.3, 0.7);
    private static final CustomerId ANY = new CustomerId(new UUID(0, 0));

    /**
     * The default rules (at the default thresholds, {@code ESCALATION_SENTIMENT_THRESHOLD} 0.3 and
     * {@code SENTIMENT_CONFIDENCE_THRESHOLD} 0.7) on one message with its analysis; empty when they would not put it
     * on the supervisors' desk.
     *
     * @param score sentiment 0 (negative) … 1 (positive), how strongly the contact feels
     */
    public static Optional<DefaultRulesVerdict> ofOpening(
            String text, double score, String label, double confidence, Set<String> categories) {
        var signal = new Facts.Signal(score, label, confidence, categories);
        var facts = new Facts(signal, text, List.of(signal), null, false, null);
        return Assessment.of(DefaultRules.forCustomer(ANY), EVALUATOR, facts)
                .filter(a ->
                        a.matches().stream().anyMatch(m -> m.rule().actions().contains(RuleAction.SUPERVISOR_QUEUE)))
                .map(a -> new DefaultRulesVerdict(a.lead().name(), a.severity(), a.reason()));
    }
}
