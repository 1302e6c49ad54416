package uk.co.omniops.escalation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * A conversation was escalated: a rule matched and no escalation was open for it (published in the same
 * transaction as the stored event; repeat matches of an open escalation publish nothing).
 */
public record ConversationEscalated(
        EscalationId escalationId,
        ConversationId conversationId,
        CustomerId customerId,
        @Nullable UUID ruleId,
        Severity severity,
        String reason,
        Instant openedAt) {}
