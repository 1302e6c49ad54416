package uk.co.omniops.platform;

/** Counts in words for people: "1 message", "3 messages", "1 reply", "2 replies". */
public final class Plural {

    private Plural() {}

    /** {@code n} and the noun, with an "s" (or "ies" for a consonant + y) unless {@code n} is 1. */
    public static String count(long n, String noun) {
        return n + " " + noun(n, noun);
    }

    /** The noun alone, as {@link #count} writes it after {@code n}. */
    public static String noun(long n, String noun) {
        if (n == 1 || noun.isEmpty()) {
            return noun;
        }
        if (noun.length() > 1 && noun.endsWith("y") && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }
}
