package uk.co.omniops.suggestion;

/**
 * What agents did with the suggestions of one source (an entry, or a whole customer).
 *
 * @param ignored shown and then something else (or nothing) was sent
 */
public record SourceStats(int shown, int accepted, int edited, int ignored) {

    public static final SourceStats NONE = new SourceStats(0, 0, 0, 0);

    public int decided() {
        return accepted + edited + ignored;
    }

    /** Accepted as is or after an edit, over decided; 0 when nothing was decided yet. */
    public double acceptanceRate() {
        return decided() == 0 ? 0 : (accepted + edited) / (double) decided();
    }
}
