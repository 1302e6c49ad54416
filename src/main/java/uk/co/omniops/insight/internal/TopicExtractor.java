package uk.co.omniops.insight.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import uk.co.omniops.analysis.PiiRedactor;
import uk.co.omniops.insight.InsightReport.Example;
import uk.co.omniops.insight.InsightReport.Topic;

/**
 * Top topics and emerging issues from customers' messages: phrases of one to three words with no stopword in them,
 * counted once per message, within a sentence (phrases never cross punctuation or a redacted e-mail/phone/card).
 * Texts are PII-redacted before anything is counted or shown.
 *
 * <ul>
 * <li>A phrase needs at least {@code max(5, 0.2 % of the period's messages)} mentions (minimum support).</li>
 * <li>A shorter phrase is dropped when a longer candidate containing it explains ≥ 70 % of its mentions ("promo"
 * and "code" disappear behind "promo code").</li>
 * <li>Emerging: against the previous period scaled to this period's volume ({@code expected = previous × n/n'}),
 * {@code (count + 1) / (expected + 1) ≥ 3} and {@code (count − expected) / √(expected + 1) ≥ 3}; ranked by the
 * latter. So doubled traffic does not make every phrase "emerging", and a handful of mentions is never enough.</li>
 * <li>An emerging phrase said in the same messages (≥ 70 %) as a stronger emerging one is the same issue and is not
 * listed ("checkout" behind "promo code").</li>
 * </ul>
 * Pure and thread-safe.
 */
final class TopicExtractor {

    /** A customer message of a period. */
    record Text(UUID conversationId, UUID messageId, String text, Instant at) {}

    static final int MAX_TOP = 10;
    static final int MAX_EMERGING = 5;
    static final double EMERGING_RATIO = 3.0;
    static final double EMERGING_Z = 3.0;
    static final double SUBSUMPTION = 0.7;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[(EMAIL|PHONE|CARD|IBAN)]");
    private static final Pattern BREAKS = Pattern.compile("[.,;:!?()\\[\\]{}\"|/\\\\\\n\\r\\t]+|\\s-\\s|…");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");

    private TopicExtractor() {}

    static List<Topic> extract(List<Text> current, List<Text> previous) {
        if (current.isEmpty()) {
            return List.of();
        }
        var redacted = new ArrayList<String>(current.size());
        var currentCounts = new HashMap<String, Integer>();
        var phrasesByMessage = new ArrayList<Set<String>>(current.size());
        for (var t : current) {
            var r = PiiRedactor.redactText(t.text());
            redacted.add(r);
            var phrases = phrases(r);
            phrasesByMessage.add(phrases);
            phrases.forEach(p -> currentCounts.merge(p, 1, Integer::sum));
        }
        var previousCounts = new HashMap<String, Integer>();
        for (var t : previous) {
            phrases(PiiRedactor.redactText(t.text())).forEach(p -> previousCounts.merge(p, 1, Integer::sum));
        }
        int minSupport = Math.max(5, (int) Math.ceil(0.002 * current.size()));
        var candidates = new HashMap<String, Integer>();
        currentCounts.forEach((p, n) -> {
            if (n >= minSupport) {
                candidates.put(p, n);
            }
        });
        dropSubsumed(candidates);

        double scale = previous.isEmpty() ? 1.0 : (double) current.size() / previous.size();
        var scored = new ArrayList<Scored>();
        candidates.forEach((p, n) -> {
            int prev = previousCounts.getOrDefault(p, 0);
            double expected = prev * scale;
            double ratio = (n + 1) / (expected + 1);
            double z = (n - expected) / Math.sqrt(expected + 1);
            scored.add(new Scored(p, n, prev, z, ratio >= EMERGING_RATIO && z >= EMERGING_Z));
        });
        var chosen = chosen(scored, phrasesByMessage);
        var topics = new ArrayList<Topic>();
        for (var s : chosen) {
            topics.add(new Topic(
                    s.phrase(),
                    s.count(),
                    s.previous(),
                    (s.count() + 1.0) / (s.previous() + 1.0),
                    s.emerging(),
                    examples(s.phrase(), current, phrasesByMessage, redacted)));
        }
        return topics;
    }

    /** A candidate phrase: its count now and before, its growth's z-score, and whether it is emerging. */
    private record Scored(String phrase, int count, int previous, double z, boolean emerging) {}

    /**
     * Emerging first (strongest growth), then the most mentioned; a phrase overlapping one already chosen ("promo code
     * expired" after "promo code") adds nothing, and an emerging phrase mostly said in the same messages as a stronger
     * emerging one is the same issue ("checkout" in "the promo code does not work at checkout"): not listed again.
     */
    private static LinkedHashSet<Scored> chosen(List<Scored> scored, List<Set<String>> phrasesByMessage) {
        var chosen = new LinkedHashSet<Scored>();
        var chosenPhrases = new ArrayList<String>();
        var sameIssue = new HashSet<String>();
        var emergingMessages = new HashMap<String, BitSet>();
        scored.stream().filter(Scored::emerging).forEach(s -> emergingMessages.put(s.phrase(), new BitSet()));
        for (int i = 0; i < phrasesByMessage.size(); i++) {
            for (var p : phrasesByMessage.get(i)) {
                var bits = emergingMessages.get(p);
                if (bits != null) {
                    bits.set(i);
                }
            }
        }
        var emergingChosen = new ArrayList<String>();
        for (var s : scored.stream()
                .filter(Scored::emerging)
                .sorted(Comparator.comparingDouble(Scored::z).reversed().thenComparing(Scored::phrase))
                .toList()) {
            if (emergingChosen.size() >= MAX_EMERGING || !novel(s.phrase(), chosenPhrases)) {
                continue;
            }
            var mine = emergingMessages.get(s.phrase());
            boolean covered = emergingChosen.stream().anyMatch(e -> {
                var both = (BitSet) mine.clone();
                both.and(emergingMessages.get(e));
                return both.cardinality() >= SUBSUMPTION * mine.cardinality();
            });
            if (covered) {
                sameIssue.add(s.phrase());
                continue;
            }
            chosen.add(s);
            chosenPhrases.add(s.phrase());
            emergingChosen.add(s.phrase());
        }
        scored.stream()
                .sorted(Comparator.comparingInt(Scored::count).reversed().thenComparing(Scored::phrase))
                .filter(s -> !chosen.contains(s) && !sameIssue.contains(s.phrase()) && novel(s.phrase(), chosenPhrases))
                .limit(MAX_TOP)
                .forEach(s -> {
                    chosen.add(s);
                    chosenPhrases.add(s.phrase());
                });
        return chosen;
    }

