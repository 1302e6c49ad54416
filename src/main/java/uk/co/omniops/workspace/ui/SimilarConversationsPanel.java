package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Objects;
import uk.co.omniops.analysis.SimilarConversation;
import uk.co.omniops.conversation.ConversationNavigation;

/**
 * Up to three resolved conversations of the same customer that read like the open one, each with what the contact
 * asked and the last agent reply that resolved it; a click opens it. Customer text is shown with {@code setText}.
 * Redrawn only when the list changes (the panel is refreshed on every live update of the conversation).
 *
 * @see <a href="../../../../../../../../docs/decisions/018-similar-conversations.md">decision 018</a>
 */
class SimilarConversationsPanel extends Div {

    static final int LIMIT = 3;
    private List<SimilarConversation> shown = List.of();

    SimilarConversationsPanel() {
        setId("similar-conversations");
        addClassName("omniops-similar");
        getElement().setAttribute("role", "region");
        getElement().setAttribute("aria-label", "Similar resolved conversations");
        setVisible(false);
    }

    void show(List<SimilarConversation> similar) {
        if (similar.equals(shown)) {
            return;
        }
        shown = List.copyOf(similar);
        removeAll();
        setVisible(!similar.isEmpty());
        if (similar.isEmpty()) {
            return;
        }
        add(new H3("Similar resolved conversations"));
        for (var s : similar) {
            var link = new Anchor(ConversationNavigation.conversation(s.conversationId()), "");
            link.addClassName("omniops-similar-item");
            link.getElement()
                    .setAttribute("data-conversation-id", s.conversationId().toString());
            link.getElement().setAttribute("aria-label", "Similar conversation: " + s.subject());
            var asked = new Span(s.asked());
            asked.addClassName("omniops-similar-asked");
            asked.getElement().setAttribute("title", s.asked());
            var label = new Span("Resolved with");
            label.addClassName("omniops-fact-label");
            var resolution =
                    new Paragraph(Objects.requireNonNullElse(s.resolution(), "Resolved without an agent reply."));
            resolution.addClassName("omniops-similar-resolution");
            resolution.getElement().setAttribute("title", resolution.getText());
            var match = new Span(Math.round(s.similarity() * 100) + "% similar");
            match.addClassName("omniops-similar-score");
            link.add(asked, label, resolution, match);
            add(link);
        }
    }
}
