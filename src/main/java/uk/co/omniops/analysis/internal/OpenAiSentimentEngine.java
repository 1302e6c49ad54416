package uk.co.omniops.analysis.internal;

import uk.co.omniops.platform.CircuitBreaker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.co.omniops.analysis.PiiRedactor;
import uk.co.omniops.analysis.model.SentimentModel;
import uk.co.omniops.analysis.model.SentimentResult;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Sentiment from an OpenAI model: the text is PII-redacted first, the answer must be strict JSON
 * ({@code {"label": "negative|neutral|positive", "score": 0..1, "confidence": 0..1}}) and is validated. Every
 * call is bounded by a timeout and guarded by a circuit breaker (open after 5 consecutive failures, for 30 s);
 * any failure returns empty and the caller falls back to the in-process model. Every call is recorded in the AI
 * usage ledger (tokens, cost, latency, outcome) and counted in {@code omniops.ml_api.errors} /
 * {@code omniops.ml_api.availability}.
 */
class OpenAiSentimentEngine implements AutoCloseable {

    static final String FEATURE = "sentiment";
    static final String ERRORS_METRIC = "omniops.ml_api.errors";
    static final String AVAILABILITY_METRIC = "omniops.ml_api.availability";

    private static final Logger log = LoggerFactory.getLogger(OpenAiSentimentEngine.class);
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Set<String> LABELS = Set.copyOf(SentimentLabels.ALL);
    private static final String SYSTEM = """
            You classify the sentiment of one customer-service message written to a company's support team.
            Reply with one JSON object and nothing else:
            {"label": "negative" | "neutral" | "positive", "score": number, "confidence": number}
            score: 0 = very negative, 0.5 = neutral, 1 = very positive. confidence: 0 to 1.
            A message describing a problem, a delay or a failure is negative even without negative words;
            sarcasm ("great, another delay") is negative. Placeholders like [EMAIL] replace personal data.""";

    private final ChatClient chat;
    private final String model;
    private final Duration timeout;
    private final UsageRecorder ledger;
    private final MeterRegistry meters;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Deque<Outcome> recent = new ArrayDeque<>();

    OpenAiSentimentEngine(ChatClient chat, String model, Duration timeout, UsageRecorder ledger, MeterRegistry meters,
            Clock clock) {
        this.chat = chat;
        this.model = model;
        this.timeout = timeout;
        this.ledger = ledger;
        this.meters = meters;
        this.clock = clock;
        this.breaker = new CircuitBreaker("openai-sentiment", 5, Duration.ofSeconds(30), clock);
    }

    /** A client for one model with the SDK's own retries off (the breaker and fallback decide) and its timeout. */
    static ChatClient chatClient(String apiKey, String baseUrl, String model, Duration timeout) {
        var options = OpenAiChatOptions.builder()
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .model(model)
                .maxRetries(0)
                .timeout(timeout.plusMillis(500))
                .temperature(0.0)
                .responseFormat(OpenAiChatModel.ResponseFormat.builder().type(OpenAiChatModel.ResponseFormat.Type.JSON_OBJECT).build())
                .build();
        return ChatClient.create(OpenAiChatModel.builder().options(options).build());
    }

    /** The model's answer, or empty when the call failed, timed out, was refused or the breaker is open. */
    Optional<SentimentResult> analyse(CustomerId customer, String text) {
        if (!breaker.allows()) {
            ledger.record(customer, FEATURE, model, 0, 0, 0, "circuit_open");
            error("circuit_open");
            return Optional.empty();
        }
        var redacted = PiiRedactor.redactText(text);
        var started = System.nanoTime();
        var future = calls.submit(() -> chat.prompt().system(SYSTEM).user(redacted).call().chatResponse());
        ChatResponse response;
        try {
            response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(customer, started, "timeout", 0, 0, "no answer within " + timeout);
        } catch (ExecutionException e) {
            var cause = e.getCause() == null ? e : e.getCause();
            return failed(customer, started, rateLimited(cause) ? "rate_limited" : "error", 0, 0, cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(customer, started, "error", 0, 0, "interrupted");
        }
        var promptTokens = 0;
        var completionTokens = 0;
        if (response != null && response.getMetadata() != null && response.getMetadata().getUsage() != null) {
            var usage = response.getMetadata().getUsage();
            promptTokens = usage.getPromptTokens() == null ? 0 : usage.getPromptTokens();
            completionTokens = usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens();
        }
        var content = response == null || response.getResult() == null ? null : response.getResult().getOutput().getText();
        var parsed = parse(content);
        if (parsed == null) {
            return failed(customer, started, "invalid_output", promptTokens, completionTokens,
                    "not the expected JSON: " + abbreviate(content));
        }
        breaker.success();
        remember(true);
        ledger.record(customer, FEATURE, model, promptTokens, completionTokens, millisSince(started), "success");
        return Optional.of(parsed);
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
            return new SentimentResult(score, label, confidence, "openai:" + model);
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

    private Optional<SentimentResult> failed(CustomerId customer, long started, String outcome, int promptTokens,
            int completionTokens, String detail) {
        breaker.failure();
        remember(false);
        error(outcome);
        ledger.record(customer, FEATURE, model, promptTokens, completionTokens, millisSince(started), outcome);
        log.warn("OpenAI sentiment failed ({}), using the in-process model: {}", outcome, detail);
        return Optional.empty();
    }

    private void error(String reason) {
        Counter.builder(ERRORS_METRIC).description("Failed or skipped external model calls")
                .tag("feature", FEATURE).tag("reason", reason).register(meters).increment();
    }

    private static boolean rateLimited(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            var name = t.getClass().getSimpleName();
            if (name.contains("RateLimit") || (t.getMessage() != null && t.getMessage().contains("429"))) {
                return true;
            }
        }
        return false;
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
        return breaker.open();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String abbreviate(@Nullable String s) {
        if (s == null) {
            return "(empty)";
        }
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    private record Outcome(Instant at, boolean success) {}
}
