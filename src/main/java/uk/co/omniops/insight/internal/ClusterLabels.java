package uk.co.omniops.insight.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A cluster's label for {@link SemanticTopics}: its most distinctive phrase, a lone word widened to a phrase of the
 * cluster that says more ({@link #phraseAround}), never a generic word. Pure.
 */
final class ClusterLabels {

    static final double MIN_LABEL_SHARE = 0.3;
    /** A word said by at least this share of a cluster belongs in the stretch that labels it instead of a lone word. */
    static final double CONTEXT_SHARE = 0.6;

    static final int MAX_LABEL_WORDS = 7;
    static final Set<String> GENERIC = Set.of(
            "month",
            "support",
            "help",
            "issue",
            "problem",
            "question",
            "day",
            "week",
            "time",
            "today",
            "yesterday",
            "thing",
            "team",
            "service",
            "customer",
            "account",
            "order",
            "message",
            "email",
            "hour",
            "minute",
            "year",
            "someone",
            "anyone",
            "thank",
            "sorry",
            "hello",
            "morning");

    private ClusterLabels() {}

    /**
     * The label of one cluster: among the phrases said by at least {@value #MIN_LABEL_SHARE} of its messages, the one
     * said most by it and least elsewhere; null when it has no such phrase (then it is no topic).
     */
    static @Nullable String label(
            int cluster,
            int[] assignment,
            List<Set<String>> phrases,
            Map<String, Integer> overall,
            int n,
            List<String> redacted) {
        var counts = new HashMap<String, Integer>();
        var members = new ArrayList<Integer>();
        int size = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] == cluster) {
                size++;
                members.add(i);
                phrases.get(i).forEach(p -> counts.merge(p, 1, Integer::sum));
            }
        }
        if (size == 0) {
            return null;
        }
        String best = null;
        double bestScore = 0;
        for (var e : counts.entrySet()) {
            var phrase = e.getKey();
            double share = (double) e.getValue() / size;
            if (share < MIN_LABEL_SHARE || GENERIC.contains(phrase)) {
                continue;
            }
            int words = phrase.split(" ").length;
            // said by most of the cluster first, then rare elsewhere; a phrase of two or three words says more
            double score = share * share * Math.log((double) n / overall.get(phrase) + 1) * (1 + 0.5 * (words - 1));
            if (score > bestScore || (score == bestScore && best != null && phrase.compareTo(best) < 0)) {
                best = phrase;
                bestScore = score;
            }
        }
        return best == null || best.contains(" ") ? best : phraseAround(best, counts, size, members, redacted);
    }

    /**
     * A single word says little ("remote", "activated"): the most said longer phrase of the cluster with that word
     * (said by at least {@value #MIN_LABEL_SHARE} of it); else the shortest stretch of a sentence of one of its messages, at most
     * {@value #MAX_LABEL_WORDS} words, that has the word and the most of the cluster's other common words (said by at
     * least {@value #CONTEXT_SHARE} of it), said by at least {@value #MIN_LABEL_SHARE} of its messages: the one with the
     * most of those words, then the most said ("refund for the licence i never activated"); else the word.
     */
    static String phraseAround(
            String word, Map<String, Integer> counts, int size, List<Integer> members, List<String> redacted) {
        var longer = longerPhrase(word, counts, size);
        if (longer != null) {
            return longer;
        }
        var context = new HashSet<String>();
        counts.forEach((p, c) -> {
            if (!p.contains(" ") && c >= CONTEXT_SHARE * size && !GENERIC.contains(p)) {
                context.add(p);
            }
        });
        if (context.size() < 2) {
            return word;
        }
        var stretches = new HashMap<String, int[]>();
        for (int i : members) {
            var best = bestStretch(word, context, redacted.get(i));
            if (best != null && best.hits() >= 2) {
                stretches.computeIfAbsent(best.text(), x -> new int[] {0, 0})[0]++;
                stretches.get(best.text())[1] = best.hits();
            }
        }
        // the most common words first, then the most said stretch, then the shortest
        return stretches.entrySet().stream()
                .filter(e -> e.getValue()[0] >= MIN_LABEL_SHARE * size)
                .max(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> e.getValue()[1])
                        .thenComparingInt(e -> e.getValue()[0])
                        .thenComparing(e -> -e.getKey().length())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElse(word);
    }

    /** The most said phrase of several words that has the word (said by enough of the cluster), else null. */
    private static @Nullable String longerPhrase(String word, Map<String, Integer> counts, int size) {
        String longer = null;
        int longerCount = 0;
        for (var e : counts.entrySet()) {
            var p = e.getKey();
            if (!p.contains(" ")
                    || e.getValue() < MIN_LABEL_SHARE * size
                    || !(" " + p + " ").contains(" " + word + " ")) {
                continue;
            }
            if (e.getValue() > longerCount
                    || (e.getValue() == longerCount
                            && (p.length() > longer.length()
                                    || (p.length() == longer.length() && p.compareTo(longer) < 0)))) {
                longer = p;
                longerCount = e.getValue();
            }
        }
        return longer;
    }

    /** A stretch of a sentence and how many of the cluster's common words it has. */
    private record Stretch(String text, int hits) {}

    /**
     * In one message: the stretch (at most {@value #MAX_LABEL_WORDS} words, from and to a common word) that has the
     * word and the most common words, the shortest of equals; null when none has the word.
     */
    private static @Nullable Stretch bestStretch(String word, Set<String> context, String message) {
        String bestStretch = null;
        int bestHits = 0;
        for (var sentence : TopicExtractor.sentences(message)) {
            var tokens = sentence.stream().map(TopicExtractor::normalise).toList();
            for (int from = 0; from < tokens.size(); from++) {
                if (tokens.get(from) == null || !context.contains(tokens.get(from))) {
                    continue;
                }
                var seen = new HashSet<String>();
                for (int to = from; to < tokens.size() && to - from < MAX_LABEL_WORDS; to++) {
                    var t = tokens.get(to);
                    if (t == null || !context.contains(t)) {
                        continue;
                    }
                    seen.add(t);
                    if (!seen.contains(word)) {
                        continue;
                    }
                    int hits = seen.size();
                    var stretch = String.join(" ", sentence.subList(from, to + 1));
                    if (hits > bestHits || (hits == bestHits && stretch.length() < bestStretch.length())) {
                        bestStretch = stretch;
                        bestHits = hits;
                    }
                }
            }
        }
        return bestStretch == null ? null : new Stretch(bestStretch, bestHits);
    }
}
