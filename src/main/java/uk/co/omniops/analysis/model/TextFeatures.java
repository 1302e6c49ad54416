package uk.co.omniops.analysis.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tokeniser and hashed feature extractor shared by the sentiment model, the category model and
 * {@link CustomerAdapter}s, so that all three speak the same feature space.
 *
 * <p>Stateless and thread-safe. Methods never return null.
 */
public final class TextFeatures {

    /** Size of the hashed feature space (a power of two). */
    public static final int DIMENSIONS = 1 << 18;

    private static final int MASK = DIMENSIONS - 1;
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@\\w+");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern HTML_ENTITY = Pattern.compile("&(amp|lt|gt|quot|#39);");

    private static final int SEED_WORD = 0x1b873593;
    private static final int SEED_NEG = 0x5bd1e995;
    private static final int SEED_BIGRAM = 0x27d4eb2f;
    private static final int SEED_CHAR = 0x165667b1;
    private static final int SEED_NAMED = 0x6c8e9cf5;

    private TextFeatures() {}

    /**
     * Replaces URLs, e-mail addresses and @mentions by placeholder words and decodes the HTML
     * entities Twitter exports contain. Case is preserved because the lexicon scorer uses it.
     */
    public static String normalise(String text) {
        // the regexes are the slowest part of feature extraction, so skip them when they cannot match
        String s = text;
        if (s.indexOf('&') >= 0) {
            s = HTML_ENTITY.matcher(s).replaceAll(m -> switch (m.group(1)) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                default -> "'";
            });
        }
        if (s.indexOf("http") >= 0 || s.indexOf("www.") >= 0 || s.indexOf("HTTP") >= 0) {
            s = URL.matcher(s).replaceAll(" xurl ");
        }
        if (s.indexOf('@') >= 0) {
            s = EMAIL.matcher(s).replaceAll(" xemail ");
            s = MENTION.matcher(s).replaceAll(" xuser ");
        }
        return s;
    }

    /**
     * Splits normalised text into tokens: runs of letters/digits (apostrophes dropped, so
     * "don't" becomes "dont"), single emoji or symbol code points, and runs of "!" or "?".
     * Case is preserved; letters repeated three or more times are squeezed to two ("soooo"
     * becomes "soo") so that elongated words share features.
     */
    public static List<String> tokens(String normalised) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int n = normalised.length();
        for (int i = 0; i < n; ) {
            int cp = normalised.codePointAt(i);
            int len = Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                int wl = word.length();
                if (!(wl >= 2 && word.charAt(wl - 1) == cp && word.charAt(wl - 2) == cp)) {
                    word.appendCodePoint(cp);
                }
            } else if ((cp == '\'' || cp == '\u2019')
                    && word.length() > 0
                    && i + len < n
                    && Character.isLetter(normalised.codePointAt(i + len))) {
                // apostrophe inside a word: dropped so "can't" and "cant" match
            } else {
                flush(word, out);
                if (cp == '!' || cp == '?') {
                    int j = i;
                    while (j < n && normalised.charAt(j) == cp) {
                        j++;
                    }
                    out.add(j - i > 1 ? String.valueOf((char) cp).repeat(2) : String.valueOf((char) cp));
                    len = j - i;
                } else if (cp == '.' || cp == ',' || cp == ';' || cp == ':') {
                    out.add(String.valueOf((char) cp));
                } else if (isEmojiLike(cp)) {
                    out.add(new String(Character.toChars(cp)));
                }
            }
            i += len;
        }
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) {
            out.add(word.toString());
            word.setLength(0);
        }
    }

    static boolean isEmojiLike(int cp) {
        int type = Character.getType(cp);
        return cp >= 0x2190
                && (type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL)
                && cp != 0xFE0F
                && cp != 0x200D;
    }

    static boolean isPunctuation(String t) {
        char c = t.charAt(0);
        return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
    }

    static boolean isNegation(String lower) {
        return switch (lower) {
            case "not",
                    "no",
                    "never",
                    "nothing",
                    "nobody",
                    "none",
                    "neither",
                    "nor",
                    "nowhere",
                    "cannot",
                    "cant",
                    "dont",
                    "doesnt",
                    "didnt",
                    "isnt",
                    "arent",
                    "wasnt",
                    "werent",
                    "wont",
                    "wouldnt",
                    "shouldnt",
                    "couldnt",
                    "havent",
                    "hasnt",
                    "hadnt",
                    "aint",
                    "without",
                    "dnt",
                    "didn",
                    "doesn",
                    "isn",
                    "wasn",
                    "havnt",
                    "didint",
                    "cnt" -> true;
            default -> false;
        };
    }

    /**
     * Hashed uni/bi-grams, negation-scoped unigrams and character 3–5-grams of an already
     * tokenised text, L2-normalised, added into {@code into}.
     */
    static void addNgrams(List<String> tokens, SparseVector into) {
        int start = into.size();
        int prev = 0x9747b28c; // sentence-start marker for the first bigram
        int negScope = 0;
        for (String raw : tokens) {
            String t = raw.toLowerCase(Locale.ROOT);
            if (isPunctuation(t)) {
                into.add(hash(SEED_WORD, t) & MASK, 1f, SparseVector.WORD);
                negScope = 0;
                prev = hash(SEED_WORD, t);
                continue;
            }
            if (t.chars().allMatch(Character::isDigit)) {
                t = t.length() >= 4 ? "0000" : "00";
            }
            int h = hash(SEED_WORD, t);
            into.add(h & MASK, 1f, SparseVector.WORD);
            if (negScope > 0) {
                into.add(hash(SEED_NEG, t) & MASK, 1f, SparseVector.WORD);
                negScope--;
            }
            if (isNegation(t)) {
                negScope = 3;
            }
            into.add(fmix(mix(SEED_BIGRAM ^ prev, h)) & MASK, 1f, SparseVector.WORD);
            prev = h;
            if (t.length() >= 3 && Character.isLetter(t.charAt(0))) {
                String padded = "<" + t + ">";
                for (int n = 3; n <= 5; n++) {
                    for (int i = 0; i + n <= padded.length(); i++) {
                        into.add(hash(SEED_CHAR + n, padded, i, i + n) & MASK, 0.4f, SparseVector.CHAR);
                    }
                }
            }
        }
        into.add(fmix(mix(SEED_BIGRAM ^ prev, 0x85ebca6b)) & MASK, 1f, SparseVector.WORD);
        into.normalise(start);
    }

    /** Index of a named dense feature (lexicon score, cue, bias...). */
    static int named(String name) {
        return hash(SEED_NAMED, name) & MASK;
    }

    static int hash(int seed, String s) {
        return hash(seed, s, 0, s.length());
    }

    static int hash(int seed, CharSequence s, int from, int to) {
        int h = seed;
        for (int i = from; i < to; i++) {
            h = mix(h, s.charAt(i));
        }
        return fmix(h ^ (to - from));
    }

    private static int mix(int h, int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
