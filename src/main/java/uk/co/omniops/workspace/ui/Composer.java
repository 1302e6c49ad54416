package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.conversation.MessageRejected;
import uk.co.omniops.suggestion.ReplyChecks;

/**
 * Below the thread: the suggested replies, then a reply to the contact or an internal note, with a length counter and
 * Ctrl+Enter to send. A reply is not sent while it holds an unfilled placeholder ({@code [order number]}), and a
 * sentence from an inserted suggestion that says an action was taken ("I've unlocked it now") is sent only once the
 * agent confirms it ({@link ReplyChecks}). A redraw of the conversation leaves the composer alone, so an unsent draft
 * stays.
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
    private final RadioButtonGroup<String> mode = new RadioButtonGroup<>();
    private final TextArea text = new TextArea();
    private final Span counter = new Span();
    private final Button send = new Button("Send");
    /** The words of inserted suggestions that say an action was taken: the agent confirms them before sending. */
    private final Set<String> claims = new LinkedHashSet<>();

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
        mode.setLabel(null);
        mode.setAriaLabel("Write");
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
        Shortcuts.addShortcutListener(text, this::sendFromClient, Key.ENTER, KeyModifier.CONTROL)
                .listenOn(text);
        Shortcuts.addShortcutListener(text, this::sendFromClient, Key.ENTER, KeyModifier.META)
                .listenOn(text);

        var hint = new Span("Ctrl+Enter to send");
        hint.addClassName("omniops-secondary");
        var bar = new Div(mode, hint, counter, send);
        bar.addClassName("omniops-composer-bar");
        // the suggestions above the reply box: the box stays at the bottom, in view, however many cards there are
        add(suggestions, text, bar);
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
            claims.addAll(ReplyChecks.claims(suggestion));
            text.focus();
            selectFirstPlaceholder(text.getValue());
        });
    }

    /** Selects the first placeholder in the reply box, so that typing replaces it. */
    private void selectFirstPlaceholder(String value) {
        var placeholders = ReplyChecks.placeholders(value);
        if (!placeholders.isEmpty()) {
            text.getElement().executeJs("""
                    const area = this.inputElement; const at = area.value.indexOf($0);
                    if (at >= 0) { area.focus(); area.setSelectionRange(at, at + $0.length); }""", placeholders.getFirst());
        }
    }

    private void applyMode() {
        var note = NOTE.equals(mode.getValue());
        // no visible label: the mode buttons and the placeholder say it, and the thread keeps the line
        text.setAriaLabel(note ? "Internal note (only your team sees it)" : "Reply to the contact");
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
        var note = NOTE.equals(mode.getValue());
        if (!note) {
            var placeholders = ReplyChecks.placeholders(value);
            if (!placeholders.isEmpty()) {
                reject("Fill in " + String.join(", ", placeholders) + " before sending.");
                selectFirstPlaceholder(value);
                return;
            }
            var unconfirmed = claims.stream().filter(value::contains).toList();
            if (!unconfirmed.isEmpty()) {
                var sentences = ReplyChecks.claimedActions(value).stream()
                        .filter(s -> unconfirmed.stream().anyMatch(s::contains))
                        .toList();
                confirmClaims(value, unconfirmed, sentences.isEmpty() ? unconfirmed : sentences);
                return;
            }
        }
        store(value, note);
    }

    /** The reply says, in an inserted suggestion's words, that something was done: the agent confirms it first. */
    private void confirmClaims(String value, List<String> unconfirmed, List<String> sentences) {
        var dialog = new ConfirmDialog(
                "Have you done this?",
                "The reply says: “" + String.join("” “", sentences)
                        + "” Send it only once it is true; otherwise edit it into an offer (e.g. “I can unlock it now”).",
                "It is done, send",
                e -> {
                    claims.removeAll(unconfirmed);
                    store(value, false);
                });
        dialog.setId("confirm-claims");
        dialog.setCancelable(true);
        dialog.setCancelText("Edit the reply");
        dialog.addCancelListener(e -> text.focus());
        dialog.open();
    }

    private void store(String value, boolean note) {
        try {
            sender.send(value, note);
        } catch (MessageRejected e) {
            reject(e.getMessage());
            return;
        } catch (ConversationNotFound e) {
            reject("This conversation no longer exists.");
            return;
        }
        text.clear();
        text.setInvalid(false);
        claims.clear();
        updateCounter(0);
        sent.run();
        text.focus();
    }

    private void reject(@Nullable String message) {
        text.setErrorMessage(message);
        text.setInvalid(true);
    }
}
