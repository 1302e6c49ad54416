package uk.co.omniops.suggestion.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.platform.Plural;
import uk.co.omniops.suggestion.SourceStats;

/**
 * Blends text similarity, category match and learned acceptance into one score per candidate (pure, no I/O; a
 * library of a few hundred entries ranks in well under a millisecond).
 *
 * <pre>
 * base     = 0.55 · text + 0.45 · category          (candidates with categories)
 *          = 0.85 · text                            (past replies: no categories)
 * rate     = (accepted + 0.5 · edited + K · prior) / (decided + K),   K = 5
 * feedback = clamp(0.4 + 0.6 · rate / prior, 0.4, 1.6)
 * score    = base · feedback, shown when base ≥ 0.12
 * </pre>
 *
 * {@code text} is the IDF-weighted cosine of content words for library entries (scaled ×2, capped at 1), or the
 * database's full-text/trigram similarity for knowledge snippets and past replies; {@code category} is the highest
 * confidence of a message category the candidate carries; {@code prior} is the customer's own smoothed acceptance
 * rate, so a new entry starts at exactly its customer's average (feedback = 1).
 *
 * @see <a href="../../../../../../../docs/decisions/006-suggestion-ranking.md">decision 006</a>
 */
final class Ranker {

    static final double TEXT_WEIGHT = 0.55;
    static final double CATEGORY_WEIGHT = 0.45;
    static final double UNCATEGORISED_TEXT_WEIGHT = 0.85;
    static final double PRIOR_STRENGTH = 5;
    static final double DEFAULT_PRIOR = 0.3;
    static final double CUSTOMER_PRIOR_STRENGTH = 20;
    static final double MIN_BASE = 0.12;

    /**
     * One thing that could be suggested.
     *
     * @param textScore null: computed here from the words of title and body (library entries)
     * @param answered a past reply's contact message (what its meaning is compared with); null for the others
     */
    record Candidate(
            String source,
            String ref,
            String title,
            String text,
            List<String> categories,
            SourceStats stats,
            @Nullable Double textScore,
            String matchNote,
            @Nullable String answered) {

        Candidate(
                String source,
                String ref,
                String title,
                String text,
                List<String> categories,
                SourceStats stats,
                @Nullable Double textScore,
                String matchNote) {
            this(source, ref, title, text, categories, stats, textScore, matchNote, null);
        }
    }

    record Ranked(Candidate candidate, double score, double text, double category, double feedback, String reason) {}

    /** How close in meaning the message is to a candidate: the cosine of their sentence vectors, NaN when unknown. */
    @FunctionalInterface
    interface Meaning {
        Meaning NONE = c -> Double.NaN;

        double cosine(Candidate candidate);
    }

    /** Weights when the meaning is known (decision 006, "By meaning"). */
    static final double MEANING_WEIGHT = 0.45;

    static final double MEANING_TEXT_WEIGHT = 0.2;
    static final double MEANING_CATEGORY_WEIGHT = 0.35;
    static final double MEANING_UNCATEGORISED_WEIGHT = 0.6;
    static final double MEANING_UNCATEGORISED_TEXT_WEIGHT = 0.25;
    /** Cosines at or below this say nothing (MiniLM: unrelated support texts); the scale is full at {@link #MEANING_FULL}. */
    static final double MEANING_FLOOR = 0.15;

    static final double MEANING_FULL = 0.6;
    /** A candidate this far from the message in meaning is not shown, whatever its category or words. */
    static final double MIN_MEANING = 0.2;

    private Ranker() {}

    /** The customer's prior: its overall acceptance, smoothed toward {@value #DEFAULT_PRIOR}. */
    static double prior(SourceStats customer) {
        var p = (customer.accepted() + 0.5 * customer.edited() + CUSTOMER_PRIOR_STRENGTH * DEFAULT_PRIOR)
                / (customer.decided() + CUSTOMER_PRIOR_STRENGTH);
        return Math.max(0.05, Math.min(0.95, p));
    }

    static double feedback(SourceStats s, double prior) {
        var rate = (s.accepted() + 0.5 * s.edited() + PRIOR_STRENGTH * prior) / (s.decided() + PRIOR_STRENGTH);
        return Math.max(0.4, Math.min(1.6, 0.4 + 0.6 * rate / prior));
    }

    /**
     * Drops past replies that are a library entry with its variables filled in (an agent inserted the entry and sent
     * it): the entry itself is the better card — it fills the variables for this contact and carries its acceptance
     * record — and two copies of one answer would take two of the three places.
     */
    static List<Candidate> withoutCopiesOfLibraryEntries(List<Candidate> candidates) {
        var templates = candidates.stream()
                .filter(c -> c.source().equals(uk.co.omniops.suggestion.Suggestion.LIBRARY))
                .map(c -> template(c.text()))
                .toList();
        if (templates.isEmpty()) {
            return candidates;
        }
        return candidates.stream()
                .filter(c -> !c.source().equals(uk.co.omniops.suggestion.Suggestion.PAST_REPLY)
                        || templates.stream()
                                .noneMatch(
                                        t -> t.matcher(Texts.squeeze(c.text())).matches()))
                .toList();
    }

