package uk.co.omniops.escalation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.tenancy.CustomerId;

/** A supervisor resolved an escalation (the conversation itself may stay open). */
public record EscalationResolved(EscalationId escalationId, ConversationId conversationId, CustomerId customerId,
        Severity severity, Instant resolvedAt, @Nullable String note) {}
