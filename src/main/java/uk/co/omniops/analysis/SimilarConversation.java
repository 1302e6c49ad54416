package uk.co.omniops.analysis;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.ConversationId;

/**
 * A resolved conversation of the same customer that reads like another one (cosine of the mean sentence vectors of
 * their contact messages), with how it ended. Texts are customer text: render them as text.
 *
 * @param similarity cosine, 0…1 (only matches above a floor are returned)
 * @param asked its first contact message
 * @param resolution its last agent reply, null when an agent never replied
 */
public record SimilarConversation(
        ConversationId conversationId,
        double similarity,
        String subject,
        String asked,
        @Nullable String resolution,
        Instant resolvedAt) {}