    /** A library text as a pattern: its words literally, each {@code {{variable}}} as any text. */
    private static java.util.regex.Pattern template(String text) {
        var parts = Texts.squeeze(text).split("\\{\\{[^}]*}}", -1);
        var regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*?");
            }
            regex.append(java.util.regex.Pattern.quote(parts[i]));
        }
        return java.util.regex.Pattern.compile(
                regex.toString(), java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);
    }

    /**
     * @param categories the message's categories (key → confidence); empty: guessed from its words
     */
    static List<Ranked> rank(
            String message, Map<String, Double> categories, List<Candidate> candidates, double prior, int limit) {
        return rank(message, categories, candidates, prior, limit, Meaning.NONE);
    }

    /**
     * @param categories the message's categories (key → confidence); empty: guessed from its words
     * @param meaning the message's closeness in meaning to each candidate ({@link Meaning#NONE}: words and categories
     *        only, the kill switch)
     */
    static List<Ranked> rank(
            String message,
            Map<String, Double> categories,
            List<Candidate> candidates,
            double prior,
            int limit,
            Meaning meaning) {
        candidates = withoutCopiesOfLibraryEntries(candidates);
        var forms = Texts.surfaceForms(message);
        var query = forms.keySet();
        var guessed = categories.isEmpty();
        var cats = guessed ? CategoryHints.guess(query) : categories;
        var docs = new ArrayList<Set<String>>();
        var df = new HashMap<String, Integer>();
        for (var c : candidates) {
            var words = new LinkedHashSet<String>(Texts.words(c.title()));
            words.addAll(Texts.words(c.text()));
            docs.add(words);
            if (c.textScore() == null) {
                words.forEach(w -> df.merge(w, 1, Integer::sum));
            }
        }
        var n = (int) candidates.stream().filter(c -> c.textScore() == null).count();
        var ranked = new ArrayList<Ranked>();
        var seen = new HashSet<String>();
        for (int i = 0; i < candidates.size(); i++) {
            var c = candidates.get(i);
            var matched = new ArrayList<String>();
            double text;
            if (c.textScore() != null) {
                text = Math.max(0, Math.min(1, c.textScore()));
                for (var w : docs.get(i)) {
                    if (query.contains(w)) {
                        matched.add(w);
                    }
                }
            } else {
                text = Math.min(1, 2 * cosine(query, docs.get(i), df, n, matched));
            }
            double category = 0;
            String matchedCategory = null;
            for (var key : c.categories()) {
                var conf = cats.getOrDefault(key, 0.0);
                if (conf > category) {
                    category = conf;
                    matchedCategory = key;
                }
            }
            var cosine = meaning.cosine(c);
            double base;
            if (Double.isNaN(cosine)) {
                base = c.categories().isEmpty()
                        ? UNCATEGORISED_TEXT_WEIGHT * text
                        : TEXT_WEIGHT * text + CATEGORY_WEIGHT * category;
            } else {
                if (cosine < MIN_MEANING) {
                    continue;
                }
                var sem = Math.max(0, Math.min(1, (cosine - MEANING_FLOOR) / (MEANING_FULL - MEANING_FLOOR)));
                base = c.categories().isEmpty()
                        ? MEANING_UNCATEGORISED_WEIGHT * sem + MEANING_UNCATEGORISED_TEXT_WEIGHT * text
                        : MEANING_WEIGHT * sem + MEANING_TEXT_WEIGHT * text + MEANING_CATEGORY_WEIGHT * category;
            }
            if (base < MIN_BASE) {
                continue;
            }
            var fb = feedback(c.stats(), prior);
            var score = Math.min(1, base * fb);
            if (!seen.add(Texts.squeeze(c.text()).toLowerCase(Locale.ROOT))) {
                continue;
            }
            ranked.add(new Ranked(
                    c,
                    score,
                    text,
                    category,
                    fb,
                    reason(
                            c,
                            matchedCategory,
                            guessed,
                            category,
                            matched.stream().map(w -> forms.getOrDefault(w, w)).toList(),
                            fb,
                            cosine)));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return ranked.size() > limit ? List.copyOf(ranked.subList(0, limit)) : List.copyOf(ranked);
    }

    private static double cosine(Set<String> q, Set<String> d, Map<String, Integer> df, int n, List<String> matched) {
        double dot = 0;
        double qn = 0;
        double dn = 0;
        for (var w : q) {
            var idf = idf(df.getOrDefault(w, 0), n);
            qn += idf * idf;
            if (d.contains(w)) {
                dot += idf * idf;
                matched.add(w);
            }
        }
        for (var w : d) {
            var idf = idf(df.getOrDefault(w, 0), n);
            dn += idf * idf;
        }
        return qn == 0 || dn == 0 ? 0 : dot / Math.sqrt(qn * dn);
    }

    private static double idf(int df, int n) {
        return Math.log((n + 1.0) / (df + 0.5)) + 1;
    }

    /**
     * Why, in the card's words. A category guessed from the message's words (no analysed category yet) is said as
     * such and without a percentage: the message itself shows no category, and the card must not claim one.
     */
    private static String reason(
            Candidate c,
            @Nullable String category,
            boolean guessed,
            double confidence,
            List<String> words,
            double feedback,
            double cosine) {
        var parts = new ArrayList<String>();
        if (!Double.isNaN(cosine)) {
            parts.add("meaning " + Math.round(Math.max(0, cosine) * 100) + " %");
        }
        if (category != null) {
            parts.add(
                    guessed
                            ? "words suggest " + category
                            : "category " + category + " (" + Math.round(confidence * 100) + " %)");
        }
        if (!c.matchNote().isBlank()) {
            parts.add(c.matchNote());
        }
        if (!words.isEmpty()) {
            parts.add("words: " + String.join(", ", words.subList(0, Math.min(4, words.size()))));
        }
        var s = c.stats();
        if (s.decided() > 0) {
            parts.add("used " + (s.accepted() + s.edited()) + " of " + Plural.count(s.decided(), "time"));
        } else if (feedback == 1.0) {
            parts.add("new");
        }
        return String.join(" · ", parts);
    }
}
