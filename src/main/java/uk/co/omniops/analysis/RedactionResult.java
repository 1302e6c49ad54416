package uk.co.omniops.analysis;

import java.util.Map;

/**
 * Text with personal data replaced by placeholders, and how many of each kind were replaced.
 *
 * @param text   the redacted text; never null
 * @param counts placeholder type ({@code EMAIL}, {@code PHONE}, {@code CARD}, {@code IBAN}) → number
 *               of replacements; only types that occurred; never null, unmodifiable
 */
public record RedactionResult(String text, Map<String, Integer> counts) {

    public RedactionResult {
        counts = Map.copyOf(counts);
    }

    /** Total number of replacements. */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
