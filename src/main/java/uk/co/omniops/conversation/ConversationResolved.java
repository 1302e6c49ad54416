package uk.co.omniops.conversation;

import java.time.Instant;

import uk.co.omniops.tenancy.CustomerId;

/** A conversation was marked resolved. */
public record ConversationResolved(ConversationId conversationId, CustomerId customerId, Instant resolvedAt) {}
