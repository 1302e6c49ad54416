package uk.co.omniops.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * One escalation of a conversation. {@code reason} may quote (PII-redacted) customer text: render it as text.
 *
 * @param ruleName the rule's name when it matched (kept if the rule is renamed or deleted)
 * @param matchCount how often rules matched while it was open (repeat matches add to it, never a new escalation)
 */
public record Escalation(
        EscalationId id,
        CustomerId customerId,
        ConversationId conversationId,
        @Nullable MessageId messageId,
        @Nullable UUID ruleId,
        @Nullable String ruleName,
        String reason,
        Severity severity,
        EscalationStatus status,
        Instant openedAt,
        Instant lastMatchedAt,
        int matchCount,
        @Nullable Instant acknowledgedAt,
        @Nullable String acknowledgedBy,
        @Nullable UUID assignedTo,
        @Nullable String assignedName,
        @Nullable Instant resolvedAt,
        @Nullable String resolvedBy,
        @Nullable String resolutionNote) {

    /** Time from opening to acknowledgement; empty until acknowledged. */
    public java.util.Optional<Duration> timeToAcknowledge() {
        return java.util.Optional.ofNullable(acknowledgedAt).map(at -> Duration.between(openedAt, at));
    }

    public boolean isOpen() {
        return status != EscalationStatus.RESOLVED;
    }
}
