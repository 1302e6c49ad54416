package uk.co.omniops.analysis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import uk.co.omniops.analysis.internal.CircuitBreaker;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The one way to an external AI model (OpenAI through Spring AI) for every module, and the one AI cost ledger.
 * A feature opens a {@link Channel} to one model; every call through it is PII-redacted ({@link PiiRedactor}) before it
 * leaves, bounded by the channel's timeout (the SDK's own retries off), guarded by the channel's circuit breaker (open
 * after 5 consecutive failures, for 30 s), checked by the caller's validator, counted in
 * {@code omniops.ml_api.errors{feature,reason}} when it fails, and written to {@code ai_usage} (customer, conversation,
 * feature, model, tokens, cost from a list-price table, latency, outcome). The daily cost gauge
 * {@code omniops.ml_api.cost_daily}, the cost alert and System health read that ledger, so they see every call.
 *
 * <p>Why one long file: this is the module's public API for AI calls, and its types are what other modules hold
 * ({@link Channel}, {@link Answer}, {@link Outcome}, {@link Format}, {@link Ledger}). They live together so that the one
 * way to a model reads as one page; the call itself is in named steps ({@link Channel#call}).
 *
 * @see <a href="../../../../../../docs/decisions/019-module-api-style.md">decision 019</a>
 */
@Service
public class AiGateway {

    public static final String ERRORS_METRIC = "omniops.ml_api.errors";
    public static final String COST_DAILY_METRIC = "omniops.ml_api.cost_daily";

    private static final Logger log = LoggerFactory.getLogger(AiGateway.class);

    /** USD per million prompt / completion tokens (public list prices; unknown models cost 0). */
    private static final Map<String, double[]> PRICES = Map.of(
            "gpt-4o-mini", new double[] {0.15, 0.60},
            "gpt-4o", new double[] {2.50, 10.00},
            "gpt-4.1-mini", new double[] {0.40, 1.60},
            "gpt-4.1", new double[] {2.00, 8.00});

    /** How a call went, as stored in {@code ai_usage.outcome}. */
    public enum Outcome {
        SUCCESS,
        TIMEOUT,
        RATE_LIMITED,
        ERROR,
        INVALID_OUTPUT,
        CIRCUIT_OPEN;

        public String key() {
            return name().toLowerCase();
        }
    }

    /** What the answer must look like: free text, or one JSON object. */
    public enum Format {
        TEXT(0.3),
        JSON(0.0);

        final double temperature;

        Format(double temperature) {
            this.temperature = temperature;
        }
    }

    /** Where a channel writes each call; {@link AiGateway#record} in the application. Never throws. */
    @FunctionalInterface
    public interface Ledger {
        void record(
                CustomerId customer,
                @Nullable ConversationId conversation,
                String feature,
                String model,
                int promptTokens,
                int completionTokens,
                long latencyMillis,
                Outcome outcome);
    }

    /** The answer of one call: the validated value only on {@link Outcome#SUCCESS}. */
    public record Answer<T>(Outcome outcome, @Nullable T value) {

        public Optional<T> result() {
            return Optional.ofNullable(value);
        }
    }

    private final AiSettings settings;
    private final Environment environment;
    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final MeterRegistry meters;
    private final TenancyManagement tenancy;
    private final AtomicReference<Double> today = new AtomicReference<>(0.0);

    AiGateway(
            AiSettings settings,
            Environment environment,
            JdbcClient jdbc,
            TenantTransactions transactions,
            MeterRegistry meters,
            TenancyManagement tenancy) {
        this.tenancy = tenancy;
        this.settings = settings;
        this.environment = environment;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        Gauge.builder(COST_DAILY_METRIC, today, AtomicReference::get)
                .description("USD spent on external AI models since midnight UTC")
                .baseUnit("usd")
                .register(meters);
    }

    /** The settings of the models ({@code OPENAI_API_KEY}, {@code OPENAI_MODEL_*}). */
    public AiSettings settings() {
        return settings;
    }

    /**
     * A channel to {@code model} for {@code feature} with the configured key and base URL; empty without
     * {@code OPENAI_API_KEY} (the feature then runs in process only).
     */
    public Optional<Channel> channel(String feature, String model, Duration timeout, Format format) {
        if (!settings.openaiConfigured()) {
            return Optional.empty();
        }
        var baseUrl = environment.getProperty("spring.ai.openai.base-url", "https://api.openai.com/v1");
        return Optional.of(channel(feature, baseUrl, settings.openaiApiKey(), model, timeout, format));
    }

    /** A channel to another endpoint (a WireMock stub in tests), recorded in this ledger like any other. */
    public Channel channel(
            String feature, String baseUrl, @Nullable String apiKey, String model, Duration timeout, Format format) {
        return Channel.of(
                feature,
                chatClient(apiKey, baseUrl, model, timeout, format),
                model,
                timeout,
                this::record,
                meters,
                Clock.systemUTC());
    }

    /** A client for one model with the SDK's own retries off (the breaker and the caller's fallback decide). */
    public static ChatClient chatClient(
            @Nullable String apiKey, String baseUrl, String model, Duration timeout, Format format) {
        var options = OpenAiChatOptions.builder()
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .model(model)
                .maxRetries(0)
                .timeout(timeout.plusMillis(500))
                .temperature(format.temperature);
        if (format == Format.JSON) {
            options.responseFormat(OpenAiChatModel.ResponseFormat.builder()
                    .type(OpenAiChatModel.ResponseFormat.Type.JSON_OBJECT)
                    .build());
        }
        return ChatClient.create(
                OpenAiChatModel.builder().options(options.build()).build());
    }

    // ---- the ledger

    /** Records one external model call in {@code ai_usage}, priced per model; never throws. */
    public void record(
            CustomerId customer,
            @Nullable ConversationId conversation,
            String feature,
            String model,
            int promptTokens,
            int completionTokens,
            long latencyMillis,
            Outcome outcome) {
        try {
            transactions.inTenant(
                    customer,
                    () -> jdbc.sql("""
                    insert into ai_usage (id, customer_id, conversation_id, feature, model, prompt_tokens,
                                          completion_tokens, cost_usd, latency_ms, outcome)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                            .params(
                                    UUID.randomUUID(),
                                    customer.value(),
                                    conversation == null ? null : conversation.value(),
                                    feature,
                                    model,
                                    promptTokens,
                                    completionTokens,
                                    cost(model, promptTokens, completionTokens),
                                    (int) Math.min(latencyMillis, Integer.MAX_VALUE),
                                    outcome.key())
                            .update());
        } catch (RuntimeException e) {
            log.warn("AI usage not recorded for customer {}: {}", customer, e.toString());
        }
    }

    static BigDecimal cost(String model, int promptTokens, int completionTokens) {
        var price = PRICES.get(model);
        if (price == null) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf((promptTokens * price[0] + completionTokens * price[1]) / 1_000_000.0)
                .setScale(6, RoundingMode.HALF_UP);
    }

    /**
     * External AI use per customer and model since the given instant, every feature, most expensive first (platform
     * staff only). Customers' names come from the tenancy module, which owns them.
     */
    public List<AiCost> costSince(Instant since) {
        record Row(UUID customer, String model, long calls, long failures, BigDecimal cost) {}
        var rows = transactions.asPlatform(
                "AI cost report",
                () -> jdbc.sql("""
                select customer_id, model, count(*) as calls, count(*) filter (where outcome <> 'success') as failures,
                       coalesce(sum(cost_usd), 0) as cost
                  from ai_usage
                 where created_at >= ?
                 group by customer_id, model""")
                        .param(Timestamp.from(since))
                        .query((rs, i) -> new Row(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getBigDecimal(5)))
                        .list());
        if (rows.isEmpty()) {
            return List.of();
        }
        var names = new HashMap<UUID, String>();
        tenancy.allCustomers().forEach(c -> names.put(c.id().value(), c.name()));
        return rows.stream()
                .map(r -> new AiCost(
                        r.customer(),
                        names.getOrDefault(r.customer(), r.customer().toString()),
                        r.model(),
                        r.calls(),
                        r.failures(),
                        r.cost()))
                .sorted(Comparator.comparing(AiCost::costUsd).reversed().thenComparing(AiCost::customerName))
                .toList();
    }

    /** Recomputes today's cost (UTC) for the gauge; every minute. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 5_000)
    public void refreshCostToday() {
        var midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        today.set(transactions
                .asPlatform(
                        "AI cost today",
                        () -> jdbc.sql("select coalesce(sum(cost_usd), 0) from ai_usage where created_at >= ?")
                                .param(Timestamp.from(midnight))
                                .query(BigDecimal.class)
                                .single())
                .doubleValue());
    }

    /** USD spent on external AI models today (UTC), as published in {@code omniops.ml_api.cost_daily}. */
    public double costTodayUsd() {
        return today.get();
    }

    /**
     * A line to one model for one feature: its client, timeout and circuit breaker. Thread-safe; close it when the
     * feature is reconfigured or the application stops.
     */
    public static final class Channel implements AutoCloseable {

        private final String feature;
        private final ChatClient chat;
        private final String model;
        private final Duration timeout;
        private final CircuitBreaker breaker;
        private final Ledger ledger;
        private final MeterRegistry meters;
        private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

        private Channel(
                String feature,
                ChatClient chat,
                String model,
                Duration timeout,
                CircuitBreaker breaker,
                Ledger ledger,
                MeterRegistry meters) {
            this.feature = feature;
            this.chat = chat;
            this.model = model;
            this.timeout = timeout;
            this.breaker = breaker;
            this.ledger = ledger;
            this.meters = meters;
        }

        /** A channel over a client of the caller's (tests without Spring: their own ledger and meters). */
        public static Channel of(
                String feature,
                ChatClient chat,
                String model,
                Duration timeout,
                Ledger ledger,
                MeterRegistry meters,
                Clock clock) {
            return new Channel(
                    feature,
                    chat,
                    model,
                    timeout,
                    new CircuitBreaker("openai-" + feature, 5, Duration.ofSeconds(30), clock),
                    ledger,
                    meters);
        }

        public String model() {
            return model;
        }

        public Duration timeout() {
            return timeout;
        }

        /** Open: calls are turned away without reaching the model. */
        public boolean circuitOpen() {
            return breaker.open();
        }

        /**
         * Asks the model: {@code user} is PII-redacted first; the answer's text goes through {@code validate}, whose
         * {@code null} (or exception) makes the call {@link Outcome#INVALID_OUTPUT}. Never throws; every outcome is in
         * the ledger.
         */
        public <T> Answer<T> call(
                CustomerId customer,
                @Nullable ConversationId conversation,
                String system,
                String user,
                Function<String, @Nullable T> validate) {
            if (!breaker.allows()) {
                return failed(
                        customer, conversation, System.nanoTime(), Outcome.CIRCUIT_OPEN, 0, 0, "circuit open", false);
            }
            var redacted = PiiRedactor.redactText(user);
            var started = System.nanoTime();
            var reply = ask(system, redacted);
            if (reply.failure() != null) {
                return failed(customer, conversation, started, reply.failure(), 0, 0, reply.detail(), true);
            }
            var response = reply.response();
            var usage = Usage.of(response);
            var text = response == null || response.getResult() == null
                    ? null
                    : response.getResult().getOutput().getText();
            var value = validated(text, validate);
            if (value == null) {
                return failed(
                        customer,
                        conversation,
                        started,
                        Outcome.INVALID_OUTPUT,
                        usage.prompt(),
                        usage.completion(),
                        "not the expected answer: " + abbreviate(text),
                        true);
            }
            breaker.success();
            ledger.record(
                    customer,
                    conversation,
                    feature,
                    model,
                    usage.prompt(),
                    usage.completion(),
                    millisSince(started),
                    Outcome.SUCCESS);
            return new Answer<>(Outcome.SUCCESS, value);
        }

        /** The model's response, or why there is none (timeout, rate limit, error). */
        private record Reply(
                @Nullable ChatResponse response, @Nullable Outcome failure, String detail) {}

        /** Asks on a virtual thread of its own and waits at most the timeout (the SDK's own retries are off). */
        private Reply ask(String system, String redacted) {
            var future = calls.submit(
                    () -> chat.prompt().system(system).user(redacted).call().chatResponse());
            try {
                return new Reply(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS), null, "");
            } catch (TimeoutException e) {
                future.cancel(true);
                return new Reply(null, Outcome.TIMEOUT, "no answer within " + timeout);
            } catch (ExecutionException e) {
                var cause = e.getCause() == null ? e : e.getCause();
                return new Reply(null, rateLimited(cause) ? Outcome.RATE_LIMITED : Outcome.ERROR, cause.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(null, Outcome.ERROR, "interrupted");
            }
        }

        /** The tokens a response reports (0 when it reports none). */
        private record Usage(int prompt, int completion) {
            static Usage of(@Nullable ChatResponse response) {
                if (response == null
                        || response.getMetadata() == null
                        || response.getMetadata().getUsage() == null) {
                    return new Usage(0, 0);
                }
                var usage = response.getMetadata().getUsage();
                return new Usage(
                        usage.getPromptTokens() == null ? 0 : usage.getPromptTokens(),
                        usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens());
            }
        }

        /** The caller's validation of a non-blank answer; null (also when it throws) means an invalid answer. */
        private static <T> @Nullable T validated(@Nullable String text, Function<String, @Nullable T> validate) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return validate.apply(text);
            } catch (RuntimeException e) {
                return null;
            }
        }

        private <T> Answer<T> failed(
                CustomerId customer,
                @Nullable ConversationId conversation,
                long started,
                Outcome outcome,
                int promptTokens,
                int completionTokens,
                String detail,
                boolean tried) {
            if (tried) {
                breaker.failure();
                log.warn("OpenAI {} call failed ({}), in-process fallback: {}", feature, outcome.key(), detail);
            }
            Counter.builder(ERRORS_METRIC)
                    .description("Failed or skipped external model calls")
                    .tag("feature", feature)
                    .tag("reason", outcome.key())
                    .register(meters)
                    .increment();
            ledger.record(
                    customer,
                    conversation,
                    feature,
                    model,
                    promptTokens,
                    completionTokens,
                    tried ? millisSince(started) : 0,
                    outcome);
            return new Answer<>(outcome, null);
        }

        private static boolean rateLimited(Throwable e) {
            for (var t = e; t != null; t = t.getCause()) {
                var name = t.getClass().getSimpleName();
                if (name.contains("RateLimit")
                        || (t.getMessage() != null && t.getMessage().contains("429"))) {
                    return true;
                }
            }
            return false;
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
    }
}
