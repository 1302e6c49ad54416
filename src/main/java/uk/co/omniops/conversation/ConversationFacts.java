package uk.co.omniops.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the listeners of a message need to know about its conversation, read once in a bounded read (one row and
 * the newest {@link #RECENT} messages, no internal notes) and carried in the event, so that no listener loads the
 * conversation again (docs/decisions/009-analysis-pipeline.md).
 *
 * @param waitingSince the contact's oldest message after the last agent reply; null when nobody waits
 * @param recent the newest messages (no internal notes), oldest first, at most {@link #RECENT}
 */
public record ConversationFacts(
        ConversationId id,
        ConversationStatus status,
        Priority priority,
        @Nullable UUID assigneeId,
        @Nullable String assigneeName,
        Instant startedAt,
        int messageCount,
        @Nullable Instant waitingSince,
        String contactName,
        @Nullable String contactEmail,
        boolean vip,
        List<RecentMessage> recent) {

    /** How many of the newest messages travel with the facts. */
    public static final int RECENT = 10;

    public ConversationFacts {
        recent = List.copyOf(recent);
    }

    /** One of the newest messages of the conversation (never an internal note). */
    public record RecentMessage(MessageId id, AuthorType authorType, String text, Instant createdAt) {}

    /** How long the contact has waited for a reply at {@code at}; null when nobody waits. */
    public @Nullable Duration waitingAt(Instant at) {
        return waitingSince == null || waitingSince.isAfter(at) ? null : Duration.between(waitingSince, at);
    }

    /** The message among the recent ones, if it is one of them. */
    public Optional<RecentMessage> recentMessage(MessageId message) {
        return recent.stream().filter(m -> m.id().equals(message)).findFirst();
    }

    /** The newest contact message among the recent ones. */
    public Optional<RecentMessage> latestContactMessage() {
        return recent.reversed().stream()
                .filter(m -> m.authorType() == AuthorType.CONTACT)
                .findFirst();
    }

    /** Whether an agent replied after the message (among the recent ones). */
    public boolean answeredAfter(MessageId message) {
        var after = false;
        for (var m : recent) {
            if (m.id().equals(message)) {
                after = true;
            } else if (after && m.authorType() == AuthorType.AGENT) {
                return true;
            }
        }
        return false;
    }
}