    /** The three newest messages that say the phrase (redacted, shortened), newest first. */
    private static List<Example> examples(
            String phrase, List<Text> current, List<Set<String>> phrasesByMessage, List<String> redacted) {
        var examples = new ArrayList<Example>();
        for (int i = current.size() - 1; i >= 0 && examples.size() < 3; i--) {
            if (phrasesByMessage.get(i).contains(phrase)) {
                var t = current.get(i);
                examples.add(new Example(t.conversationId(), t.messageId(), shorten(redacted.get(i)), t.at()));
            }
        }
        examples.sort(Comparator.comparing(Example::at).reversed());
        return examples;
    }

    /** The distinct phrases (1–3 words, no stopword, within one sentence) of a redacted text. */
    static Set<String> phrases(String redacted) {
        var out = new HashSet<String>();
        var text = PLACEHOLDER.matcher(redacted).replaceAll(" | ").toLowerCase(Locale.ROOT);
        for (var segment : BREAKS.split(text)) {
            var run = new ArrayList<String>();
            for (var raw : NON_WORD.split(segment)) {
                var token = normalise(raw);
                if (token == null) {
                    addGrams(run, out);
                    run.clear();
                } else {
                    run.add(token);
                }
            }
            addGrams(run, out);
        }
        return out;
    }

    /**
     * The sentences of a redacted text as lower-case raw words (placeholders break a sentence, as in
     * {@link #phrases}); {@link #normalise} of a word gives the token the phrases are made of.
     */
    static List<List<String>> sentences(String redacted) {
        var out = new ArrayList<List<String>>();
        var text = PLACEHOLDER.matcher(redacted).replaceAll(" | ").toLowerCase(Locale.ROOT);
        for (var segment : BREAKS.split(text)) {
            var words = new ArrayList<String>();
            for (var raw : NON_WORD.split(segment)) {
                if (!raw.isEmpty()) {
                    words.add(raw);
                }
            }
            if (!words.isEmpty()) {
                out.add(words);
            }
        }
        return out;
    }

    private static void addGrams(List<String> run, Set<String> out) {
        for (int i = 0; i < run.size(); i++) {
            var sb = new StringBuilder();
            for (int n = 0; n < 3 && i + n < run.size(); n++) {
                if (n > 0) {
                    sb.append(' ');
                }
                sb.append(run.get(i + n));
                out.add(sb.toString());
            }
        }
    }

    /** Null for stopwords, numbers and fragments (they break a phrase); plural "s" stripped. */
    static String normalise(String raw) {
        var t = raw.replaceAll("^'+|'+$", "");
        if (t.endsWith("'s")) {
            t = t.substring(0, t.length() - 2);
        }
        if (t.length() < 2 || t.chars().allMatch(Character::isDigit) || Stopwords.contains(t) || t.contains("'")) {
            return null;
        }
        if (t.length() > 3 && t.endsWith("s") && !t.endsWith("ss") && !t.endsWith("us") && !t.endsWith("is")) {
            var singular = t.substring(0, t.length() - 1);
            if (!Stopwords.contains(singular)) {
                t = singular;
            }
        }
        return t;
    }

    /** True unless the phrase contains, or is contained in, a chosen phrase (whole words). */
    private static boolean novel(String phrase, List<String> chosen) {
        var p = " " + phrase + " ";
        for (var c : chosen) {
            var q = " " + c + " ";
            if (p.contains(q) || q.contains(p)) {
                return false;
            }
        }
        return true;
    }

    private static void dropSubsumed(Map<String, Integer> candidates) {
        var byLength = new ArrayList<>(candidates.keySet());
        byLength.sort(Comparator.comparingInt((String p) -> p.split(" ").length).reversed());
        var drop = new HashSet<String>();
        for (var longer : byLength) {
            var words = longer.split(" ");
            if (words.length == 1) {
                continue;
            }
            int n = candidates.get(longer);
            for (int len = 1; len < words.length; len++) {
                for (int i = 0; i + len <= words.length; i++) {
                    var sub = String.join(" ", java.util.Arrays.copyOfRange(words, i, i + len));
                    var subCount = candidates.get(sub);
                    if (subCount != null && n >= SUBSUMPTION * subCount) {
                        drop.add(sub);
                    }
                }
            }
        }
        drop.forEach(candidates::remove);
    }

    private static String shorten(String text) {
        var t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= 200 ? t : t.substring(0, 199) + "…";
    }
}
