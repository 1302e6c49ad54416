package uk.co.omniops.workspace.ui;

import java.util.function.Consumer;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import org.jspecify.annotations.Nullable;

import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.conversation.MessageRejected;

/**
 * Below the thread: a reply to the contact or an internal note, with a length counter, Ctrl+Enter to send, and the
 * suggested replies under it. A redraw of the conversation leaves it alone, so an unsent draft stays.
 */
class Composer extends Div {

    static final int MAX_LENGTH = 10_000;
    private static final String REPLY = "Reply";
    private static final String NOTE = "Internal note";

    /** Sends a reply or a note; throws {@link MessageRejected} or {@link ConversationNotFound} when it cannot. */
    interface Sender {
        void send(String text, boolean note);
    }

    private final Sender sender;
    private final Runnable sent;
    private final Consumer<Boolean> noteMode;
    private final RadioButtonGroup<String> mode = new RadioButtonGroup<>("Write");
    private final TextArea text = new TextArea();
    private final Span counter = new Span();
    private final Button send = new Button("Send");

    /**
     * @param sent runs after a reply or note was stored
     * @param noteMode told whether the composer writes a note (the conversation looks different meanwhile)
     * @param suggestions the suggested replies' place, below the composer
     */
    Composer(Sender sender, Runnable sent, Consumer<Boolean> noteMode, Component suggestions) {
        this.sender = sender;
        this.sent = sent;
        this.noteMode = noteMode;
        mode.setItems(REPLY, NOTE);
        mode.setValue(REPLY);
        mode.setId("composer-mode");
        mode.addValueChangeListener(e -> applyMode());

        text.setId("composer");
        text.setWidthFull();
        text.setMinRows(3);
        text.setMaxRows(8);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setValueChangeTimeout(250);
        text.addValueChangeListener(e -> {
            updateCounter(e.getValue().length());
            text.setInvalid(false);
        });
        counter.setId("composer-counter");
        counter.addClassName("omniops-counter");
        counter.getElement().setAttribute("aria-live", "polite");
        updateCounter(0);

        send.setId("send");
        send.setIcon(VaadinIcon.PAPERPLANE.create());
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> sendFromClient());
        send.setTooltipText("Send (Ctrl+Enter)");
        Shortcuts.addShortcutListener(text, this::sendFromClient, Key.ENTER, KeyModifier.CONTROL).listenOn(text);
        Shortcuts.addShortcutListener(text, this::sendFromClient, Key.ENTER, KeyModifier.META).listenOn(text);

        var hint = new Span("Ctrl+Enter to send");
        hint.addClassName("omniops-secondary");
        var bar = new Div(mode, hint, counter, send);
        bar.addClassName("omniops-composer-bar");
        add(text, bar, suggestions);
        setId("composer-box");
        addClassName("omniops-composer");
        applyMode();
    }

    void focusReply(boolean note) {
        mode.setValue(note ? NOTE : REPLY);
        text.focus();
    }

    /** The conversation cannot be written to (it was not found). */
    void disable() {
        text.setEnabled(false);
        send.setEnabled(false);
    }

    /** A picked suggestion replaces an empty draft, else goes below it; the agent edits and sends. */
    void insert(String suggestion) {
        mode.setValue(REPLY);
        text.getElement().executeJs("return this.value").then(String.class, current -> {
            var draft = current == null ? "" : current.strip();
            text.setValue(draft.isEmpty() ? suggestion : draft + "\n\n" + suggestion);
            updateCounter(text.getValue().length());
            text.focus();
        });
    }

    private void applyMode() {
        var note = NOTE.equals(mode.getValue());
        text.setLabel(note ? "Internal note (only your team sees it)" : "Reply to the contact");
        text.setPlaceholder(note ? "Write a note for your colleagues…" : "Write your reply…");
        send.setText(note ? "Add note" : "Send");
        noteMode.accept(note);
    }

    private void updateCounter(int length) {
        counter.setText(String.format("%,d / %,d", length, MAX_LENGTH));
        counter.getElement().getClassList().set("omniops-counter--over", length > MAX_LENGTH);
    }

    /** Reads the composer's current text from the browser (no debounce lag) and sends it. */
    private void sendFromClient() {
        text.getElement().executeJs("return this.value").then(String.class, this::send);
    }

    private void send(@Nullable String raw) {
        var value = raw == null ? "" : raw;
        updateCounter(value.length());
        try {
            sender.send(value, NOTE.equals(mode.getValue()));
        } catch (MessageRejected e) {
            reject(e.getMessage());
            return;
        } catch (ConversationNotFound e) {
            reject("This conversation no longer exists.");
            return;
        }
        text.clear();
        text.setInvalid(false);
        updateCounter(0);
        sent.run();
        text.focus();
    }

    private void reject(@Nullable String message) {
        text.setErrorMessage(message);
        text.setInvalid(true);
    }
}
