package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessageAnalysis;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.MessageId;

/**
 * The open conversation's messages (contact, agent, internal notes), each with its sentiment badge (a menu to correct
 * it) and category tags (a button to correct them) while those features are on.
 * A redraw appends and replaces items rather than rebuilding the thread (docs/decisions/013-live-updates-in-the-browser.md).
 */
class ConversationThread extends Div {

    /** What a message's item shows: equal states render equal items. */
    private record ItemState(
            Message message,
            String contactName,
            String time,
            String fullTime,
            @Nullable MessageAnalysis analysis,
            boolean sentiment,
            boolean categories,
            Map<String, String> categoryNames) {

        /** The same state without what the analysis adds (badge, tags). */
        ItemState withoutAnalysis() {
            return new ItemState(message, contactName, time, fullTime, null, false, false, Map.of());
        }
    }

    private record RenderedItem(MessageItem item, ItemState state) {}

    private final BiConsumer<MessageId, String> correctSentiment;
    private final BiConsumer<MessageId, MessageAnalysis> editCategories;
    /** The thread's items in order, with what each shows (see {@link #render}). */
    private final LinkedHashMap<MessageId, RenderedItem> rendered = new LinkedHashMap<>();

    /**
     * @param correctSentiment the agent picked a label in a badge's menu
     * @param editCategories the agent asked to change a message's categories
     */
    ConversationThread(
            BiConsumer<MessageId, String> correctSentiment, BiConsumer<MessageId, MessageAnalysis> editCategories) {
        this.correctSentiment = correctSentiment;
        this.editCategories = editCategories;
        setId("thread");
        addClassName("omniops-thread");
        getElement().setAttribute("role", "log");
        getElement().setAttribute("aria-label", "Messages");
        getElement().setAttribute("aria-live", "polite");
        getElement().setAttribute("tabindex", "0");
    }

    /**
     * Brings the thread up to date without redrawing it: a live update usually adds one message or one analysis, so
     * only new messages are appended, a message whose analysis (or the features showing it) changed gets its badge and
     * tags replaced in place, and a message that changed otherwise (its time text) is replaced. Anything else (a
     * message gone, another order) redraws the thread. Scrolls to the newest message when messages were appended.
     */
    void render(ConversationState state) {
        var now = Instant.now();
        var messages = state.details().messages();
        var ids = messages.stream().map(Message::id).toList();
        var known = List.copyOf(rendered.keySet());
        if (messages.isEmpty()
                || known.size() > ids.size()
                || !ids.subList(0, known.size()).equals(known)) {
            clear();
            if (messages.isEmpty()) {
                add(new Paragraph("No messages yet."));
                return;
            }
        }
        var appended = false;
        for (var m : messages) {
            var shown = itemState(state, m, now);
            var current = rendered.get(m.id());
            if (current == null) {
                var item = new MessageItem(m, state, now);
                add(item.item);
                rendered.put(m.id(), new RenderedItem(item, shown));
                appended = true;
            } else if (current.state().equals(shown)) {
                continue;
            } else if (current.state().withoutAnalysis().equals(shown.withoutAnalysis())) {
                // the usual change: the message's analysis arrived; its badge and tags are added to the item in place
                current.item().showAnalysis(m, state);
                rendered.put(m.id(), new RenderedItem(current.item(), shown));
            } else {
                var item = new MessageItem(m, state, now);
                replace(current.item().item, item.item);
                rendered.put(m.id(), new RenderedItem(item, shown));
            }
        }
        if (appended) {
            getElement().executeJs("requestAnimationFrame(() => this.scrollTop = this.scrollHeight)");
        }
    }

    void clear() {
        removeAll();
        rendered.clear();
    }

    private static ItemState itemState(ConversationState state, Message m, Instant now) {
        var features = state.features();
        return new ItemState(
                m,
                state.details().contact().name(),
                TimeTexts.stamp(m.createdAt(), state.zone(), now),
                TimeTexts.full(m.createdAt(), state.zone()),
                state.analysisOf(m),
                features.sentiment(),
                features.categories(),
                state.categoryNames());
    }

