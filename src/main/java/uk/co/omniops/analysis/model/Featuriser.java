package uk.co.omniops.analysis.model;

import java.util.List;

/**
 * Turns a message into the sparse vector a {@link LinearModel} scores: hashed n-grams, optionally
 * the VADER-style lexicon scores as dense features, optionally the domain cues, and a bias.
 * Immutable and thread-safe.
 */
final class Featuriser {

    static final int USE_LEXICON = 1;
    static final int USE_CUES = 2;
    /** Leaves the word and character n-grams out (the embedding-only variant of record 004). */
    static final int NO_NGRAMS = 4;
    /**
     * Leaves the URL/e-mail/@mention placeholders out of the n-grams: in our support seeds nearly every
     * @mention is a complaint, and the sentiment model learnt "tweet style = negative" (record 004).
     */
    static final int NO_PLACEHOLDERS = 8;

    private static final int BIAS = TextFeatures.named("bias");
    private static final int COMPOUND = TextFeatures.named("lex:compound");
    private static final int POSITIVE = TextFeatures.named("lex:positive");
    private static final int NEGATIVE = TextFeatures.named("lex:negative");
    private static final int NO_HITS = TextFeatures.named("lex:none");
    private static final int SHOUTING = TextFeatures.named("style:shouting");
    private static final int[] BINS = new int[7];

    static {
        for (int i = 0; i < BINS.length; i++) {
            BINS[i] = TextFeatures.named("lex:bin" + i);
        }
    }

    private final int options;
    private final LexiconScorer lexicon;

    Featuriser(int options, LexiconScorer lexicon) {
        this.options = options;
        this.lexicon = lexicon;
    }

    int options() {
        return options;
    }

    LexiconScorer lexicon() {
        return lexicon;
    }

    SparseVector features(String text) {
        String normalised = TextFeatures.normalise(text);
        List<String> tokens = TextFeatures.tokens(normalised);
        SparseVector v = new SparseVector();
        if ((options & NO_NGRAMS) == 0) {
            List<String> words = tokens;
            if ((options & NO_PLACEHOLDERS) != 0) {
                words = new java.util.ArrayList<>(tokens);
                words.removeIf(t -> t.equals("xuser") || t.equals("xurl") || t.equals("xemail"));
            }
            TextFeatures.addNgrams(words, v);
        }
        v.add(BIAS, 1f, SparseVector.NAMED);
        double compound = 0;
        if ((options & USE_LEXICON) != 0 && lexicon != null) {
            LexiconScorer.Score s = lexicon.score(normalised, tokens);
            compound = s.compound();
            v.add(COMPOUND, (float) (2 * compound), SparseVector.NAMED);
            v.add(POSITIVE, (float) Math.min(s.positive() / 4, 2), SparseVector.NAMED);
            v.add(NEGATIVE, (float) Math.max(s.negative() / 4, -2), SparseVector.NAMED);
            if (s.hits() == 0) {
                v.add(NO_HITS, 1f, SparseVector.NAMED);
            }
            v.add(BINS[bin(compound)], 1f, SparseVector.NAMED);
        }
        if ((options & USE_CUES) != 0) {
            DomainCues.add(tokens, compound, v);
            if (isShouting(tokens)) {
                v.add(SHOUTING, 1f, SparseVector.NAMED);
            }
        }
        return v;
    }

    /**
     * Whether a message carries almost nothing to analyse: no word of two or more letters other
     * than the URL/e-mail/mention placeholders ("??", "ok", a lone emoji, a link).
     */
    static boolean lowInformation(String text) {
        List<String> tokens = TextFeatures.tokens(TextFeatures.normalise(text));
        int words = 0;
        for (String t : tokens) {
            if (t.equals("xurl") || t.equals("xuser") || t.equals("xemail")) {
                continue;
            }
            int letters = 0;
            for (int i = 0; i < t.length(); i++) {
                if (Character.isLetter(t.charAt(i))) {
                    letters++;
                }
            }
            if (letters >= 2) {
                words++;
            }
        }
        return words == 0
                || (words == 1
                        && tokens.size() <= 2
                        && LOW_INFORMATION_WORDS.contains(tokens.get(0).toLowerCase(java.util.Locale.ROOT)));
    }

    private static final java.util.Set<String> LOW_INFORMATION_WORDS = java.util.Set.of(
            "ok", "okay", "k", "kk", "hi", "hello", "hey", "yes", "no", "yeah", "yep", "nope", "hmm", "hm", "test",
            "ping");

    private static int bin(double c) {
        if (c < -0.6) {
            return 0;
        }
        if (c < -0.3) {
            return 1;
        }
        if (c < -0.05) {
            return 2;
        }
        if (c <= 0.05) {
            return 3;
        }
        if (c <= 0.3) {
            return 4;
        }
        return c <= 0.6 ? 5 : 6;
    }

    private static boolean isShouting(List<String> tokens) {
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
        return letters >= 8 && upper > 0.7 * letters;
    }
}
