package uk.co.omniops.prediction.internal;

/**
 * Erlang C staffing: arrivals λ per hour, mean handle time h minutes, offered load A = λ·h/60 Erlangs. With N agents
 * (N &gt; A) the probability an arrival waits is
 * {@code P(wait) = (A^N/N!)·N/(N−A) / (Σ_{k<N} A^k/k! + (A^N/N!)·N/(N−A))} and the average wait is
 * {@code ASA = P(wait)·h/(N−A)}. The agents needed are the smallest N with ASA ≤ the target first-response time.
 */
final class ErlangC {

    private ErlangC() {}

    public static double probabilityOfWaiting(int agents, double load) {
        if (agents <= load) {
            return 1;
        }
        // iterative A^k/k! to stay finite
        double term = 1;
        double sum = 1;
        for (int k = 1; k < agents; k++) {
            term *= load / k;
            sum += term;
        }
        double top = term * load / agents * agents / (agents - load);
        return top / (sum + top);
    }

    /** Average wait in seconds. */
    public static double averageWaitSeconds(int agents, double perHour, double handleMinutes) {
        double load = perHour * handleMinutes / 60;
        if (agents <= load) {
            return Double.POSITIVE_INFINITY;
        }
        return probabilityOfWaiting(agents, load) * handleMinutes * 60 / (agents - load);
    }

    public static int agents(double perHour, double handleMinutes, int targetSeconds) {
        if (perHour <= 1e-9) {
            return 0;
        }
        int n = Math.max(1, (int) Math.ceil(perHour * handleMinutes / 60));
        while (averageWaitSeconds(n, perHour, handleMinutes) > targetSeconds && n < 10_000) {
            n++;
        }
        return n;
    }
}
