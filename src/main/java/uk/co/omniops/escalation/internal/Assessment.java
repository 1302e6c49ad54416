package uk.co.omniops.escalation.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.co.omniops.escalation.Severity;

/**
 * What a customer's rules make of one moment of a conversation (pure, no I/O; the escalator acts on it and the
 * evaluation in the tests scores it without a database): which rules matched, the rule that leads, the severity
 * graded from the signals and the reason in words.
 *
 * <p>Grading: the leading rule's severity, one step higher (at most critical) when signals of two or more kinds agree
 * — the tone of the messages, an explicit intent, waiting, VIP, predicted risk — so a furious customer who asks for a
 * manager outranks either alone. A thank-you, a closing line or a content-free message never matches: it opens
 * nothing and raises nothing.
 *
 * @see <a href="../../../../../../../docs/decisions/005-escalation.md">decision 005</a>
 */
public record Assessment(Rule lead, List<Match> matches, Severity severity, String reason) {

    /** One rule that matched and its reason. */
    public record Match(Rule rule, String reason) {}

    /** The kind of evidence a condition leaf is. */
    enum Kind {
        TONE,
        INTENT,
        CATEGORY,
        WAITING,
        VIP,
        RISK
    }

    public Assessment {
        matches = List.copyOf(matches);
    }

    /** The assessment when at least one enabled rule matches; empty otherwise. */
    public static Optional<Assessment> of(List<Rule> rules, RuleEvaluator evaluator, Facts facts) {
        if (facts.current() != null && facts.nothingToActOn()) {
            return Optional.empty();
        }
        var matches = new ArrayList<Match>();
        for (var rule : rules) {
            if (rule.enabled()) {
                evaluator.evaluate(rule.condition(), facts).ifPresent(reason -> matches.add(new Match(rule, reason)));
            }
        }
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        // the most severe rule leads; ties: the first in the list (oldest rule)
        var lead = matches.stream()
                .max(Comparator.comparingInt((Match m) -> m.rule().severity().ordinal())
                        .thenComparing(m -> -matches.indexOf(m)))
                .orElseThrow();
        var kinds = EnumSet.noneOf(Kind.class);
        matches.forEach(m -> kinds.addAll(kinds(m.rule().condition())));
        var severity = lead.rule().severity();
        if (kinds.size() >= 2 && severity != Severity.CRITICAL) {
            severity = Severity.values()[severity.ordinal() + 1];
        }
        return Optional.of(new Assessment(lead.rule(), matches, severity, reason(lead, matches, facts)));
    }

    static Set<Kind> kinds(Condition condition) {
        return switch (condition) {
            case Condition.All all -> union(all.conditions());
            case Condition.Any any -> union(any.conditions());
            case Condition.Sentiment s -> EnumSet.of(Kind.TONE);
            case Condition.ConsecutiveNegative n -> EnumSet.of(Kind.TONE);
            case Condition.SentimentDrop d -> EnumSet.of(Kind.TONE);
            case Condition.AngryMessages a -> EnumSet.of(Kind.TONE);
            case Condition.Intents i ->
                i.keys().stream()
                        .map(k -> k.equals(Intent.ANGER.key()) ? Kind.TONE : Kind.INTENT)
                        .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(Kind.class)));
            case Condition.Keywords k -> EnumSet.of(Kind.INTENT);
            case Condition.Category c -> EnumSet.of(Kind.CATEGORY);
            case Condition.Waiting w -> EnumSet.of(Kind.WAITING);
            case Condition.Vip v -> EnumSet.of(Kind.VIP);
            case Condition.Risk r -> EnumSet.of(Kind.RISK);
        };
    }

    private static Set<Kind> union(List<Condition> conditions) {
        var out = EnumSet.noneOf(Kind.class);
        conditions.forEach(c -> out.addAll(kinds(c)));
        return out;
    }

    /** The leading rule's reason, then the other rules' (each once), then the message excerpt once. */
    private static String reason(Match lead, List<Match> matches, Facts facts) {
        var excerpt = RuleEvaluator.onMessage(facts);
        var parts = new LinkedHashSet<String>();
        boolean onMessage = false;
        var ordered = new ArrayList<Match>();
        ordered.add(lead);
        matches.stream().filter(m -> m != lead).forEach(ordered::add);
        for (var m : ordered) {
            var r = m.reason();
            if (!excerpt.isEmpty() && r.endsWith(excerpt)) {
                r = r.substring(0, r.length() - excerpt.length());
                onMessage = true;
            }
            for (var part : r.split("; ")) {
                parts.add(part);
            }
        }
        var reason = String.join("; ", parts) + (onMessage ? excerpt : "");
        return reason.length() > 1000 ? reason.substring(0, 999) + "…" : reason;
    }
}