    /** One message in the thread: author, time, text, and the analysis's badge and tags once it has arrived. */
    private final class MessageItem {

        final Div item = new Div();
        final Div meta;

        @Nullable
        Component badge;

        @Nullable
        Component tags;

        MessageItem(Message m, ConversationState state, Instant now) {
            item.addClassName("omniops-msg");
            var kind = m.internal() ? "note" : m.authorType().dbValue();
            item.addClassName("omniops-msg--" + kind);
            item.getElement().setAttribute("data-message-id", m.id().toString());
            item.getElement().setAttribute("data-kind", kind);

            var who = switch (m.authorType()) {
                case CONTACT -> state.details().contact().name();
                case AGENT -> Objects.requireNonNullElse(m.authorName(), "Agent");
                case SYSTEM -> "System";
            };
            var author = new Span(m.internal() ? "Internal note · " + who : who);
            author.addClassName("omniops-msg-author");
            var time = new Span(TimeTexts.stamp(m.createdAt(), state.zone(), now));
            time.addClassName("omniops-msg-time");
            time.getElement().setAttribute("title", TimeTexts.full(m.createdAt(), state.zone()));
            meta = new Div(author, time);
            meta.addClassName("omniops-msg-meta");
            var text = new Paragraph();
            text.setText(m.text());
            text.addClassName("omniops-msg-text");
            item.add(meta, text);
            showAnalysis(m, state);
        }

        /** Replaces the badge and the tags with those of the message's current analysis (none: removed). */
        void showAnalysis(Message m, ConversationState state) {
            if (badge != null) {
                meta.remove(badge);
                badge = null;
            }
            if (tags != null) {
                meta.remove(tags);
                tags = null;
            }
            var analysis = state.analysisOf(m);
            if (state.features().sentiment() && analysis != null && analysis.sentiment() != null) {
                badge = sentimentControl(m.id(), analysis.sentiment(), analysis.corrected());
                meta.add(badge);
            }
            if (state.features().categories() && analysis != null) {
                // on the author's line: a message without categories takes no extra line for the edit button
                tags = categories(m.id(), analysis, state.categoryNames());
                meta.add(tags);
            }
        }
    }

    /** The badge, as a button whose menu lets the agent set the label. */
    private Component sentimentControl(MessageId message, MessageAnalysed.Sentiment sentiment, boolean corrected) {
        var description = AnalysisViews.sentimentDescription(sentiment, corrected);
        var badge = AnalysisViews.sentimentBadge(sentiment.label());
        var button = new Button(badge);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        button.addClassName("omniops-sentiment-button");
        button.getElement().setAttribute("data-sentiment", sentiment.label());
        button.getElement().setAttribute("data-message-id", message.toString());
        button.setAriaLabel("Sentiment " + description + ". Change sentiment");
        button.setTooltipText(description);
        var menu = new ContextMenu(button);
        menu.setOpenOnClick(true);
        for (var label : AnalysisViews.LABELS) {
            var item = menu.addItem(AnalysisViews.capitalised(label), e -> correctSentiment.accept(message, label));
            item.setCheckable(true);
            item.setChecked(label.equals(sentiment.label()));
        }
        return button;
    }

    private Component categories(MessageId message, MessageAnalysis analysis, Map<String, String> categoryNames) {
        var box = new Div();
        box.addClassName("omniops-msg-categories");
        box.getElement().setAttribute("data-message-id", message.toString());
        box.getElement().setAttribute("role", "group");
        box.getElement().setAttribute("aria-label", "Categories");
        for (var c : analysis.categories()) {
            box.add(AnalysisViews.categoryTag(c, categoryNames));
        }
        var edit = new Button(VaadinIcon.TAGS.create(), e -> editCategories.accept(message, analysis));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ICON);
        edit.addClassName("omniops-category-edit");
        edit.setAriaLabel("Edit categories");
        edit.setTooltipText("Edit categories");
        box.add(edit);
        return box;
    }
}
