package uk.co.omniops.ops.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A bounded history of meter readings and the windowed judgements the alert rules need. Pure logic, so the
 * rules' semantics ("> 1 % over 5 min", "below 95 % for the whole 2 min") are unit-tested without clocks.
 */
final class MeterSamples {

    /** One reading: cumulative request and server-error counts, and the three gauges. */
    record Sample(
            Instant at,
            double requests,
            double serverErrors,
            double availability,
            double costToday,
            double redisAvailable) {}

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Duration keep;

    MeterSamples(Duration keep) {
        this.keep = keep;
    }

    synchronized void add(Sample sample) {
        samples.addLast(sample);
        while (!samples.isEmpty()
                && samples.peekFirst().at().isBefore(sample.at().minus(keep))) {
            samples.removeFirst();
        }
    }

    synchronized List<Sample> all() {
        return new ArrayList<>(samples);
    }

    /** Error percentage over the trailing window, or empty with too little traffic or history to judge. */
    synchronized Optional<Double> errorRatePercent(Duration window, int minimumRequests) {
        if (samples.size() < 2) {
            return Optional.empty();
        }
        var last = samples.peekLast();
        var start = baseline(last.at().minus(window));
        var requests = last.requests() - start.requests();
        if (requests < minimumRequests) {
            return Optional.empty();
        }
        return Optional.of(100.0 * (last.serverErrors() - start.serverErrors()) / requests);
    }

    /** The highest availability seen in the window, when the history covers the whole window. */
    synchronized Optional<Double> maxAvailability(Duration window) {
        return extreme(window, Sample::availability, true);
    }

    /** 1 when Redis answered at least once in the window (0: never), when the history covers the whole window. */
    synchronized Optional<Double> maxRedisAvailable(Duration window) {
        return extreme(window, Sample::redisAvailable, true);
    }

    /** The lowest daily cost seen in the window, when the history covers the whole window. */
    synchronized Optional<Double> minCostToday(Duration window) {
        return extreme(window, Sample::costToday, false);
    }

    private Optional<Double> extreme(Duration window, java.util.function.ToDoubleFunction<Sample> value, boolean max) {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        var last = samples.peekLast();
        var from = last.at().minus(window);
        if (samples.peekFirst().at().isAfter(from)) {
            return Optional.empty(); // the condition has not been observed for the whole window yet
        }
        var inWindow = samples.stream().filter(s -> !s.at().isBefore(from)).mapToDouble(value);
        var result = max ? inWindow.max() : inWindow.min();
        return result.isPresent() ? Optional.of(result.getAsDouble()) : Optional.empty();
    }

    /** The newest sample at or before {@code at} (or the oldest one). */
    private Sample baseline(Instant at) {
        Sample chosen = samples.peekFirst();
        for (var s : samples) {
            if (s.at().isAfter(at)) {
                break;
            }
            chosen = s;
        }
        return chosen;
    }
}
