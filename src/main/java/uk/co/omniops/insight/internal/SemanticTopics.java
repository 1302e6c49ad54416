package uk.co.omniops.insight.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.PiiRedactor;
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
 * <li>Label ({@link ClusterLabels}): among the phrases of {@link TopicExtractor#phrases} said in at least {@value ClusterLabels#MIN_LABEL_SHARE} of a
 * cluster's messages, the one with the highest share² × log(n / messages saying it anywhere + 1) × (1 + 0.5 per
 * extra word); never a generic word ({@link ClusterLabels#GENERIC}: "month", "support", …). A single word is widened to a phrase
 * of the cluster that says more ({@link ClusterLabels#phraseAround}: "remote" → "include remote desktop", "activated" → "refund for
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
    /** An emerging cluster's defining phrase is said by at least this share of its messages. */
    static final double DEFINING_SHARE = 0.8;
    /** Below this share of messages with a vector, the phrase topics answer instead. */
    static final double MIN_COVERAGE = 0.5;

    private SemanticTopics() {}

    /**
     * @param vectors a message's sentence vector (L2-normalised), or null when it has none
     * @return the topics, or null when too few messages have a vector (the caller falls back to phrases)
     */
    static @Nullable List<Topic> extract(
            List<TopicExtractor.Text> current,
            List<TopicExtractor.Text> previous,
            Function<UUID, float @Nullable []> vectors) {
        var cur = SphericalKMeans.withVectors(sample(current), vectors);
        if (current.isEmpty() || cur.size() < 20 || cur.size() < MIN_COVERAGE * Math.min(current.size(), MAX_SAMPLE)) {
            return null;
        }
        var prev = SphericalKMeans.withVectors(sample(previous), vectors);
        var centroids =
                SphericalKMeans.kMeans(cur, (int) Math.clamp(Math.round(Math.sqrt(cur.size() / 2.0)), 2, MAX_K));
        var clusters = Clusters.labelled(cur, prev, centroids);

        double curScale = (double) current.size() / cur.size();
        double prevScale = prev.isEmpty() ? 0 : (double) previous.size() / prev.size();
        double volume = previous.isEmpty() ? 1.0 : (double) current.size() / previous.size();
        int minSupport = Math.max(5, (int) Math.ceil(0.002 * current.size()));
        var scored = score(clusters.byLabel.values(), curScale, prevScale, volume, minSupport);

        // an emerging cluster's own new phrase ("firmware update") takes back the messages that say it but sit nearer
        // an older topic's centroid ("since the firmware update the wifi drops" reads like the old wifi complaint)
        var moved = false;
        for (var s : scored) {
            if (s.emerging()) {
                var defining = definingPhrase(s.group(), clusters, curScale, prevScale, volume);
                moved |= defining != null && takeBack(s.group(), defining, clusters);
            }
        }
        if (moved) {
            scored = score(clusters.byLabel.values(), curScale, prevScale, volume, minSupport);
        }
        return chosen(scored).stream().map(s -> topic(s, clusters)).toList();
    }

    /**
     * The period's sampled messages clustered and labelled: each message's phrases and redacted text, its cluster
     * (and the previous period's messages' clusters), each cluster's label, and the groups by label.
     */
    private static final class Clusters {
        final List<SphericalKMeans.Vec> cur;
        final List<SphericalKMeans.Vec> prev;
        final int[] prevCluster;
        final String[] labels;
        final List<Set<String>> phrases;
        final List<String> redacted;
        final Map<String, Group> byLabel = new LinkedHashMap<>();

        private Clusters(
                List<SphericalKMeans.Vec> cur,
                List<SphericalKMeans.Vec> prev,
                int[] prevCluster,
                String[] labels,
                List<Set<String>> phrases,
                List<String> redacted) {
            this.cur = cur;
            this.prev = prev;
            this.prevCluster = prevCluster;
            this.labels = labels;
            this.phrases = phrases;
            this.redacted = redacted;
        }

        /** Labels every cluster; clusters with the same label are one topic. */
        static Clusters labelled(List<SphericalKMeans.Vec> cur, List<SphericalKMeans.Vec> prev, float[][] centroids) {
            int[] curCluster = SphericalKMeans.assign(cur, centroids);
            int[] prevCluster = SphericalKMeans.assign(prev, centroids);
            var phrases = new ArrayList<Set<String>>(cur.size());
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
                labels[k] = ClusterLabels.label(k, curCluster, phrases, overall, cur.size(), redacted);
            }
            var clusters = new Clusters(cur, prev, prevCluster, labels, phrases, redacted);
            for (int i = 0; i < cur.size(); i++) {
                var l = curCluster[i] < 0 ? null : labels[curCluster[i]];
                if (l != null) {
                    clusters.byLabel.computeIfAbsent(l, Group::new).members.add(i);
                }
            }
            for (int i = 0; i < prev.size(); i++) {
                var l = clusters.previousLabel(i);
                if (l != null) {
                    clusters.byLabel.computeIfAbsent(l, Group::new).previous++;
                }
            }
            return clusters;
        }

        @Nullable
        String previousLabel(int i) {
            return prevCluster[i] < 0 ? null : labels[prevCluster[i]];
        }
    }

    /** An emerging group's defining phrase and the previous period's messages that said it. */
    private record Defining(String phrase, Set<Integer> saidBefore) {}

    /**
     * The group's phrases (said by most of it) that are new over all messages; of those the most said, then the
     * shortest. Null when none is new.
     */
    private static @Nullable Defining definingPhrase(
            Group group, Clusters clusters, double curScale, double prevScale, double volume) {
        String defining = null;
        long definingSaid = 0;
        Set<Integer> saidBefore = Set.of();
        for (var candidate : candidates(group.members, clusters.phrases)) {
            long saidNow =
                    clusters.phrases.stream().filter(x -> x.contains(candidate)).count();
            var before = saidBefore(candidate, clusters.prev);
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
        return defining == null ? null : new Defining(defining, saidBefore);
    }

    /** The previous period's messages that say the phrase. */
    private static Set<Integer> saidBefore(String phrase, List<SphericalKMeans.Vec> prev) {
        var firstWord = phrase.split(" ")[0];
        var before = new HashSet<Integer>();
        for (int i = 0; i < prev.size(); i++) {
            var text = prev.get(i).text().text();
            if (text.toLowerCase(Locale.ROOT).contains(firstWord)
                    && TopicExtractor.phrases(PiiRedactor.redactText(text)).contains(phrase)) {
                before.add(i);
            }
        }
        return before;
    }

    /**
     * The group takes the messages that say its defining phrase from the other groups and from no group, this period
     * and the previous one; returns whether any moved.
     */
    private static boolean takeBack(Group group, Defining defining, Clusters clusters) {
        var phrase = defining.phrase();
        var phrases = clusters.phrases;
        var moved = false;
        for (var other : clusters.byLabel.values()) {
            if (other == group) {
                continue;
            }
            var away = other.members.stream()
                    .filter(i -> phrases.get(i).contains(phrase))
                    .toList();
            other.members.removeAll(away);
            group.members.addAll(away);
            moved |= !away.isEmpty();
        }
        var mine = new HashSet<>(group.members);
        for (int i = 0; i < clusters.cur.size(); i++) {
            if (!mine.contains(i) && phrases.get(i).contains(phrase)) {
                group.members.add(i); // near no centroid, or in a cluster without a label: says what is new
                moved = true;
            }
        }
        for (int i : defining.saidBefore()) {
            var l = clusters.previousLabel(i);
            if (l != null && !l.equals(group.label)) {
                clusters.byLabel.get(l).previous--;
                group.previous++;
                moved = true;
            }
        }
        group.members.sort(Comparator.naturalOrder());
        return moved;
    }

    /** The most emerging groups first, then the most said of the rest. */
    private static List<Scored> chosen(List<Scored> scored) {
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
        return chosen;
    }

    /** A chosen group as a topic, with its three newest messages as examples (redacted, shortened). */
    private static Topic topic(Scored s, Clusters clusters) {
        var examples = new ArrayList<Example>();
        var members = s.group().members;
        for (int j = members.size() - 1; j >= 0 && examples.size() < 3; j--) {
            int i = members.get(j);
            var t = clusters.cur.get(i).text();
            examples.add(new Example(t.conversationId(), t.messageId(), shorten(clusters.redacted.get(i)), t.at()));
        }
        examples.sort(Comparator.comparing(Example::at).reversed());
        return new Topic(
                s.group().label,
                s.count(),
                s.previous(),
                (s.count() + 1.0) / (s.previous() + 1.0),
                s.emerging(),
                examples);
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
    private static List<String> candidates(List<Integer> members, List<Set<String>> phrases) {
        var counts = new java.util.TreeMap<String, Integer>();
        members.forEach(i -> phrases.get(i).forEach(p -> counts.merge(p, 1, Integer::sum)));
        return counts.entrySet().stream()
                .filter(e ->
                        e.getValue() >= DEFINING_SHARE * members.size() && !ClusterLabels.GENERIC.contains(e.getKey()))
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

    private static String shorten(String text) {
        var t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= 200 ? t : t.substring(0, 199) + "…";
    }
}
