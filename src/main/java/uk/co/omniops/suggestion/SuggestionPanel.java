package uk.co.omniops.suggestion;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.ShortcutRegistration;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.shell.LiveRefresh;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Up to three suggested replies for a conversation, under the composer: each card shows the text, where it came
 * from and why. Clicking a card (or Alt+1/2/3) puts its text into the composer through {@code insert}, where the
 * agent can still edit it; the module then learns from what is actually sent. Refreshes live on
 * {@code suggestions.ready}; hidden entirely when {@code response-suggestions} is off for the customer or there is
 * nothing to suggest. For the conversation workspace:
 *
 * <pre>{@code
 * var panel = new SuggestionPanel(suggestions, liveUpdates, customer, conversationId, agentId, composer::setValue);
 * suggestedRepliesSlot.add(panel);       // subscribes on attach, unsubscribes on detach
 * panel.setConversation(otherId);        // when the workspace switches conversation
 * }</pre>
 *
 * Customer text is rendered as text. Stable ids: {@code suggestion-panel}, cards {@code suggestion-1} … {@code -3}.
 */
public class SuggestionPanel extends Div {

    private static final Logger log = LoggerFactory.getLogger(SuggestionPanel.class);
    static final int CARDS = 3;
    /** Longer replies than this may not fit the card's few lines: the card offers to show them whole. */
    private static final int EXPANDABLE = 140;

    private final SuggestionManagement suggestions;
    private final CustomerId customer;
    private final UUID agentId;
    private final Consumer<String> insert;
    private final Div cards = new Div();
    private ConversationId conversation;
    private List<Suggestion> shown = List.of();
    private final List<Card> cardList = new java.util.ArrayList<>();
    private final List<ShortcutRegistration> shortcuts = new java.util.ArrayList<>();

    /**
     * @param insert puts text into the composer (replacing or appending is the workspace's choice)
     */
    public SuggestionPanel(
            SuggestionManagement suggestions,
            LiveUpdates liveUpdates,
            CustomerId customer,
            ConversationId conversation,
            UUID agentId,
            Consumer<String> insert) {
        this.suggestions = suggestions;
        this.customer = customer;
        this.conversation = conversation;
        this.agentId = agentId;
        this.insert = insert;
        setId("suggestion-panel");
        addClassName("omniops-suggestions");
        getElement().setAttribute("role", "region");
        getElement().setAttribute("aria-label", "Suggested replies");
        var title = new Span("Suggested replies");
        title.addClassName("omniops-suggestions-title");
        var hint = new Span("Alt+1–3 to insert");
        hint.addClassName("omniops-suggestions-hint");
        var header = new Div(VaadinIcon.LIGHTBULB.create(), title, hint);
        header.addClassName("omniops-suggestions-header");
        cards.addClassName("omniops-suggestions-cards");
        add(header, cards);
        setVisible(false);
        // several batches in a burst (the analysis, an LLM draft) redraw once
        LiveRefresh.whileAttached(
                this,
                liveUpdates,
                customer.value(),
                Duration.ofMillis(100),
                update -> update.is(LiveUpdate.Kind.SUGGESTIONS_READY)
                        && this.conversation.value().equals(update.subjectId()),
                updates -> refresh());
    }

    /** Shows another conversation's suggestions (the workspace reuses one panel). */
    public void setConversation(ConversationId conversation) {
        this.conversation = conversation;
        refresh();
    }

    /** Re-reads the suggestions (computing them when there are none yet). */
    public void refresh() {
        List<Suggestion> list;
        try {
            list = suggestions.enabled(customer) ? suggestions.suggestions(customer, conversation) : List.of();
        } catch (RuntimeException e) {
            log.warn("Suggestions unavailable for conversation {}: {}", conversation, e.toString());
            list = List.of();
        }
        var next = list.size() > CARDS ? List.copyOf(list.subList(0, CARDS)) : list;
        if (next.equals(shown)) {
            return; // unchanged: nothing is sent to the browser again
        }
        shown = next;
        // the cards stay and only their texts change: new suggestions arrive with every contact message
        for (int i = 0; i < CARDS; i++) {
            if (i < shown.size()) {
                if (i == cardList.size()) {
                    cardList.add(new Card(i + 1));
                    cards.add(cardList.get(i).card);
                }
                cardList.get(i).show(shown.get(i));
            } else if (i < cardList.size()) {
                cardList.get(i).card.setVisible(false);
            }
        }
        setVisible(!shown.isEmpty());
    }

    /**
     * One suggestion card: the whole reply (clamped to a few lines until the agent expands it) with its placeholders
     * highlighted, where it came from and why, and what to check before sending it (placeholders to fill, actions it
     * says were taken). The card's main button inserts it; its texts change with the suggestion it shows.
     */
    private final class Card {

        final Div card = new Div();
        final Button button = new Button();
        final Span text = new Span();
        final Span source = new Span();
        final Span reason = new Span();
        final Div checks = new Div();
        final Button expand = new Button("Show all");
        private boolean expanded;

