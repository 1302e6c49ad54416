package uk.co.omniops.escalation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import uk.co.omniops.analysis.PiiRedactor;

/**
 * Evaluates a {@link Condition} tree against {@link Facts}: pure, no I/O. A match comes with the reason in words
 * ("sentiment 0.12 (confidence 0.91) on “I want to speak to a manager…”"), customer text PII-redacted and cut short
 * because reasons travel to Slack, e-mail and PagerDuty.
 *
 * <p>Boundaries: a score equal to the threshold escalates; a confidence below the minimum never counts.
 */
public final class RuleEvaluator {

    private static final int EXCERPT = 60;
    private static final ConcurrentHashMap<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final double defaultThreshold;
    private final double defaultConfidence;

    public RuleEvaluator(double defaultThreshold, double defaultConfidence) {
        this.defaultThreshold = defaultThreshold;
        this.defaultConfidence = defaultConfidence;
    }

    /**
     * The reason in words when the condition matches; empty otherwise. A reason that rests on the message ends with
     * its excerpt once, e.g. {@code asked for a manager; angry message (score 0.12) on “I want a manager…”}.
     */
    public Optional<String> evaluate(Condition condition, Facts facts) {
        return words(condition, facts).map(r -> readsMessage(condition) ? r + onMessage(facts) : r);
    }

    private static boolean readsMessage(Condition condition) {
        return switch (condition) {
            case Condition.All all -> all.conditions().stream().anyMatch(RuleEvaluator::readsMessage);
            case Condition.Any any -> any.conditions().stream().anyMatch(RuleEvaluator::readsMessage);
            case Condition.Waiting w -> false;
            case Condition.Vip v -> false;
            case Condition.Risk r -> false;
            default -> true;
        };
    }

    private Optional<String> words(Condition condition, Facts facts) {
        return switch (condition) {
            case Condition.All all -> {
                var reasons = new ArrayList<String>();
                for (var child : all.conditions()) {
                    var reason = words(child, facts);
                    if (reason.isEmpty()) {
                        yield Optional.empty();
                    }
                    reasons.add(reason.get());
                }
                yield Optional.of(String.join(" and ", reasons));
            }
            case Condition.Any any -> {
                var reasons = new ArrayList<String>();
                for (var child : any.conditions()) {
                    words(child, facts).ifPresent(reasons::add);
                }
                yield reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
            }
            case Condition.Sentiment s -> sentiment(s, facts);
            case Condition.ConsecutiveNegative n -> consecutive(n, facts);
            case Condition.SentimentDrop d -> drop(d, facts);
            case Condition.Keywords k -> keywords(k, facts);
            case Condition.Category c -> category(c, facts);
            case Condition.AngryMessages a -> angry(a, facts);
            case Condition.Intents i -> intents(i, facts);
            // a thank-you or an empty message leaves nothing to answer: waiting on it never escalates
            case Condition.Waiting w -> waiting(w, facts);
            case Condition.Vip v -> facts.vip() ? Optional.of("VIP contact") : Optional.empty();
            case Condition.Risk r ->
                facts.risk() != null && facts.risk() >= r.min()
                        ? Optional.of(String.format(
                                Locale.ROOT, "predicted escalation risk %.2f (≥ %.2f)", facts.risk(), r.min()))
                        : Optional.empty();
        };
    }

    /** True when the tree contains a condition the wait-time scheduler can satisfy without a new message. */
    public static boolean needsScheduler(Condition condition) {
        return switch (condition) {
            case Condition.All all -> all.conditions().stream().anyMatch(RuleEvaluator::needsScheduler);
            case Condition.Any any -> any.conditions().stream().anyMatch(RuleEvaluator::needsScheduler);
            case Condition.Waiting w -> true;
            default -> false;
        };
    }

    /** Whether the tree waits for the customer's first-response SLA (a waiting condition without minutes). */
    public static boolean usesSla(Condition condition) {
        return switch (condition) {
            case Condition.All all -> all.conditions().stream().anyMatch(RuleEvaluator::usesSla);
            case Condition.Any any -> any.conditions().stream().anyMatch(RuleEvaluator::usesSla);
            case Condition.Waiting w -> w.minutes() == null;
            default -> false;
        };
    }

    /** Whether a prediction update can change the rule's outcome (it has a predicted-risk condition). */
    public static boolean needsPrediction(Condition condition) {
        return switch (condition) {
            case Condition.All all -> all.conditions().stream().anyMatch(RuleEvaluator::needsPrediction);
            case Condition.Any any -> any.conditions().stream().anyMatch(RuleEvaluator::needsPrediction);
            case Condition.Risk r -> true;
            default -> false;
        };
    }

