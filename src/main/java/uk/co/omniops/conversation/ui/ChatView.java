package uk.co.omniops.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.shared.Registration;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.MessageRejected;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.shell.LiveRefresh;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * The public chat page of one customer ({@code /chat/<slug>}): a visitor gives a name and e-mail, starts a
 * conversation and sees agents' replies live. Internal notes are never shown. The conversation is remembered in
 * the browser session; sending is limited to one message a second per session, and conversations and messages per
 * client address and per customer by {@link ChatLimits}.
 */
@Route(value = "chat/:customer", autoLayout = false)
@AnonymousAllowed
class ChatView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final String LAST_SENT = "omniops.chat.last-sent";

    /** What the session remembers per customer: the visitor's conversation. */
    record ChatSession(ConversationId conversationId, String name) implements Serializable {}

    private final ConversationManagement conversations;
    private final TenancyManagement tenancy;
    private final LiveUpdates liveUpdates;
    private final ChatLimits limits;

    private @Nullable Customer customer;
    private @Nullable ChatSession chat;
    private @Nullable Registration live;
    private final Div thread = new Div();
    private final TextArea message = new TextArea("Message");
    private boolean sendOnEnterListening;
    private String title = "Chat · OmniOps";

    ChatView(
            ConversationManagement conversations,
            TenancyManagement tenancy,
            LiveUpdates liveUpdates,
            ChatLimits limits) {
        this.conversations = conversations;
        this.limits = limits;
        this.tenancy = tenancy;
        this.liveUpdates = liveUpdates;
        setId("chat");
        addClassName("omniops-chat");
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var slug = event.getRouteParameters().get("customer").orElse("");
        customer =
                slug.matches("[a-z0-9-]{1,64}") ? tenancy.customerBySlug(slug).orElse(null) : null;
        removeAll();
        if (customer == null) {
            title = "Chat not found · OmniOps";
            var box = card();
            box.setId("chat-not-found");
            box.add(
                    new H1("We couldn't find this chat"),
                    new Paragraph("There is no chat at this address. Please check the link on the company's website "
                            + "and try again."));
            add(box);
            return;
        }
        title = "Chat with " + customer.name();
        if (live != null) {
            live.remove();
        }
        live = LiveRefresh.whileAttached(
                this,
                liveUpdates,
                customer.id().value(),
                Duration.ofMillis(250),
                this::isAboutThisChat,
                updates -> refreshThread());
        chat = (ChatSession) VaadinSession.getCurrent().getAttribute(sessionKey());
        render();
    }

    private String sessionKey() {
        return "omniops.chat." + (customer == null ? "" : customer.slug());
    }

    private Div card() {
        var box = new Div();
        box.addClassName("omniops-chat-card");
        return box;
    }

    private void render() {
        removeAll();
        var c = customer;
        if (c == null) {
            return;
        }
        var box = card();
        var heading = new H1("Chat with " + c.name());
        heading.addClassName("omniops-chat-title");
        box.add(heading);
        if (chat == null) {
            box.add(
                    new Paragraph("Tell us who you are and what you need; our team usually replies within minutes."),
                    startForm());
        } else {
            thread.setId("chat-thread");
            thread.addClassName("omniops-thread");
            thread.addClassName("omniops-chat-thread");
            thread.getElement().setAttribute("role", "log");
            thread.getElement().setAttribute("aria-label", "Conversation");
            thread.getElement().setAttribute("aria-live", "polite");
            thread.getElement().setAttribute("tabindex", "0");
            box.add(thread, composer());
            refreshThread();
        }
        add(box);
    }

    private Div startForm() {
        var name = new TextField("Your name");
        name.setId("chat-name");
        name.setRequired(true);
        name.setMaxLength(200);
        name.setWidthFull();
        var email = new EmailField("E-mail");
        email.setId("chat-email");
        email.setRequired(true);
        email.setWidthFull();
        var first = new TextArea("How can we help?");
        first.setId("chat-first-message");
        first.setWidthFull();
        first.setMinRows(3);
        var start = new Button("Start chat", VaadinIcon.CHAT.create());
        start.setId("chat-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> {
            name.setInvalid(name.getValue().isBlank());
            name.setErrorMessage("Please tell us your name");
            var emailValue = email.getValue().trim();
            var emailOk = emailValue.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
            email.setInvalid(!emailOk);
            email.setErrorMessage("Please enter a valid e-mail address");
            if (name.isInvalid() || !emailOk || customer == null || !allowedToSend(first)) {
                return;
            }
            var refused = limits.refuseStart(customer.id(), clientAddress());
            if (refused.isPresent()) {
                first.setErrorMessage(refused.get());
                first.setInvalid(true);
                return;
            }
            try {
                var started = conversations.start(
                        customer.id(),
                        NewContact.unverified(name.getValue().trim(), emailValue),
                        first.getValue(),
                        "chat",
                        null);
                chat = new ChatSession(
                        started.conversation().id(), name.getValue().trim());
                VaadinSession.getCurrent().setAttribute(sessionKey(), chat);
                render();
                message.focus();
            } catch (MessageRejected ex) {
                first.setErrorMessage(ex.getMessage());
                first.setInvalid(true);
            }
        });
        var form = new Div(name, email, first, start);
        form.setId("chat-start-form");
        form.addClassName("omniops-chat-form");
        return form;
    }

    private Div composer() {
        message.setId("chat-message");
        message.setWidthFull();
        message.setMinRows(2);
        message.setMaxRows(6);
        message.setPlaceholder("Write a message…");
        message.setHelperText("Enter to send · Shift+Enter for a new line");
        message.clear();
        message.setInvalid(false);
        var send = new Button("Send", VaadinIcon.PAPERPLANE.create(), e -> sendFromClient());
        send.setId("chat-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        sendOnEnter();
        var restart = new Button("Start a new conversation", e -> {
            VaadinSession.getCurrent().setAttribute(sessionKey(), null);
            chat = null;
            render();
        });
        restart.setId("chat-restart");
        restart.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        var bar = new Div(restart, send);
        bar.addClassName("omniops-chat-bar");
        var box = new Div(message, bar);
        box.addClassName("omniops-chat-composer");
        return box;
    }

    /**
     * Enter sends and Shift+Enter starts a new line, as in every messenger; on a phone the keyboard's Enter key is
     * labelled "send". A key event while an input method composes (e.g. Japanese) is left to it. Installed on the
     * element once, however often the composer is drawn.
     */
    private void sendOnEnter() {
        if (!sendOnEnterListening) {
            message.getElement().addEventListener("omniops-send", e -> sendFromClient());
            sendOnEnterListening = true;
        }
        message.getElement().executeJs("""
                if (this.__omniopsSendOnEnter) return;
                this.__omniopsSendOnEnter = true;
                this.addEventListener('keydown', e => {
                  if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.isComposing) {
                    e.preventDefault();
                    this.dispatchEvent(new CustomEvent('omniops-send'));
                  }
                });
                if (this.inputElement) this.inputElement.setAttribute('enterkeyhint', 'send');""");
    }

    private void sendFromClient() {
        message.getElement().executeJs("return this.value").then(String.class, this::send);
    }

    private void send(@Nullable String text) {
        var c = customer;
        var session = chat;
        if (c == null || session == null) {
            return;
        }
        message.setValue(text == null ? "" : text);
        if (!allowedToSend(message)) {
            return;
        }
        var refused = limits.refuseMessage(c.id(), clientAddress());
        if (refused.isPresent()) {
            message.setErrorMessage(refused.get());
            message.setInvalid(true);
            return;
        }
        try {
            conversations.receive(c.id(), session.conversationId(), text == null ? "" : text, null);
            message.clear();
            // the box's value reached the server only through this send: clear() alone would look like no change
            message.getElement().executeJs("this.value = ''");
            message.setInvalid(false);
            refreshThread();
        } catch (MessageRejected e) {
            message.setErrorMessage(e.getMessage());
            message.setInvalid(true);
        } catch (ConversationNotFound e) {
            VaadinSession.getCurrent().setAttribute(sessionKey(), null);
            chat = null;
            render();
        }
    }

    /** One message a second per browser session; the same error style as a rejected message. */
    private boolean allowedToSend(TextArea field) {
        var session = VaadinSession.getCurrent();
        var last = (Instant) session.getAttribute(LAST_SENT);
        var now = Instant.now();
        if (last != null && Duration.between(last, now).compareTo(MIN_INTERVAL) < 0) {
            field.setErrorMessage("You're sending messages too quickly. Please wait a moment and try again.");
            field.setInvalid(true);
            return false;
        }
        session.setAttribute(LAST_SENT, now);
        return true;
    }

    /** The visitor's address as the servlet sees it (behind the ingress, from X-Forwarded-For in production). */
    private static String clientAddress() {
        var request = VaadinRequest.getCurrent();
        return request == null ? "unknown" : request.getRemoteAddr();
    }

    private void refreshThread() {
        var c = customer;
        var session = chat;
        if (c == null || session == null) {
            return;
        }
        var details = conversations.find(c.id(), session.conversationId()).orElse(null);
        thread.removeAll();
        if (details == null) {
            thread.add(new Paragraph("This conversation is no longer available."));
            return;
        }
        var now = Instant.now();
        var zone = ZoneId.systemDefault();
        for (var m : details.messages()) {
            if (m.internal()) {
                continue;
            }
            var item = new Div();
            item.addClassName("omniops-msg");
            var mine = m.authorType() == AuthorType.CONTACT;
            item.addClassName(
                    mine
                            ? "omniops-msg--mine"
                            : "omniops-msg--" + m.authorType().dbValue());
            item.getElement().setAttribute("data-message-id", m.id().toString());
            var who = switch (m.authorType()) {
                case CONTACT -> "You";
                case AGENT -> (m.authorName() == null ? "" : m.authorName() + " · ") + c.name();
                case SYSTEM -> c.name();
            };
            var author = new Span(who);
            author.addClassName("omniops-msg-author");
            var time = new Span(TimeTexts.stamp(m.createdAt(), zone, now));
            time.addClassName("omniops-msg-time");
            var meta = new Div(author, time);
            meta.addClassName("omniops-msg-meta");
            var text = new Paragraph();
            text.setText(m.text());
            text.addClassName("omniops-msg-text");
            item.add(meta, text);
            thread.add(item);
        }
        if (details.conversation().status() == ConversationStatus.RESOLVED) {
            var note = new Paragraph("This conversation is marked as resolved. Write again if you need more help.");
            note.addClassName("omniops-chat-resolved");
            thread.add(note);
        }
        thread.getElement().executeJs("requestAnimationFrame(() => this.scrollTop = this.scrollHeight)");
    }

    /** Only this visitor's conversation; the content is re-read, never taken from the update. */
    private boolean isAboutThisChat(LiveUpdate update) {
        var session = chat;
        return session != null
                && update.subjectId() != null
                && update.subjectId().equals(session.conversationId().value());
    }
}
