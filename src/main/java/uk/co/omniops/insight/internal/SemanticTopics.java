package uk.co.omniops.insight.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.PiiRedactor;
import uk.co.omniops.analysis.Vectors;
import uk.co.omniops.insight.InsightReport.Example;
import uk.co.omniops.insight.InsightReport.Topic;

/**
 * Topics by meaning: the period's customer messages clustered by their sentence vectors (spherical k-means on a
 * sample), each cluster labelled with its most distinctive phrase, emerging detection on clusters against the
 * previous period assigned to the same centroids. Used when most messages have a vector; otherwise
 * {@link TopicExtractor} (phrases) answers. Pure and thread-safe.
 *
 * <ul>
 * <li>At most {@value #MAX_SAMPLE} messages per period are used, evenly spread over the period; counts are scaled
 * back to the period's number of messages (a topic's count is an estimate above that size).</li>
 * <li>k = clamp(√(n/2), 2, {@value #MAX_K}) clusters, k-means++ seeding (fixed seed: the same messages give the same
 * topics), {@value #ITERATIONS} iterations; a message joins its nearest centroid when the cosine is at least
 * {@value #MIN_COSINE}, else no topic.</li>
 * <li>Label: among the phrases of {@link TopicExtractor#phrases} said in at least {@value #MIN_LABEL_SHARE} of a
 * cluster's messages, the one with the highest share² × log(n / messages saying it anywhere + 1) × (1 + 0.5 per
 * extra word); never a generic word ({@link #GENERIC}: "month", "support", …). A single word is widened to a phrase
 * of the cluster that says more ({@link #phraseAround}: "remote" → "include remote desktop", "activated" → "refund for
 * the licence i never activated"). A cluster without such a phrase is not a topic. Clusters with the same label are one
 * topic.</li>
 * <li>Emerging: the rule of {@link TopicExtractor} on a cluster's counts (ratio ≥ 3 and z ≥ 3 against the previous
 * period scaled to this period's volume).</li>
 * <li>An emerging cluster's defining phrase (said by at least {@value #DEFINING_SHARE} of its messages and itself new by
 * the same rule over all messages; of those, the most said, then the shortest) takes back the messages that say it from the other
 * clusters and from no cluster: a new issue worded like an old complaint ("since the firmware update the wifi drops")
 * counts for the new issue, not for the old one.</li>
 * </ul>
 *
 * @see <a href="../../../../../../../docs/decisions/011-insights.md">decision 011</a>
 */
final class SemanticTopics {

    static final int MAX_SAMPLE = 20_000;
    static final int MAX_K = 40;
    static final int ITERATIONS = 8;
    static final double MIN_COSINE = 0.4;
    static final double MIN_LABEL_SHARE = 0.3;
    /** A word said by at least this share of a cluster belongs in the stretch that labels it instead of a lone word. */
    static final double CONTEXT_SHARE = 0.6;

    static final int MAX_LABEL_WORDS = 7;
    /** An emerging cluster's defining phrase is said by at least this share of its messages. */
    static final double DEFINING_SHARE = 0.8;
    /** Below this share of messages with a vector, the phrase topics answer instead. */
    static final double MIN_COVERAGE = 0.5;

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

    private SemanticTopics() {}