    private Optional<String> sentiment(Condition.Sentiment s, Facts facts) {
        var current = facts.current();
        if (current == null || current.score() == null || current.confidence() == null) {
            return Optional.empty();
        }
        double threshold = s.threshold() == null ? defaultThreshold : s.threshold();
        double minConfidence = s.minConfidence() == null ? defaultConfidence : s.minConfidence();
        if (!atMost(current.score(), threshold)
                || !atLeast(current.confidence(), minConfidence)
                || facts.nothingToActOn()) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT, "%s message (score %.2f)", current.score() <= 0.2 ? "furious" : "angry", current.score()));
    }

    private Optional<String> angry(Condition.AngryMessages a, Facts facts) {
        var current = facts.current();
        if (current == null || facts.nothingToActOn()) {
            return Optional.empty();
        }
        double threshold = a.threshold() == null ? defaultThreshold : a.threshold();
        if (!strong(current, threshold)) {
            return Optional.empty();
        }
        // the history ends with the current message (Facts); callers without a stored history pass none
        var history = facts.history().isEmpty() ? List.of(current) : facts.history();
        int angry = 0;
        int run = 0;
        for (var signal : history) {
            if (strong(signal, threshold)) {
                angry++;
                run++;
            } else {
                run = 0;
            }
        }
        if (angry < a.count()) {
            return Optional.empty();
        }
        return Optional.of(angry + (run == angry ? " angry messages in a row" : " angry messages"));
    }

    private Optional<String> intents(Condition.Intents i, Facts facts) {
        var said = facts.intents().stream()
                .filter(intent -> i.keys().contains(intent.key()))
                .map(Intent::words)
                .toList();
        if (facts.current() == null || said.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", said));
    }

    /** Waiting longer than the condition's minutes or, without minutes, than the customer's first-response SLA. */
    private static Optional<String> waiting(Condition.Waiting w, Facts facts) {
        var limit = w.minutes() == null ? facts.slaOrDefault() : java.time.Duration.ofMinutes(w.minutes());
        var waited = facts.waiting();
        if (waited == null || waited.compareTo(limit) <= 0 || facts.nothingToActOn()) {
            return Optional.empty();
        }
        var over = waited.minus(limit).toMinutes();
        return Optional.of("waiting " + waited.toMinutes() + " min for a reply, " + over + " min past the "
                + limit.toMinutes() + (w.minutes() == null ? "-min first-response SLA" : "-min limit"));
    }

    private boolean strong(Facts.Signal signal, double threshold) {
        return confident(signal)
                && (signal.label() == null || signal.label().equals("negative"))
                && atMost(signal.score(), threshold);
    }

    private Optional<String> consecutive(Condition.ConsecutiveNegative n, Facts facts) {
        var history = facts.history();
        if (facts.current() == null || history.size() < n.count()) {
            return Optional.empty();
        }
        for (var signal : history.subList(history.size() - n.count(), history.size())) {
            if (!negative(signal)) {
                return Optional.empty();
            }
        }
        return Optional.of(n.count() + (n.count() == 1 ? " negative message in a row" : " negative messages in a row"));
    }

    private Optional<String> drop(Condition.SentimentDrop d, Facts facts) {
        var current = facts.current();
        if (current == null || !confident(current) || facts.history().size() < 2) {
            return Optional.empty();
        }
        var earlier = facts.history().subList(0, facts.history().size() - 1);
        var best = earlier.stream()
                .filter(this::confident)
                .mapToDouble(Facts.Signal::score)
                .max();
        if (best.isEmpty() || !(best.getAsDouble() - current.score() > d.delta() + 1e-9)) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT, "mood dropped sharply (score %.2f to %.2f)", best.getAsDouble(), current.score()));
    }

    private Optional<String> keywords(Condition.Keywords k, Facts facts) {
        if (facts.text() == null || facts.intents().contains(Intent.CONTENT_FREE)) {
            return Optional.empty();
        }
        var found = new ArrayList<String>();
        for (var phrase : k.phrases()) {
            if (pattern(phrase).matcher(facts.text()).find()) {
                found.add("\"" + phrase + "\"");
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of("said " + String.join(", ", found));
    }

    private Optional<String> category(Condition.Category c, Facts facts) {
        if (facts.current() == null || facts.nothingToActOn()) {
            return Optional.empty();
        }
        List<String> hits = facts.current().categories().stream()
                .filter(c.keys()::contains)
                .sorted()
                .toList();
        return hits.isEmpty() ? Optional.empty() : Optional.of("category " + String.join(", ", hits));
    }

    private boolean negative(Facts.Signal signal) {
        if (!confident(signal)) {
            return false;
        }
        return signal.label() != null ? signal.label().equals("negative") : atMost(signal.score(), defaultThreshold);
    }

    private boolean confident(Facts.Signal signal) {
        return signal.score() != null && signal.confidence() != null && atLeast(signal.confidence(), defaultConfidence);
    }

    /** The excerpt reasons end with, e.g. {@code  on “I want a manager”}; empty without a message. */
    static String onMessage(Facts facts) {
        if (facts.text() == null) {
            return "";
        }
        var text = PiiRedactor.redactText(facts.text()).strip().replaceAll("\\s+", " ");
        return " on “"
                + (text.length() > EXCERPT ? text.substring(0, EXCERPT - 1).strip() + "…" : text) + "”";
    }

    /** Scores arrive as doubles from numeric(5,4) columns and models; compare at four decimals like the database. */
    private static boolean atMost(double value, double limit) {
        return Math.round(value * 10_000) <= Math.round(limit * 10_000);
    }

    private static boolean atLeast(double value, double limit) {
        return Math.round(value * 10_000) >= Math.round(limit * 10_000);
    }

    static Pattern pattern(String phrase) {
        if (PATTERNS.size() > 10_000) {
            PATTERNS.clear();
        }
        return PATTERNS.computeIfAbsent(phrase, p -> {
            var words = p.strip().split("\\s+");
            var body = new StringBuilder();
            for (int i = 0; i < words.length; i++) {
                if (i > 0) {
                    body.append("\\s+");
                }
                body.append(Pattern.quote(words[i]));
            }
            return Pattern.compile(
                    "(?<![\\p{L}\\p{N}_])" + body + "(?![\\p{L}\\p{N}_])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        });
    }
}
