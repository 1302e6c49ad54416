package uk.co.omniops.conversation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import uk.co.omniops.tenancy.CustomerId;

/** A conversation got a new assignee ({@code null}: unassigned). */
public record ConversationAssigned(ConversationId conversationId, CustomerId customerId, @Nullable UUID assigneeId) {}
