package uk.co.omniops.platform;

import java.time.Duration;

/**
 * Token-bucket rate limits shared by every replica (Bucket4j buckets in Redis; each replica's own memory while Redis
 * is unreachable or switched off). A {@link Limit} names a bucket family ("chat-starts-per-address"); the key names
 * the bucket in it (an address, a customer, an account). Used by the API keys, the sign-in form and the public chat.
 */
public interface RateLimits {

    /** Buckets in this process's memory only: what each replica uses while Redis is unreachable. */
    static RateLimits inProcess() {
        return uk.co.omniops.platform.internal.BucketRateLimits.inProcess();
    }

    /** Takes one token from {@code key}'s bucket of {@code limit}. */
    Decision tryAcquire(Limit limit, String key);

    /** Whether {@code key}'s bucket has a token, without taking it (e.g. before checking a password). */
    Decision check(Limit limit, String key);

    /**
     * {@code capacity} tokens, refilled evenly at {@code capacity} per {@code period}: a burst of {@code capacity},
     * then one token every {@code period / capacity}.
     *
     * @param name names the bucket family in metrics and in Redis keys (lower case, dashes)
     */
    record Limit(String name, long capacity, Duration period) {

        public Limit {
            if (capacity < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a limit needs a capacity ≥ 1 and a positive period: " + name);
            }
        }

        /** {@code perSecond} tokens a second on average, bursts of {@code burst}. */
        public static Limit perSecond(String name, double perSecond, int burst) {
            // tokens per 1,000 s keeps fractional rates (0.5/s) exact in whole tokens
            var perThousandSeconds = Math.max(1, Math.round(perSecond * 1000));
            return new Limit(
                    name, burst, Duration.ofSeconds(1000).multipliedBy(burst).dividedBy(perThousandSeconds));
        }

        /** "10 per 15 minutes" for messages shown to people. */
        public String describe() {
            return capacity + " per " + Durations.words(period);
        }
    }

    /** @param retryAfterSeconds 0 when allowed, else whole seconds until the next token (at least 1) */
    record Decision(boolean allowed, long retryAfterSeconds) {

        public static final Decision ALLOWED = new Decision(true, 0);

        public static Decision refused(long nanosToWait) {
            return new Decision(false, Math.max(1, (long) Math.ceil(nanosToWait / 1e9)));
        }
    }

    /** Short English durations for limit messages. */
    final class Durations {
        private Durations() {}

        static String words(Duration d) {
            var s = d.toSeconds();
            if (s % 3600 == 0) {
                return s == 3600 ? "hour" : s / 3600 + " hours";
            }
            if (s % 60 == 0) {
                return s == 60 ? "minute" : s / 60 + " minutes";
            }
            return s == 1 ? "second" : s + " seconds";
        }

        /** "2 minutes" / "40 seconds", rounded up to whole minutes above 90 s. */
        public static String waitOf(long seconds) {
            if (seconds > 90) {
                var minutes = (seconds + 59) / 60;
                return minutes + " minutes";
            }
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
    }
}
