package uk.co.omniops.escalation.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the rules see for one conversation at one moment: the message that triggered the evaluation (absent for the
 * wait-time scheduler), the conversation's analysed contact messages (oldest first, the current one last) and
 * conversation facts read through the conversation module's API.
 *
 * @param text the current message's text, null when the trigger is not a message
 * @param waiting how long the contact has waited for an agent's reply; null when nobody waits
 * @param risk the latest predicted escalation risk, null until predictions exist
 * @param intents what the current message says it wants ({@link Intent#of}); for the wait-time scheduler, the
 *        newest contact message's (a thank-you or an empty message leaves nothing to wait for)
 * @param sla the customer's first-response SLA, which waiting conditions without minutes measure against; null:
 *        {@link #DEFAULT_SLA}
 */
public record Facts(
        @Nullable Signal current,
        @Nullable String text,
        List<Signal> history,
        @Nullable Duration waiting,
        boolean vip,
        @Nullable Double risk,
        Set<Intent> intents,
        @Nullable Duration sla) {

    /** The SLA of a customer that never set one (the {@code customers} column's default). */
    public static final Duration DEFAULT_SLA = Duration.ofMinutes(30);

    public Facts {
        history = List.copyOf(history);
        intents = intents.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(intents));
    }

    /** Facts measured against the default SLA. */
    public Facts(
            @Nullable Signal current,
            @Nullable String text,
            List<Signal> history,
            @Nullable Duration waiting,
            boolean vip,
            @Nullable Double risk,
            Set<Intent> intents) {
        this(current, text, history, waiting, vip, risk, intents, null);
    }

    /** The same facts measured against the customer's first-response SLA. */
    public Facts withSla(Duration sla) {
        return new Facts(current, text, history, waiting, vip, risk, intents, sla);
    }

    /** The first-response SLA waiting conditions without minutes measure against; never null. */
    public Duration slaOrDefault() {
        return sla == null ? DEFAULT_SLA : sla;
    }

    /** Facts whose intents are read from {@code text}. */
    public Facts(
            @Nullable Signal current,
            @Nullable String text,
            List<Signal> history,
            @Nullable Duration waiting,
            boolean vip,
            @Nullable Double risk) {
        this(current, text, history, waiting, vip, risk, text == null ? Set.of() : Intent.of(text));
    }

    /** Whether the message is a thank-you, a closing line or content-free: nothing to escalate or wait for. */
    public boolean nothingToActOn() {
        return intents.contains(Intent.THANKS) || intents.contains(Intent.CONTENT_FREE);
    }

    /** One analysed contact message. Score 0 (negative) … 1 (positive); null when sentiment was off. */
    public record Signal(
            @Nullable Double score,
            @Nullable String label,
            @Nullable Double confidence,
            Set<String> categories) {

        public Signal {
            categories = Set.copyOf(categories);
        }
    }
}
