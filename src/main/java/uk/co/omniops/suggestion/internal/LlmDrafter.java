package uk.co.omniops.suggestion.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.AiGateway;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.suggestion.SuggestionSettings;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Drafts one reply with OpenAI ({@code OPENAI_MODEL_SUGGESTIONS}) when {@code OPENAI_API_KEY} is set, grounded in the
 * top retrieved sources, through the analysis module's {@link AiGateway} (PII redaction of everything sent,
 * {@code SUGGESTION_GENERATION_TIMEOUT}, a circuit breaker: 5 consecutive failures open it for 30 s, and the one
 * {@code ai_usage} ledger, feature {@code response-suggestions}, with the conversation). Runs on a virtual thread after
 * the in-process suggestions were stored and pushed: nobody waits for it; on any failure they stand alone.
 */
@Component
class LlmDrafter implements DisposableBean {

    static final String FEATURE = "response-suggestions";

    private static final Logger log = LoggerFactory.getLogger(LlmDrafter.class);
    private static final String SYSTEM = """
            You draft one reply for a customer-service agent, who will review and edit it before sending.
            Use only facts from the SOURCES; never invent policies, amounts, dates or order details. If the sources do not
            answer the question, write a short, polite reply asking for the missing detail. Plain text, at most 90 words,
            no subject line, no signature. Placeholders like [EMAIL] or [order number] stand for data you must not guess;
            keep them as they are.""";

    private final ExecutorService drafts = Executors.newVirtualThreadPerTaskExecutor();
    private final AiGateway gateway;
    private final SuggestionSettings settings;
    private volatile AiGateway.@Nullable Channel channel;

    LlmDrafter(AiGateway gateway, SuggestionSettings settings) {
        this.gateway = gateway;
        this.settings = settings;
        reset();
    }

    /** Back to the configuration: OpenAI when a key is set, otherwise off. */
    void reset() {
        var model = gateway.settings().modelSuggestions();
        replace(gateway.channel(FEATURE, model, settings.generationTimeout(), AiGateway.Format.TEXT)
                .orElse(null));
        if (channel != null) {
            log.info("Suggestions: LLM drafts with {} (timeout {})", model, settings.generationTimeout());
        }
    }

    /** Tests: draft against another endpoint (e.g. WireMock) with its own timeout. */
    void use(String baseUrl, String model, Duration timeout) {
        replace(gateway.channel(FEATURE, baseUrl, "sk-test", model, timeout, AiGateway.Format.TEXT));
    }

    /** A replaced channel is not closed: a draft may still be running on it (tests swap channels). */
    private void replace(AiGateway.@Nullable Channel next) {
        channel = next;
    }

    boolean active() {
        return channel != null;
    }

    /** Starts a draft in the background; {@code onDraft(text, model)} is called only on success. */
    void draftLater(
            CustomerId customer,
            ConversationId conversation,
            String message,
            List<Ranker.Ranked> sources,
            VariableFiller.Facts facts,
            BiConsumer<String, String> onDraft) {
        var current = channel;
        if (current == null) {
            return;
        }
        drafts.submit(() -> {
            try {
                draft(current, customer, conversation, message, sources, facts)
                        .ifPresent(t -> onDraft.accept(t, current.model()));
            } catch (RuntimeException e) {
                log.warn("LLM draft not stored for conversation {}: {}", conversation, e.toString());
            }
        });
    }

    Optional<String> draft(
            AiGateway.Channel channel,
            CustomerId customer,
            ConversationId conversation,
            String message,
            List<Ranker.Ranked> sources,
            VariableFiller.Facts facts) {
        var prompt = new StringBuilder("SOURCES:\n");
        int i = 1;
        for (var s : sources) {
            prompt.append(i++)
                    .append(". [")
                    .append(s.candidate().source())
                    .append(": ")
                    .append(s.candidate().title())
                    .append("] ")
                    .append(VariableFiller.fill(s.candidate().text(), anonymous(facts)))
                    .append('\n');
        }
        prompt.append("\nCUSTOMER MESSAGE:\n").append(message);
        // the gateway redacts personal data from the whole prompt; the model sees placeholders, and the contact's own
        // details are put back where it kept them
        var answer = channel.call(
                customer,
                conversation,
                SYSTEM,
                prompt.toString(),
                text -> text.isBlank() || text.length() > 4000 ? null : text.strip());
        return answer.result().map(text -> restore(text, facts));
    }

    /** The contact's name and e-mail stay out of the prompt; order numbers and dates are not personal data. */
    private static VariableFiller.Facts anonymous(VariableFiller.Facts f) {
        return new VariableFiller.Facts(null, null, f.orderNumber(), f.date(), null, f.customerName());
    }

    private static String restore(String text, VariableFiller.Facts f) {
        var out = text;
        if (f.contactName() != null) {
            out = out.replace("[first name]", f.contactName().split("\\s+")[0])
                    .replace("[contact name]", f.contactName());
        }
        if (f.contactEmail() != null) {
            out = out.replace("[EMAIL]", f.contactEmail()).replace("[email]", f.contactEmail());
        }
        if (f.agentName() != null) {
            out = out.replace("[agent name]", f.agentName());
        }
        return out;
    }

    @Override
    public void destroy() {
        drafts.shutdownNow();
        var current = channel;
        if (current != null) {
            current.close();
        }
    }
}