    /**
     * @param vectors a message's sentence vector (L2-normalised), or null when it has none
     * @return the topics, or null when too few messages have a vector (the caller falls back to phrases)
     */
    static @Nullable List<Topic> extract(
            List<TopicExtractor.Text> current,
            List<TopicExtractor.Text> previous,
            Function<UUID, float @Nullable []> vectors) {
        var cur = withVectors(sample(current), vectors);
        if (current.isEmpty() || cur.size() < 20 || cur.size() < MIN_COVERAGE * Math.min(current.size(), MAX_SAMPLE)) {
            return null;
        }
        var prev = withVectors(sample(previous), vectors);
        var centroids = kMeans(cur, (int) Math.clamp(Math.round(Math.sqrt(cur.size() / 2.0)), 2, MAX_K));
        int[] curCluster = assign(cur, centroids);
        int[] prevCluster = assign(prev, centroids);

        // label every cluster; clusters with the same label are one topic
        var phrases = new ArrayList<java.util.Set<String>>(cur.size());
        var redacted = new ArrayList<String>(cur.size());
        var overall = new HashMap<String, Integer>();
        for (var v : cur) {
            var r = PiiRedactor.redactText(v.text().text());
            redacted.add(r);
            var p = TopicExtractor.phrases(r);
            phrases.add(p);
            p.forEach(x -> overall.merge(x, 1, Integer::sum));
        }
        var labels = new String[centroids.length];
        for (int k = 0; k < centroids.length; k++) {
            labels[k] = label(k, curCluster, phrases, overall, cur.size(), redacted);
        }
        var byLabel = new LinkedHashMap<String, Group>();
        for (int i = 0; i < cur.size(); i++) {
            var l = curCluster[i] < 0 ? null : labels[curCluster[i]];
            if (l != null) {
                byLabel.computeIfAbsent(l, Group::new).members.add(i);
            }
        }
        for (int i = 0; i < prev.size(); i++) {
            var l = prevCluster[i] < 0 ? null : labels[prevCluster[i]];
            if (l != null) {
                byLabel.computeIfAbsent(l, Group::new).previous++;
            }
        }

        double curScale = (double) current.size() / cur.size();
        double prevScale = prev.isEmpty() ? 0 : (double) previous.size() / prev.size();
        double volume = previous.isEmpty() ? 1.0 : (double) current.size() / previous.size();
        int minSupport = Math.max(5, (int) Math.ceil(0.002 * current.size()));
        var scored = score(byLabel.values(), curScale, prevScale, volume, minSupport);

        // an emerging cluster's own new phrase ("firmware update") takes back the messages that say it but sit nearer
        // an older topic's centroid ("since the firmware update the wifi drops" reads like the old wifi complaint)
        var moved = false;
        for (var s : scored) {
            if (!s.emerging()) {
                continue;
            }
            // the cluster's phrases (said by most of it) that are new over all messages; the most said of them
            String defining = null;
            long definingSaid = 0;
            java.util.Set<Integer> saidBefore = java.util.Set.of();
            for (var candidate : candidates(s.group().members, phrases)) {
                long saidNow =
                        phrases.stream().filter(x -> x.contains(candidate)).count();
                var firstWord = candidate.split(" ")[0];
                var before = new java.util.HashSet<Integer>();
                for (int i = 0; i < prev.size(); i++) {
                    var text = prev.get(i).text().text();
                    if (text.toLowerCase(java.util.Locale.ROOT).contains(firstWord)
                            && TopicExtractor.phrases(PiiRedactor.redactText(text))
                                    .contains(candidate)) {
                        before.add(i);
                    }
                }
                double expected = Math.round(before.size() * prevScale) * volume;
                boolean isNew = (saidNow * curScale + 1) / (expected + 1) >= TopicExtractor.EMERGING_RATIO
                        && (saidNow * curScale - expected) / Math.sqrt(expected + 1) >= TopicExtractor.EMERGING_Z;
                if (isNew
                        && (saidNow > definingSaid
                                || (saidNow == definingSaid
                                        && defining != null
                                        && candidate.split(" ").length < defining.split(" ").length))) {
                    defining = candidate;
                    definingSaid = saidNow;
                    saidBefore = before;
                }
            }
            if (defining == null) {
                continue;
            }
            final var phrase = defining;
            for (var other : byLabel.values()) {
                if (other == s.group()) {
                    continue;
                }
                var away = other.members.stream()
                        .filter(i -> phrases.get(i).contains(phrase))
                        .toList();
                other.members.removeAll(away);
                s.group().members.addAll(away);
                moved |= !away.isEmpty();
            }
            var mine = new java.util.HashSet<>(s.group().members);
            for (int i = 0; i < cur.size(); i++) {
                if (!mine.contains(i) && phrases.get(i).contains(phrase)) {
                    s.group().members.add(i); // near no centroid, or in a cluster without a label: says what is new
                    moved = true;
                }
            }
            for (int i : saidBefore) {
                var l = prevCluster[i] < 0 ? null : labels[prevCluster[i]];
                if (l != null && !l.equals(s.group().label)) {
                    byLabel.get(l).previous--;
                    s.group().previous++;
                    moved = true;
                }
            }
            s.group().members.sort(Comparator.naturalOrder());
        }
        if (moved) {
            scored = score(byLabel.values(), curScale, prevScale, volume, minSupport);
        }
        var chosen = new ArrayList<Scored>();
        scored.stream()
                .filter(Scored::emerging)
                .sorted(Comparator.comparingDouble(Scored::z).reversed().thenComparing(s -> s.group().label))
                .limit(TopicExtractor.MAX_EMERGING)
                .forEach(chosen::add);
        scored.stream()
                .filter(s -> !chosen.contains(s))
                .sorted(Comparator.comparingLong(Scored::count).reversed().thenComparing(s -> s.group().label))
                .limit(TopicExtractor.MAX_TOP)
                .forEach(chosen::add);

        var topics = new ArrayList<Topic>();
        for (var s : chosen) {
            var examples = new ArrayList<Example>();
            var members = s.group().members;
            for (int j = members.size() - 1; j >= 0 && examples.size() < 3; j--) {
                int i = members.get(j);
                var t = cur.get(i).text();
                examples.add(new Example(t.conversationId(), t.messageId(), shorten(redacted.get(i)), t.at()));
            }
            examples.sort(Comparator.comparing(Example::at).reversed());
            topics.add(new Topic(
                    s.group().label,
                    s.count(),
                    s.previous(),
                    (s.count() + 1.0) / (s.previous() + 1.0),
                    s.emerging(),
                    examples));
        }
        return topics;
    }

