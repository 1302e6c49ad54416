package uk.co.omniops.analysis.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.analysis.AiGateway;
import uk.co.omniops.analysis.model.SentimentResult;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Sentiment from an OpenAI model through an {@link AiGateway.Channel} (PII redaction, timeout, circuit breaker, the
 * {@code ai_usage} ledger and {@code omniops.ml_api.errors} are the gateway's): the answer must be strict JSON
 * ({@code {"label": "negative|neutral|positive", "score": 0..1, "confidence": 0..1}}) and is validated; any failure
 * returns empty and the caller falls back to the in-process model. Keeps the 5-minute success ratio behind
 * {@code omniops.ml_api.availability}.
 */
class OpenAiSentimentEngine implements AutoCloseable {

    static final String FEATURE = "sentiment";
    static final String ERRORS_METRIC = AiGateway.ERRORS_METRIC;
    static final String AVAILABILITY_METRIC = "omniops.ml_api.availability";

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Set<String> LABELS = Set.copyOf(SentimentLabels.ALL);
    private static final String SYSTEM = """
            You classify the sentiment of one customer-service message written to a company's support team.
            Reply with one JSON object and nothing else:
            {"label": "negative" | "neutral" | "positive", "score": number, "confidence": number}
            score: 0 = very negative, 0.5 = neutral, 1 = very positive. confidence: 0 to 1.
            A message describing a problem, a delay or a failure is negative even without negative words;
            sarcasm ("great, another delay") is negative. Placeholders like [EMAIL] replace personal data.""";

    private final AiGateway.Channel channel;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Deque<Outcome> recent = new ArrayDeque<>();

    OpenAiSentimentEngine(AiGateway.Channel channel, Clock clock) {
        this.channel = channel;
        this.clock = clock;
    }

    /** The model's answer, or empty when the call failed, timed out, was refused or the breaker is open. */
    Optional<SentimentResult> analyse(CustomerId customer, String text) {
        var answer = channel.call(customer, null, SYSTEM, text, this::parse);
        if (answer.outcome() != AiGateway.Outcome.CIRCUIT_OPEN) {
            remember(answer.outcome() == AiGateway.Outcome.SUCCESS);
        }
        return answer.result();
    }

    private @Nullable SentimentResult parse(@Nullable String content) {
        if (content == null || content.isBlank()) {
            return null;
        }
        try {
            var node = json.readTree(content.strip());
            if (!node.isObject()) {
                return null;
            }
            var label = text(node.get("label"));
            var score = number(node.get("score"));
            var confidence = number(node.get("confidence"));
            if (label == null || !LABELS.contains(label) || score == null || confidence == null) {
                return null;
            }
            if (score < 0 || score > 1 || confidence < 0 || confidence > 1) {
                return null;
            }
            return new SentimentResult(score, label, confidence, "openai:" + channel.model());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node != null && node.isString() ? node.asString().strip().toLowerCase() : null;
    }

    private static @Nullable Double number(@Nullable JsonNode node) {
        return node != null && node.isNumber() ? node.asDouble() : null;
    }

    private synchronized void remember(boolean success) {
        var now = clock.instant();
        recent.addLast(new Outcome(now, success));
        prune(now);
    }

    private void prune(Instant now) {
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(now.minus(WINDOW))) {
            recent.removeFirst();
        }
    }

    /** Share of successful calls over the last 5 minutes; 1.0 when there were none. */
    synchronized double availability() {
        prune(clock.instant());
        if (recent.isEmpty()) {
            return 1.0;
        }
        return recent.stream().filter(Outcome::success).count() / (double) recent.size();
    }

    boolean circuitOpen() {
        return channel.circuitOpen();
    }

    @Override
    public void close() {
        channel.close();
    }

    private record Outcome(Instant at, boolean success) {}
}
