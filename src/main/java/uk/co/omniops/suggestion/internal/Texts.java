package uk.co.omniops.suggestion.internal;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Word-level text helpers for in-process matching: tokens, a light stemmer, stop words, edit distance. */
final class Texts {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{[^}]*}}");
    private static final Set<String> STOP = Set.of(
            "a",
            "an",
            "the",
            "and",
            "or",
            "but",
            "if",
            "then",
            "so",
            "to",
            "of",
            "in",
            "on",
            "at",
            "for",
            "from",
            "by",
            "with",
            "about",
            "as",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "am",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "i",
            "me",
            "my",
            "we",
            "our",
            "us",
            "you",
            "your",
            "he",
            "she",
            "they",
            "them",
            "their",
            "his",
            "her",
            "do",
            "does",
            "did",
            "have",
            "has",
            "had",
            "can",
            "could",
            "would",
            "should",
            "will",
            "shall",
            "may",
            "might",
            "must",
            "just",
            "not",
            "no",
            "yes",
            "please",
            "thanks",
            "thank",
            "hi",
            "hello",
            "hey",
            "dear",
            "there",
            "here",
            "what",
            "when",
            "where",
            "why",
            "how",
            "which",
            "who",
            "any",
            "some",
            "all",
            "get",
            "got",
            "im",
            "ive",
            "dont",
            "cant",
            "still",
            "also",
            "very",
            "really",
            "again",
            "one",
            "up",
            "out",
            "into",
            "than",
            "too",
            "now",
            "know",
            "let",
            "like",
            "want",
            "need",
            "help",
            "hope",
            "regard",
            "kind",
            "best",
            "team",
            "contact",
            "name",
            "first",
            "number",
            "agent",
            "customer");

    private Texts() {}

    /** Distinct content words, stemmed, in order of appearance; variables are dropped. */
    static Set<String> words(String text) {
        return surfaceForms(text).keySet();
    }

    /**
     * Each content word's stem with the word as the text wrote it (its first occurrence, lower case): what a person
     * reads ("hardware", not "hardwar").
     */
    static Map<String, String> surfaceForms(String text) {
        var normal = Normalizer.normalize(VARIABLE.matcher(text).replaceAll(" "), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .replace("'", "")
                .replace("’", "")
                .toLowerCase(Locale.ROOT);
        var out = new LinkedHashMap<String, String>();
        for (var token : NON_WORD.split(normal)) {
            if (token.length() < 2 || STOP.contains(token) || token.chars().allMatch(Character::isDigit)) {
                continue;
            }
            var stem = stem(token);
            if (!STOP.contains(stem)) {
                out.putIfAbsent(stem, token);
            }
        }
        return out;
    }

    /** A deliberately light English stemmer: plural, -ing, -ed, -ly, -ment, -tion endings. */
    static String stem(String w) {
        if (w.length() <= 3) {
            return w;
        }
        String s = w;
        if (s.endsWith("ies") && s.length() > 4) {
            s = s.substring(0, s.length() - 3) + "y";
        } else if (s.endsWith("sses")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is")) {
            s = s.substring(0, s.length() - 1);
        }
        for (var suffix : new String[] {"ingly", "edly", "ing", "ed", "ly", "ment", "ation", "tion", "er"}) {
            if (s.endsWith(suffix) && s.length() - suffix.length() >= 3) {
                s = s.substring(0, s.length() - suffix.length());
                break;
            }
        }
        if (s.endsWith("e") && s.length() > 3) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() > 3
                && s.charAt(s.length() - 1) == s.charAt(s.length() - 2)
                && "bdfgklmnprt".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Levenshtein distance (insert, delete, substitute), two rows of memory. */
    static int editDistance(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        var prev = new int[b.length() + 1];
        var cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            var ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                var cost = ca == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            var t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Whitespace collapsed and trimmed: agents' stray spaces and newlines are no edit. */
    static String squeeze(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