        Card(int number) {
            text.addClassName("omniops-suggestion-text");
            source.addClassName("omniops-suggestion-source");
            reason.addClassName("omniops-suggestion-reason");
            var key = new Span("Alt+" + number);
            key.addClassName("omniops-suggestion-key");
            var meta = new Div(key, source, reason);
            meta.addClassName("omniops-suggestion-meta");
            var content = new Div(text, meta);
            button.getElement().appendChild(content.getElement());
            button.setId("suggestion-" + number);
            button.addClassName("omniops-suggestion");
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            // no aria-label: the card's visible text is its accessible name (axe: label-content-name-mismatch)
            button.getElement().setAttribute("title", "Insert suggestion " + number + " (Alt+" + number + ")");
            button.addClickListener(e -> pick(number));
            checks.addClassName("omniops-suggestion-checks");
            expand.setId("suggestion-" + number + "-expand");
            expand.addClassName("omniops-suggestion-expand");
            expand.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            expand.getElement().setAttribute("aria-controls", "suggestion-" + number);
            expand.addClickListener(e -> setExpanded(!expanded));
            card.setId("suggestion-card-" + number);
            card.addClassName("omniops-suggestion-card");
            var footer = new Div(checks, expand);
            footer.addClassName("omniops-suggestion-footer");
            card.add(button, footer);
            setExpanded(false);
        }

        void show(Suggestion s) {
            text.removeAll();
            for (var segment : ReplyChecks.segments(s.text())) {
                var piece = new Span(segment.text());
                if (segment.placeholder()) {
                    piece.addClassName("omniops-placeholder");
                }
                text.add(piece);
            }
            source.setText(sourceLabel(s));
            reason.setText(s.reason());
            checks.removeAll();
            var placeholders = ReplyChecks.placeholders(s.text());
            if (!placeholders.isEmpty()) {
                var fill = new Span("Fill in " + String.join(", ", placeholders));
                fill.addClassName("omniops-suggestion-check");
                fill.getElement().setAttribute("data-check", "placeholder");
                checks.add(fill);
            }
            var claims = ReplyChecks.claimedActions(s.text());
            if (!claims.isEmpty()) {
                var first = claims.getFirst();
                var words = first.length() <= 60
                        ? first
                        : "…" + ReplyChecks.claims(first).getFirst() + "…";
                var claim = new Span("Says it is done: “" + words + "”"
                        + (claims.size() > 1 ? " (+" + (claims.size() - 1) + " more)" : ""));
                // the card's line is short: the whole advice on hover and for screen readers
                claim.getElement()
                        .setAttribute(
                                "title",
                                "Says it is done: “" + String.join(" ", claims)
                                        + "”. Do it first, or make it an offer.");
                claim.addClassName("omniops-suggestion-check");
                claim.addClassName("omniops-suggestion-check--claim");
                claim.getElement().setAttribute("data-check", "claim");
                checks.add(claim);
            }
            checks.setVisible(!placeholders.isEmpty() || !claims.isEmpty());
            button.getElement().setAttribute("data-source", s.source());
            card.getElement().setAttribute("data-claims", String.valueOf(!claims.isEmpty()));
            // a short reply shows whole anyway
            expand.setVisible(s.text().length() > EXPANDABLE);
            setExpanded(false);
            card.setVisible(true);
        }

        private void setExpanded(boolean on) {
            expanded = on;
            card.getElement().getClassList().set("omniops-suggestion-card--expanded", on);
            expand.setText(on ? "Show less" : "Show all");
            expand.getElement().setAttribute("aria-expanded", String.valueOf(on));
        }
    }

    /** Inserts suggestion {@code number} (1-based) into the composer, as a click or Alt+number does. */
    public void pick(int number) {
        if (number < 1 || number > shown.size()) {
            return;
        }
        var s = shown.get(number - 1);
        String text;
        try {
            text = suggestions.inserted(customer, s.id(), agentId);
        } catch (RuntimeException e) {
            log.warn("Suggestion {} not recorded as inserted: {}", s.id(), e.toString());
            text = s.text();
        }
        insert.accept(text);
    }

    static String sourceLabel(Suggestion s) {
        return switch (s.source()) {
            case Suggestion.LIBRARY -> "Library: " + s.sourceTitle();
            case Suggestion.KNOWLEDGE -> "Article: " + s.sourceTitle();
            case Suggestion.PAST_REPLY -> "Past reply";
            case Suggestion.LLM -> s.sourceTitle();
            default -> s.source();
        };
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        var ui = attachEvent.getUI();
        var keys = new Key[] {Key.DIGIT_1, Key.DIGIT_2, Key.DIGIT_3};
        for (int i = 0; i < keys.length; i++) {
            var number = i + 1;
            shortcuts.add(Shortcuts.addShortcutListener(
                            ui,
                            () -> {
                                if (isVisible()) {
                                    pick(number);
                                }
                            },
                            keys[i],
                            KeyModifier.ALT)
                    .listenOn(ui));
        }
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        shortcuts.forEach(ShortcutRegistration::remove);
        shortcuts.clear();
        super.onDetach(detachEvent);
    }
}
