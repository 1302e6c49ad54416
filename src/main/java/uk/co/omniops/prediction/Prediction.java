package uk.co.omniops.prediction;

import java.time.Instant;
import java.util.List;

/**
 * The latest prediction for an open conversation.
 *
 * @param escalationRisk probability 0…1 that the conversation gets escalated
 * @param expectedCsat 1…5 (a proxy, see decision 010)
 * @param expectedResolutionMinutes from the conversation's start
 * @param factors the largest contributions in words, most important first, e.g. "3 negative messages in a row"
 * @param model e.g. {@code predict-v1 (prior 0.80, customer 0.20, n=12)}
 */
public record Prediction(
        double escalationRisk,
        double expectedCsat,
        int expectedResolutionMinutes,
        List<String> factors,
        String model,
        Instant at) {

    public Prediction {
        factors = List.copyOf(factors);
    }
}
