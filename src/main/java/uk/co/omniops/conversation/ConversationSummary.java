package uk.co.omniops.conversation;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One inbox row. {@code waitingSince} is the time of the oldest customer message not yet answered by an
 * agent (null when nobody is waiting).
 */
public record ConversationSummary(ConversationId id, String contactName, String subject, ConversationStatus status,
        Priority priority, @Nullable UUID assigneeId, @Nullable String assigneeName, String lastMessagePreview,
        @Nullable Instant lastCustomerMessageAt, @Nullable Instant waitingSince, int messageCount, Instant updatedAt) {}
