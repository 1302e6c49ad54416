package uk.co.omniops.conversation;

import java.time.Instant;
import java.util.UUID;
import uk.co.omniops.tenancy.CustomerId;

/**
 * A conversation was marked resolved.
 *
 * @param resolvedBy the agent or supervisor who resolved it (the escalation module names them when it closes the
 *                   conversation's open escalation)
 */
public record ConversationResolved(
        ConversationId conversationId, CustomerId customerId, Instant resolvedAt, UUID resolvedBy) {}
