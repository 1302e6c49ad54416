package uk.co.omniops.workspace.ui;

import java.time.ZoneId;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.MessageAnalysis;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.MessageId;

/**
 * What one redraw of the open conversation shows, read once by {@link ConversationView#refresh()} and handed to each
 * of its parts.
 *
 * @param analyses the contact messages' analyses (empty while the analysis features are off)
 * @param categoryNames category key to display name (empty while categories are off)
 */
record ConversationState(
        ConversationDetails details,
        Workspace.Features features,
        Map<MessageId, MessageAnalysis> analyses,
        Map<String, String> categoryNames,
        ZoneId zone) {

    /** The analysis shown on a message: only a contact's messages (not notes) have one. */
    @Nullable
    MessageAnalysis analysisOf(Message m) {
        return m.authorType() == AuthorType.CONTACT && !m.internal() ? analyses.get(m.id()) : null;
    }

    boolean resolved() {
        return details.conversation().status() == ConversationStatus.RESOLVED;
    }
}