    private record Scored(Group group, long count, long previous, double z, boolean emerging) {}

    /** Each group's count and previous count scaled to the period, and whether it is emerging (below minSupport: none). */
    private static List<Scored> score(
            java.util.Collection<Group> groups, double curScale, double prevScale, double volume, int minSupport) {
        var scored = new ArrayList<Scored>();
        for (var g : groups) {
            long count = Math.round(g.members.size() * curScale);
            long before = Math.round(Math.max(0, g.previous) * prevScale);
            if (count < minSupport) {
                continue;
            }
            double expected = before * volume;
            double ratio = (count + 1) / (expected + 1);
            double z = (count - expected) / Math.sqrt(expected + 1);
            scored.add(new Scored(
                    g, count, before, z, ratio >= TopicExtractor.EMERGING_RATIO && z >= TopicExtractor.EMERGING_Z));
        }
        return scored;
    }

    /** The phrases said by at least {@value #DEFINING_SHARE} of these messages, not generic, in a fixed order. */
    private static List<String> candidates(List<Integer> members, List<java.util.Set<String>> phrases) {
        var counts = new java.util.TreeMap<String, Integer>();
        members.forEach(i -> phrases.get(i).forEach(p -> counts.merge(p, 1, Integer::sum)));
        return counts.entrySet().stream()
                .filter(e -> e.getValue() >= DEFINING_SHARE * members.size() && !GENERIC.contains(e.getKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static final class Group {
        final String label;
        final List<Integer> members = new ArrayList<>();
        int previous;

        Group(String label) {
            this.label = label;
        }
    }

    private record Vec(TopicExtractor.Text text, float[] v) {}

    /** At most {@link #MAX_SAMPLE} texts, evenly spread (the list is in time order), in order. */
    static List<TopicExtractor.Text> sample(List<TopicExtractor.Text> texts) {
        if (texts.size() <= MAX_SAMPLE) {
            return texts;
        }
        var out = new ArrayList<TopicExtractor.Text>(MAX_SAMPLE);
        double step = (double) texts.size() / MAX_SAMPLE;
        for (int i = 0; i < MAX_SAMPLE; i++) {
            out.add(texts.get((int) (i * step)));
        }
        return out;
    }

    private static List<Vec> withVectors(List<TopicExtractor.Text> texts, Function<UUID, float @Nullable []> vectors) {
        var out = new ArrayList<Vec>(texts.size());
        for (var t : texts) {
            var v = vectors.apply(t.messageId());
            if (v != null) {
                out.add(new Vec(t, v));
            }
        }
        return out;
    }

    /** Spherical k-means (cosine), k-means++ seeding with a fixed seed. */
    private static float[][] kMeans(List<Vec> points, int k) {
        var random = new Random(20);
        int dims = points.getFirst().v().length;
        var centroids = new float[k][];
        centroids[0] = points.get(random.nextInt(points.size())).v().clone();
        var nearest = new double[points.size()];
        java.util.Arrays.fill(nearest, Double.MAX_VALUE);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < points.size(); i++) {
                double d = Math.max(0, 1 - Vectors.dot(points.get(i).v(), centroids[c - 1]));
                nearest[i] = Math.min(nearest[i], d * d);
                total += nearest[i];
            }
            double r = random.nextDouble() * total;
            int pick = points.size() - 1;
            for (int i = 0; i < points.size(); i++) {
                r -= nearest[i];
                if (r <= 0) {
                    pick = i;
                    break;
                }
            }
            centroids[c] = points.get(pick).v().clone();
        }
        int[] assignment = new int[points.size()];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            for (int i = 0; i < points.size(); i++) {
                assignment[i] = nearest(points.get(i).v(), centroids);
            }
            var sums = new float[k][dims];
            var counts = new int[k];
            for (int i = 0; i < points.size(); i++) {
                var v = points.get(i).v();
                var s = sums[assignment[i]];
                for (int d = 0; d < dims; d++) {
                    s[d] += v[d];
                }
                counts[assignment[i]]++;
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    centroids[c] = Vectors.normalised(sums[c]);
                }
            }
        }
        return centroids;
    }

    private static int[] assign(List<Vec> points, float[][] centroids) {
        int[] out = new int[points.size()];
        for (int i = 0; i < points.size(); i++) {
            int c = nearest(points.get(i).v(), centroids);
            out[i] = Vectors.dot(points.get(i).v(), centroids[c]) >= MIN_COSINE ? c : -1;
        }
        return out;
    }

    private static int nearest(float[] v, float[][] centroids) {
        int best = 0;
        double bestDot = -2;
        for (int c = 0; c < centroids.length; c++) {
            double d = Vectors.dot(v, centroids[c]);
            if (d > bestDot) {
                bestDot = d;
                best = c;
            }
        }
        return best;
    }

    private static @Nullable String label(
            int cluster,
            int[] assignment,
            List<java.util.Set<String>> phrases,
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
        if (longer != null) {
            return longer;
        }
        var context = new java.util.HashSet<String>();
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
            String bestStretch = null;
            int bestHits = 0;
            for (var sentence : TopicExtractor.sentences(redacted.get(i))) {
                var tokens = sentence.stream().map(TopicExtractor::normalise).toList();
                for (int from = 0; from < tokens.size(); from++) {
                    if (tokens.get(from) == null || !context.contains(tokens.get(from))) {
                        continue;
                    }
                    var seen = new java.util.HashSet<String>();
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
            if (bestStretch != null && bestHits >= 2) {
                stretches.computeIfAbsent(bestStretch, x -> new int[] {0, 0})[0]++;
                stretches.get(bestStretch)[1] = bestHits;
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

    private static String shorten(String text) {
        var t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= 200 ? t : t.substring(0, 199) + "…";
    }
}
