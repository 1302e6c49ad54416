package uk.co.omniops.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.Message;

/**
 * One row of the supervisors' desk: the escalation with who is waiting, about what and for how long.
 *
 * @param contactName the person writing; {@code contactEmail} may be null
 * @param subject the conversation's subject
 * @param waiting how long the contact has waited for a reply now; null when an agent answered last
 * @param slaMinutes the customer's first-response SLA in minutes
 * @param messages the conversation's visible messages (customer text: render as text), for the detail
 */
public record EscalationDeskRow(
        Escalation escalation,
        String contactName,
        @Nullable String contactEmail,
        String subject,
        String channel,
        @Nullable Duration waiting,
        int slaMinutes,
        List<Message> messages) {

    public EscalationDeskRow {
        messages = List.copyOf(messages);
    }

    /** Time left before the first-response SLA is breached (negative once past it); null when nobody waits. */
    public @Nullable Duration slaLeft() {
        return waiting == null ? null : Duration.ofMinutes(slaMinutes).minus(waiting);
    }

    /**
     * The reason without the message excerpt and scores, first letter capitalised: "Asked for a manager; 2 angry
     * messages in a row; furious message".
     */
    public String summary() {
        return summarise(escalation.reason());
    }

    /** {@link #summary()} of any escalation reason. */
    public static String summarise(String reason) {
        int quote = reason.lastIndexOf(" on “");
        if (quote > 0) {
            reason = reason.substring(0, quote);
        }
        reason = reason.replaceAll("\\s*\\((score|sentiment) [^)]*\\)", "").strip();
        // "angry message" already says what "sounded angry" adds
        if (reason.matches(".*\\b(angry|furious) message.*")) {
            reason = reason.replace("; sounded angry", "").replaceFirst("^sounded angry; ", "");
        }
        return reason.isEmpty() ? "" : reason.substring(0, 1).toUpperCase(Locale.ROOT) + reason.substring(1);
    }

    /** When the escalation opened, for sorting and ages. */
    public Instant openedAt() {
        return escalation.openedAt();
    }
}
