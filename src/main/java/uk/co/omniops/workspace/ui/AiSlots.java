package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.html.Div;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.escalation.EscalationBanner;
import uk.co.omniops.suggestion.SuggestionPanel;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The places where other modules' live components sit in the open conversation: the escalation banner above the
 * header and the suggested replies below the composer. Each is there only while its feature is on: a feature
 * switched off leaves no trace, without a reload.
 */
final class AiSlots {

    private final Workspace workspace;
    private final CustomerId customer;
    private final ConversationId id;
    private final UUID viewer;
    private final Consumer<String> insertSuggestion;
    private final Div escalation = ConversationLabels.slot("escalation-banner");
    private final Div suggestions = ConversationLabels.slot("suggested-replies");
    private @Nullable EscalationBanner banner;
    private @Nullable SuggestionPanel suggestionPanel;

    /** @param insertSuggestion puts a picked suggestion into the composer */
    AiSlots(
            Workspace workspace,
            CustomerId customer,
            ConversationId id,
            UUID viewer,
            Consumer<String> insertSuggestion) {
        this.workspace = workspace;
        this.customer = customer;
        this.id = id;
        this.viewer = viewer;
        this.insertSuggestion = insertSuggestion;
        suggestions.addClassName("omniops-suggestions-slot");
    }

    Div escalation() {
        return escalation;
    }

    Div suggestions() {
        return suggestions;
    }

    void render(ConversationState state) {
        renderEscalation(state.features().escalation());
        // nobody replies to a resolved conversation
        renderSuggestions(state.features().suggestions() && !state.resolved());
    }

    private void renderEscalation(boolean on) {
        if (on) {
            if (banner == null) {
                banner = new EscalationBanner(workspace.escalations(), workspace.liveUpdates(), customer, id);
                escalation.add(banner);
            } else {
                banner.refresh();
            }
        } else if (banner != null) {
            escalation.remove(banner);
            banner = null;
        }
    }

    private void renderSuggestions(boolean on) {
        if (on) {
            if (suggestionPanel == null) {
                suggestionPanel = new SuggestionPanel(
                        workspace.suggestions(),
                        workspace.liveUpdates(),
                        customer,
                        id,
                        viewer,
                        insertSuggestion::accept);
                suggestions.add(suggestionPanel);
                suggestionPanel.refresh();
            }
        } else if (suggestionPanel != null) {
            suggestions.remove(suggestionPanel);
            suggestionPanel = null;
        }
    }
}
