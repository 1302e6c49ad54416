package uk.co.omniops.suggestion.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationFacts;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;

/** What suggestions read of a conversation: contact, assignee and its newest messages (no notes), oldest first. */
record SuggestionThread(
        ConversationId id,
        String contactName,
        @Nullable String contactEmail,
        @Nullable String assigneeName,
        List<Line> lines) {

    record Line(MessageId id, AuthorType authorType, String text) {}

    static SuggestionThread of(ConversationFacts facts) {
        return new SuggestionThread(
                facts.id(),
                facts.contactName(),
                facts.contactEmail(),
                facts.assigneeName(),
                facts.recent().stream()
                        .map(m -> new Line(m.id(), m.authorType(), m.text()))
                        .toList());
    }
}
