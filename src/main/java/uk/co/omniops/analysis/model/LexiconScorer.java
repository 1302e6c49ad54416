package uk.co.omniops.analysis.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * VADER-style valence scorer (Hutto &amp; Gilbert, ICWSM 2014): lexicon valences adjusted for
 * negation, intensifiers, ALL-CAPS emphasis, "but" contrast and exclamation marks. It is not
 * used alone: its outputs are dense features of the sentiment model, which learns how much to
 * trust them. Immutable and thread-safe.
 */
final class LexiconScorer {

    /** Compound score in [-1, 1] plus the positive and negative mass it was built from. */
    record Score(double compound, double positive, double negative, int hits) {}

    private static final double BOOST = 0.293;
    private static final double CAPS = 0.733;
    private static final double NEGATE = -0.74;
    private static final Map<String, Double> BOOSTERS = Map.ofEntries(
            Map.entry("absolutely", BOOST),
            Map.entry("amazingly", BOOST),
            Map.entry("awfully", BOOST),
            Map.entry("completely", BOOST),
            Map.entry("considerably", BOOST),
            Map.entry("decidedly", BOOST),
            Map.entry("deeply", BOOST),
            Map.entry("enormously", BOOST),
            Map.entry("entirely", BOOST),
            Map.entry("especially", BOOST),
            Map.entry("exceptionally", BOOST),
            Map.entry("extremely", BOOST),
            Map.entry("fabulously", BOOST),
            Map.entry("greatly", BOOST),
            Map.entry("highly", BOOST),
            Map.entry("hugely", BOOST),
            Map.entry("incredibly", BOOST),
            Map.entry("intensely", BOOST),
            Map.entry("majorly", BOOST),
            Map.entry("more", BOOST),
            Map.entry("most", BOOST),
            Map.entry("particularly", BOOST),
            Map.entry("purely", BOOST),
            Map.entry("quite", BOOST),
            Map.entry("really", BOOST),
            Map.entry("remarkably", BOOST),
            Map.entry("so", BOOST),
            Map.entry("substantially", BOOST),
            Map.entry("thoroughly", BOOST),
            Map.entry("totally", BOOST),
            Map.entry("tremendously", BOOST),
            Map.entry("uber", BOOST),
            Map.entry("unbelievably", BOOST),
            Map.entry("unusually", BOOST),
            Map.entry("utterly", BOOST),
            Map.entry("very", BOOST),
            Map.entry("super", BOOST),
            Map.entry("soo", BOOST),
            Map.entry("rly", BOOST),
            Map.entry("fucking", BOOST),
            Map.entry("freaking", BOOST),
            Map.entry("bloody", BOOST),
            Map.entry("almost", -BOOST),
            Map.entry("barely", -BOOST),
            Map.entry("hardly", -BOOST),
            Map.entry("kinda", -BOOST),
            Map.entry("less", -BOOST),
            Map.entry("little", -BOOST),
            Map.entry("marginally", -BOOST),
            Map.entry("occasionally", -BOOST),
            Map.entry("partly", -BOOST),
            Map.entry("scarcely", -BOOST),
            Map.entry("slightly", -BOOST),
            Map.entry("somewhat", -BOOST),
            Map.entry("sorta", -BOOST));
    private static final Set<String> CONTRAST = Set.of("but", "however", "although", "though", "yet");

    private final Map<String, Float> valence;

    LexiconScorer(Map<String, Float> valence) {
        this.valence = Map.copyOf(valence);
    }

    Map<String, Float> lexicon() {
        return valence;
    }

    Score score(String normalised, List<String> tokens) {
        int n = tokens.size();
        double[] s = new double[n + 1];
        int letters = 0;
        int upper = 0;
        for (String t : tokens) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (Character.isLetter(c)) {
                    letters++;
                    if (Character.isUpperCase(c)) {
                        upper++;
                    }
                }
            }
        }
        // caps emphasis only means something when the rest of the message is not shouting too
        boolean shouting = letters > 0 && upper > 0.6 * letters;
        int contrastAt = -1;
        int hits = 0;
        int exclaim = 0;
        int question = 0;
        String[] lower = new String[n];
        for (int i = 0; i < n; i++) {
            lower[i] = tokens.get(i).toLowerCase(Locale.ROOT);
        }
        for (int i = 0; i < n; i++) {
            String t = lower[i];
            if (t.charAt(0) == '!') {
                exclaim += t.length();
                continue;
            }
            if (t.charAt(0) == '?') {
                question += t.length();
                continue;
            }
            if (contrastAt < 0 && CONTRAST.contains(t) && i > 0) {
                contrastAt = i;
            }
            if (BOOSTERS.containsKey(t)) {
                continue;
            }
            Float v0 = lookup(t);
            if (v0 == null) {
                continue;
            }
            if ((t.equals("like") || t.equals("kind")) && i + 1 < n && lower[i + 1].equals("of")) {
                continue;
            }
            hits++;
            double v = v0;
            String raw = tokens.get(i);
            if (!shouting && raw.length() > 1 && raw.equals(raw.toUpperCase(Locale.ROOT)) && !raw.equals(t)) {
                v += Math.signum(v) * CAPS;
            }
            for (int j = 1; j <= 3 && i - j >= 0; j++) {
                Double b = BOOSTERS.get(lower[i - j]);
                if (b != null) {
                    v += Math.signum(v) * b * (j == 1 ? 1 : j == 2 ? 0.95 : 0.9);
                }
            }
            for (int j = 1; j <= 3 && i - j >= 0; j++) {
                if (TextFeatures.isPunctuation(lower[i - j])) {
                    break;
                }
                if (TextFeatures.isNegation(lower[i - j])) {
                    v *= NEGATE;
                    break;
                }
            }
            s[i] = v;
        }
        // emoticons such as ":(" are whole whitespace-separated pieces the tokeniser splits up
        for (int i = 0, len = normalised.length(); i < len; ) {
            while (i < len && Character.isWhitespace(normalised.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < len && !Character.isWhitespace(normalised.charAt(i))) {
                i++;
            }
            if (i - start >= 2 && i - start <= 6 && !Character.isLetterOrDigit(normalised.charAt(start))) {
                Float v = valence.get(normalised.substring(start, i));
                if (v != null) {
                    s[n] += v;
                    hits++;
                }
            }
        }
        double sum = 0;
        double pos = 0;
        double neg = 0;
        for (int i = 0; i <= n; i++) {
            double v = s[i];
            if (contrastAt >= 0 && i < n) {
                v *= i < contrastAt ? 0.5 : 1.5;
            }
            sum += v;
            if (v > 0) {
                pos += v + 1;
            } else if (v < 0) {
                neg += v - 1;
            }
        }
        double emphasis = Math.min(exclaim, 4) * 0.292 + (question > 3 ? 0.96 : question > 1 ? question * 0.18 : 0);
        if (sum > 0) {
            sum += emphasis;
        } else if (sum < 0) {
            sum -= emphasis;
        }
        double compound = sum / Math.sqrt(sum * sum + 15);
        return new Score(compound, pos, neg, hits);
    }

    private Float lookup(String t) {
        Float v = valence.get(t);
        if (v == null && t.length() > 3) {
            // elongations were squeezed to two letters; the lexicon spells "sooo good" as "good"
            StringBuilder b = new StringBuilder(t.length());
            for (int i = 0; i < t.length(); i++) {
                if (i == 0 || t.charAt(i) != t.charAt(i - 1)) {
                    b.append(t.charAt(i));
                }
            }
            if (b.length() != t.length()) {
                v = valence.get(b.toString());
            }
        }
        return v;
    }
}
