package uk.co.omniops.suggestion.internal;

import uk.co.omniops.platform.CircuitBreaker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import uk.co.omniops.analysis.PiiRedactor;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.platform.AiSettings;
import uk.co.omniops.suggestion.SuggestionSettings;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Drafts one reply with OpenAI ({@code OPENAI_MODEL_SUGGESTIONS}) when {@code OPENAI_API_KEY} is set, grounded in the
 * top retrieved sources, after PII redaction of everything sent. Runs on a virtual thread after the in-process
 * suggestions were stored and pushed: nobody waits for it. Bounded by {@code SUGGESTION_GENERATION_TIMEOUT} and a
 * circuit breaker (5 consecutive failures open it for 30 s); on any failure the in-process suggestions stand alone.
 * Every call (also skipped ones) goes to {@code suggestion_ai_usage} with tokens, cost, latency and outcome.
 */
@Component
class LlmDrafter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LlmDrafter.class);
    private static final String SYSTEM = """
            You draft one reply for a customer-service agent, who will review and edit it before sending.
            Use only facts from the SOURCES; never invent policies, amounts, dates or order details. If the sources do not
            answer the question, write a short, polite reply asking for the missing detail. Plain text, at most 90 words,
            no subject line, no signature. Placeholders like [EMAIL] or [order number] stand for data you must not guess;
            keep them as they are.""";
    /** USD per million prompt / completion tokens (public list prices; unknown models cost 0). */
    private static final Map<String, double[]> PRICES = Map.of(
            "gpt-4o-mini", new double[] {0.15, 0.60},
            "gpt-4o", new double[] {2.50, 10.00},
            "gpt-4.1-mini", new double[] {0.40, 1.60},
            "gpt-4.1", new double[] {2.00, 8.00});

    private final SuggestionStore store;
    private final TenantTransactions transactions;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final AiSettings ai;
    private final Environment environment;
    private final SuggestionSettings settings;
    private volatile @Nullable Engine engine;

    /** One configured client; tests swap it for a WireMock-backed one ({@link #use}). */
    record Engine(ChatClient chat, String model, Duration timeout, CircuitBreaker breaker) {}

    private final uk.co.omniops.analysis.AnalysisManagement costLedger;

    LlmDrafter(SuggestionStore store, TenantTransactions transactions, AiSettings ai, Environment environment,
            SuggestionSettings settings, uk.co.omniops.analysis.AnalysisManagement costLedger) {
        this.costLedger = costLedger;
        this.store = store;
        this.transactions = transactions;
        this.ai = ai;
        this.environment = environment;
        this.settings = settings;
        reset();
    }

    /** Back to the configuration: OpenAI when a key is set, otherwise off. */
    void reset() {
        if (ai.openaiConfigured()) {
            var baseUrl = environment.getProperty("spring.ai.openai.base-url", "https://api.openai.com/v1");
            engine = new Engine(chatClient(ai.openaiApiKey(), baseUrl, ai.modelSuggestions(), settings.generationTimeout()),
                    ai.modelSuggestions(), settings.generationTimeout(), new CircuitBreaker("openai-suggestions", 5, Duration.ofSeconds(30),
                            Clock.systemUTC()));
            log.info("Suggestions: LLM drafts with {} (timeout {})", ai.modelSuggestions(), settings.generationTimeout());
        } else {
            engine = null;
        }
    }

    /** Tests: draft against another endpoint (e.g. WireMock) with its own timeout. */
    void use(String baseUrl, String model, Duration timeout) {
        engine = new Engine(chatClient("sk-test", baseUrl, model, timeout), model, timeout,
                new CircuitBreaker("openai-suggestions", 5, Duration.ofSeconds(30), Clock.systemUTC()));
    }

    boolean active() {
        return engine != null;
    }

    static ChatClient chatClient(@Nullable String apiKey, String baseUrl, String model, Duration timeout) {
        var options = OpenAiChatOptions.builder()
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .model(model)
                .maxRetries(0)
                .timeout(timeout.plusMillis(500))
                .temperature(0.3)
                .build();
        return ChatClient.create(OpenAiChatModel.builder().options(options).build());
    }

    /** Starts a draft in the background; {@code onDraft(text, model)} is called only on success. */
    void draftLater(CustomerId customer, ConversationId conversation, String message, List<Ranker.Ranked> sources,
            VariableFiller.Facts facts, BiConsumer<String, String> onDraft) {
        var current = engine;
        if (current == null) {
            return;
        }
        calls.submit(() -> {
            try {
                draft(current, customer, conversation, message, sources, facts).ifPresent(t -> onDraft.accept(t, current.model()));
            } catch (RuntimeException e) {
                log.warn("LLM draft not stored for conversation {}: {}", conversation, e.toString());
            }
        });
    }

    java.util.Optional<String> draft(Engine e, CustomerId customer, ConversationId conversation, String message,
            List<Ranker.Ranked> sources, VariableFiller.Facts facts) {
        if (!e.breaker().allows()) {
            record(customer, conversation, e.model(), 0, 0, 0, "circuit_open");
            return java.util.Optional.empty();
        }
        var prompt = new StringBuilder("SOURCES:\n");
        int i = 1;
        for (var s : sources) {
            prompt.append(i++).append(". [").append(s.candidate().source()).append(": ").append(s.candidate().title())
                    .append("] ").append(PiiRedactor.redactText(VariableFiller.fill(s.candidate().text(), anonymous(facts))))
                    .append('\n');
        }
        prompt.append("\nCUSTOMER MESSAGE:\n").append(PiiRedactor.redactText(message));
        var started = System.nanoTime();
        var future = calls.submit(() -> e.chat().prompt().system(SYSTEM).user(prompt.toString()).call().chatResponse());
        ChatResponse response;
        try {
            response = future.get(e.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException x) {
            future.cancel(true);
            return failed(e, customer, conversation, started, "timeout", "no answer within " + e.timeout());
        } catch (ExecutionException x) {
            return failed(e, customer, conversation, started, "error", String.valueOf(x.getCause()));
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return failed(e, customer, conversation, started, "error", "interrupted");
        }
        int promptTokens = 0;
        int completionTokens = 0;
        if (response != null && response.getMetadata() != null && response.getMetadata().getUsage() != null) {
            var usage = response.getMetadata().getUsage();
            promptTokens = usage.getPromptTokens() == null ? 0 : usage.getPromptTokens();
            completionTokens = usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens();
        }
        var text = response == null || response.getResult() == null ? null : response.getResult().getOutput().getText();
        if (text == null || text.isBlank() || text.length() > 4000) {
            e.breaker().failure();
            record(customer, conversation, e.model(), promptTokens, completionTokens, millisSince(started), "invalid_output");
            return java.util.Optional.empty();
        }
        e.breaker().success();
        record(customer, conversation, e.model(), promptTokens, completionTokens, millisSince(started), "success");
        // the model saw placeholders for personal data; put the contact's own details back where it kept them
        return java.util.Optional.of(restore(text.strip(), facts));
    }

    private java.util.Optional<String> failed(Engine e, CustomerId customer, ConversationId conversation, long started,
            String outcome, String detail) {
        e.breaker().failure();
        record(customer, conversation, e.model(), 0, 0, millisSince(started), outcome);
        log.warn("LLM draft failed ({}), in-process suggestions only: {}", outcome, detail);
        return java.util.Optional.empty();
    }

    private void record(CustomerId customer, ConversationId conversation, String model, int prompt, int completion,
            long latency, String outcome) {
        try {
            transactions.inTenant(customer, () -> {
                store.recordLlmCall(customer, conversation, model, prompt, completion, cost(model, prompt, completion),
                        latency, outcome);
                return null;
            });
            // the platform-wide AI cost ledger (daily cost gauge, alerts, System health)
            costLedger.recordAiUsage(customer, "response-suggestions", model, prompt, completion, latency, outcome);
        } catch (RuntimeException x) {
            log.warn("LLM usage not recorded for customer {}: {}", customer, x.toString());
        }
    }

    static BigDecimal cost(String model, int prompt, int completion) {
        var price = PRICES.get(model);
        if (price == null) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf((prompt * price[0] + completion * price[1]) / 1_000_000.0).setScale(6, RoundingMode.HALF_UP);
    }

    /** The contact's name and e-mail stay out of the prompt; order numbers and dates are not personal data. */
    private static VariableFiller.Facts anonymous(VariableFiller.Facts f) {
        return new VariableFiller.Facts(null, null, f.orderNumber(), f.date(), null, f.customerName());
    }

    private static String restore(String text, VariableFiller.Facts f) {
        var out = text;
        if (f.contactName() != null) {
            out = out.replace("[first name]", f.contactName().split("\\s+")[0]).replace("[contact name]", f.contactName());
        }
        if (f.contactEmail() != null) {
            out = out.replace("[EMAIL]", f.contactEmail()).replace("[email]", f.contactEmail());
        }
        if (f.agentName() != null) {
            out = out.replace("[agent name]", f.agentName());
        }
        return out;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }
}
