package uk.co.omniops.analysis;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in free text with placeholders: e-mail addresses ({@code [EMAIL]}),
 * IBANs that pass the mod-97 check ({@code [IBAN]}), payment card numbers of 13–19 digits
 * (optionally grouped by spaces or dashes) that pass the Luhn check ({@code [CARD]}), and phone
 * numbers in international ({@code +44 20 7946 0958}, {@code 0044…}) and local
 * ({@code 020 7946 0958}, {@code (555) 123-4567}, {@code 07700 900123}) formats ({@code [PHONE]}).
 *
 * <p>Order references such as {@code #A12345} or {@code 12345}, dates ({@code 2024-03-01},
 * {@code 01/03/2024}), times and amounts are left alone: a phone number needs 9–15 digits and
 * either a leading {@code +}/{@code 0} or a grouping typical of phone numbers, and digit runs
 * preceded by {@code #} are never touched. Card-like digit runs failing Luhn stay as they are
 * (unless they also look like a phone number).
 *
 * <p>Stateless and thread-safe. Never returns null.
 */
public final class PiiRedactor {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])");
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?(?![A-Za-z0-9])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CARD = Pattern.compile("(?<![\\w#/.-])\\d(?:[ -]?\\d){12,18}(?![\\w/-])");
    private static final Pattern PHONE =
            Pattern.compile("(?<![\\w#/.+-])(?:\\+|00)?(?:\\(\\d{1,5}\\)[ .-]?)?\\d[\\d .()-]{6,18}\\d(?![\\w/-])");

    private PiiRedactor() {}

    /** Redacts {@code text} (null is treated as empty) and counts what was replaced. */
    public static RedactionResult redact(String text) {
        Map<String, Integer> counts = new TreeMap<>();
        String s = text == null ? "" : text;
        s = replace(s, EMAIL, "EMAIL", counts, m -> true);
        s = replace(s, IBAN, "IBAN", counts, PiiRedactor::validIban);
        s = replace(s, CARD, "CARD", counts, PiiRedactor::luhn);
        s = replace(s, PHONE, "PHONE", counts, PiiRedactor::looksLikePhone);
        return new RedactionResult(s, counts);
    }

    /** Convenience for {@code redact(text).text()}. */
    public static String redactText(String text) {
        return redact(text).text();
    }

    private static String replace(
            String s,
            Pattern p,
            String type,
            Map<String, Integer> counts,
            java.util.function.Predicate<String> accept) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int last = 0;
        while (m.find()) {
            String candidate = m.group();
            if (accept.test(candidate)) {
                out.append(s, last, m.start()).append('[').append(type).append(']');
                last = m.end();
                counts.merge(type, 1, Integer::sum);
            }
        }
        return last == 0 ? s : out.append(s, last, s.length()).toString();
    }

    static boolean luhn(String candidate) {
        String digits = candidate.replaceAll("[^0-9]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    static boolean validIban(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (Character.isDigit(c)) {
                numeric.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                numeric.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /**
     * 9–15 digits, and an international prefix, a trunk "0", or a separator-grouped shape;
     * rejects date-like and time-like shapes.
     */
    static boolean looksLikePhone(String candidate) {
        String digits = candidate.replaceAll("[^0-9]", "");
        if (digits.length() < 9 || digits.length() > 15) {
            return false;
        }
        if (candidate.matches(".*\\d{1,4}[-./]\\d{1,2}[-./]\\d{1,4}.*")
                && candidate.chars().filter(c -> c == '-').count() == 2
                && digits.length() == 8) {
            return false;
        }
        boolean international = candidate.startsWith("+") || candidate.startsWith("00");
        boolean trunk = candidate.startsWith("0") || candidate.startsWith("(0");
        boolean grouped = candidate.matches("\\(?\\d{2,5}\\)?[ .-]\\d{2,4}[ .-]?\\d{3,4}([ .-]?\\d{1,4})?");
        return international || trunk || grouped;
    }
}
