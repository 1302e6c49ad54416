package uk.co.omniops.suggestion;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;

/**
 * One suggested reply as shown to an agent. {@code text} has its variables filled; what could not be filled is a
 * visible placeholder such as {@code [order number]}, never a raw {@code {{…}}}.
 *
 * @param source {@code library}, {@code knowledge}, {@code past_reply} or {@code llm}
 * @param sourceRef the library entry, snippet or reply pair id; the model for an LLM draft
 * @param sourceTitle where it came from, for people: the entry's or article's title, or "Past reply"
 * @param score 0…1 after blending (see decision 006)
 * @param reason why, for people: matched category, matched words, acceptance so far
 * @param rank 1 = best; an LLM draft has rank 0 (shown first)
 * @param status shown, accepted, edited or ignored
 */
public record Suggestion(
        UUID id,
        ConversationId conversationId,
        @Nullable MessageId messageId,
        String source,
        @Nullable String sourceRef,
        String sourceTitle,
        String text,
        double score,
        String reason,
        int rank,
        String status,
        Instant createdAt) {

    public static final String LIBRARY = "library";
    public static final String KNOWLEDGE = "knowledge";
    public static final String PAST_REPLY = "past_reply";
    public static final String LLM = "llm";
}
