package uk.co.omniops.escalation.internal;

import java.time.Duration;
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
 */
public record Facts(@Nullable Signal current, @Nullable String text, List<Signal> history, @Nullable Duration waiting,
        boolean vip, @Nullable Double risk) {

    public Facts {
        history = List.copyOf(history);
    }

    /** One analysed contact message. Score 0 (negative) … 1 (positive); null when sentiment was off. */
    public record Signal(@Nullable Double score, @Nullable String label, @Nullable Double confidence,
            Set<String> categories) {

        public Signal {
            categories = Set.copyOf(categories);
        }
    }
}
