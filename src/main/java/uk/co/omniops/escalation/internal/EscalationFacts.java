package uk.co.omniops.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationDetails;

/** Conversation facts derived from the conversation module's public read model. */
final class EscalationFacts {

    private EscalationFacts() {}

    /**
     * How long the contact had been waiting at {@code at}: since their oldest message after the last agent reply
     * before {@code at}; null when nobody waited.
     */
    static @Nullable Duration waitingAt(ConversationDetails details, Instant at) {
        Instant since = null;
        for (var m : details.messages()) {
            if (m.internal() || m.createdAt().isAfter(at)) {
                continue;
            }
            if (m.authorType() == AuthorType.AGENT) {
                since = null;
            } else if (m.authorType() == AuthorType.CONTACT && since == null) {
                since = m.createdAt();
            }
        }
        return since == null ? null : Duration.between(since, at);
    }
}
