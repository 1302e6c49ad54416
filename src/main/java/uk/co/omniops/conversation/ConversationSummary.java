package uk.co.omniops.conversation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One inbox row. {@code waitingSince} is the time of the oldest customer message not yet answered by an
 * agent (null when nobody is waiting). {@code sentimentScore} (0 negative … 1 positive) and
 * {@code sentimentLabel} are the latest analysed customer message's sentiment (null before the first analysis).
 */
public record ConversationSummary(
        ConversationId id,
        String contactName,
        String subject,
        ConversationStatus status,
        Priority priority,
        @Nullable UUID assigneeId,
        @Nullable String assigneeName,
        String lastMessagePreview,
        @Nullable Instant lastCustomerMessageAt,
        @Nullable Instant waitingSince,
        int messageCount,
        Instant updatedAt,
        @Nullable Double sentimentScore,
        @Nullable String sentimentLabel) {

    /** Without a sentiment. */
    public ConversationSummary(
            ConversationId id,
            String contactName,
            String subject,
            ConversationStatus status,
            Priority priority,
            @Nullable UUID assigneeId,
            @Nullable String assigneeName,
            String lastMessagePreview,
            @Nullable Instant lastCustomerMessageAt,
            @Nullable Instant waitingSince,
            int messageCount,
            Instant updatedAt) {
        this(
                id,
                contactName,
                subject,
                status,
                priority,
                assigneeId,
                assigneeName,
                lastMessagePreview,
                lastCustomerMessageAt,
                waitingSince,
                messageCount,
                updatedAt,
                null,
                null);
    }
}
