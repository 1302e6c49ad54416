package uk.co.omniops.conversation.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import org.jspecify.annotations.Nullable;

import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.MessageRejected;
import uk.co.omniops.conversation.Priority;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.UserAccount;

/**
 * One conversation in the workspace: header with actions, the thread (contact, agent, internal notes), the
 * composer (reply or internal note) and the contact panel. Everything shown is read through
 * {@link ConversationManagement} under the viewer's customer; {@link #refresh()} re-reads it (live updates).
 *
 * <p>Empty, labelled slots ({@code data-slot}) mark where analysis results will appear: sentiment per contact
 * message, category tags, suggested replies and the escalation banner. They render nothing until filled.
 */
class ConversationPanel extends Div {

    static final int MAX_LENGTH = 10_000;
    private static final String REPLY = "Reply";
    private static final String NOTE = "Internal note";

    private final ConversationManagement conversations;
    private final TenancyManagement tenancy;
    private final OmniOpsUser viewer;
    private final CustomerId customer;
    private final ConversationId id;
    private final Supplier<ZoneId> zone;
    private final Runnable changed;

    private final Div escalationBanner = slot("escalation-banner");
    private final Div header = new Div();
    private final Div thread = new Div();
    private final Div contactPanel = new Div();
    private final RadioButtonGroup<String> mode = new RadioButtonGroup<>("Write");
    private final TextArea composer = new TextArea();
    private final Span counter = new Span();
    private final Button send = new Button("Send");
    private final Div suggestedReplies = slot("suggested-replies");

    private @Nullable ConversationDetails details;

    ConversationPanel(ConversationManagement conversations, TenancyManagement tenancy, OmniOpsUser viewer,
            CustomerId customer, ConversationId id, Supplier<ZoneId> zone, Runnable changed) {
        this.conversations = conversations;
        this.tenancy = tenancy;
        this.viewer = viewer;
        this.customer = customer;
        this.id = id;
        this.zone = zone;
        this.changed = changed;
        setId("conversation");
        addClassName("omniops-conv");
        getElement().setAttribute("data-conversation-id", id.toString());

        header.addClassName("omniops-conv-header");
        thread.setId("thread");
        thread.addClassName("omniops-thread");
        thread.getElement().setAttribute("role", "log");
        thread.getElement().setAttribute("aria-label", "Messages");
        thread.getElement().setAttribute("aria-live", "polite");
        thread.getElement().setAttribute("tabindex", "0");
        contactPanel.setId("contact-panel");
        contactPanel.addClassName("omniops-contact-panel");
        contactPanel.getElement().setAttribute("role", "complementary");
        contactPanel.getElement().setAttribute("aria-label", "Contact");

        var body = new Div(thread, contactPanel);
        body.addClassName("omniops-conv-body");
        add(escalationBanner, header, body, composer());
        refresh();
    }

    ConversationId conversationId() {
        return id;
    }

    Optional<ConversationDetails> details() {
        return Optional.ofNullable(details);
    }

    /** Re-reads the conversation and redraws everything but the composer (an unsent draft stays). */
    void refresh() {
        details = conversations.find(customer, id).orElse(null);
        header.removeAll();
        thread.removeAll();
        contactPanel.removeAll();
        if (details == null) {
            header.add(new H2("Conversation not found"),
                    new Paragraph("It may belong to another customer or have been removed."));
            composer.setEnabled(false);
            send.setEnabled(false);
            return;
        }
        renderHeader(details);
        renderThread(details);
        renderContact(details);
        thread.getElement().executeJs("requestAnimationFrame(() => this.scrollTop = this.scrollHeight)");
    }

    // ---- header and actions

    private void renderHeader(ConversationDetails d) {
        var c = d.conversation();
        var subject = new H2(c.subject());
        subject.setId("conversation-subject");
        subject.addClassName("omniops-conv-subject");

        var status = badge(label(c.status()), statusVariant(c.status()));
        status.setId("conversation-status");
        var priority = badge(label(c.priority()) + " priority", priorityVariant(c.priority()));
        priority.setId("conversation-priority");
        var contact = new Span(d.contact().name());
        contact.addClassName("omniops-conv-contact");
        var assignee = new Span(c.assigneeName() == null ? "Unassigned" : "Assigned to " + c.assigneeName());
        assignee.setId("conversation-assignee");
        assignee.addClassName("omniops-secondary");
        var facts = new Div(contact, status, priority, assignee, slot("category-tags"));
        facts.addClassName("omniops-conv-facts");

        var assignToMe = action("Assign to me", VaadinIcon.USER_CHECK, this::assignToMe);
        assignToMe.setId("assign-to-me");
        assignToMe.setEnabled(!viewer.id().equals(c.assigneeId()));
        var transfer = action("Transfer", VaadinIcon.EXCHANGE, this::openTransfer);
        transfer.setId("transfer");
        var resolve = action("Resolve", VaadinIcon.CHECK, this::resolve);
        resolve.setId("resolve");
        var reopen = action("Reopen", VaadinIcon.ROTATE_LEFT, this::reopen);
        reopen.setId("reopen");
        var resolved = c.status() == ConversationStatus.RESOLVED;
        resolve.setVisible(!resolved);
        reopen.setVisible(resolved);
        if (!resolved) {
            resolve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        }

        var prioritySelect = new Select<Priority>();
        prioritySelect.setId("priority-select");
        prioritySelect.setAriaLabel("Priority");
        prioritySelect.setItems(Priority.values());
        prioritySelect.setItemLabelGenerator(p -> label(p) + " priority");
        prioritySelect.setValue(c.priority());
        prioritySelect.addThemeName("small");
        prioritySelect.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                act(() -> conversations.changePriority(customer, id, e.getValue()));
            }
        });

        var actions = new Div(assignToMe, transfer, resolve, reopen, prioritySelect);
        actions.addClassName("omniops-conv-actions");
        header.add(subject, facts, actions);
    }

    void assignToMe() {
        act(() -> conversations.assign(customer, id, viewer.id()));
    }

    void resolve() {
        if (details != null && details.conversation().status() != ConversationStatus.RESOLVED) {
            act(() -> conversations.resolve(customer, id, viewer.id()));
        }
    }

    void reopen() {
        if (details != null && details.conversation().status() == ConversationStatus.RESOLVED) {
            act(() -> conversations.reopen(customer, id, viewer.id()));
        }
    }

    void openTransfer() {
        var people = tenancy.users(customer).stream()
                .filter(u -> u.enabled() && (u.role() == Role.AGENT || u.role() == Role.SUPERVISOR))
                .filter(u -> details == null || !u.id().equals(details.conversation().assigneeId()))
                .sorted(Comparator.comparing(UserAccount::displayName))
                .toList();
        var dialog = new Dialog();
        dialog.setHeaderTitle("Transfer conversation");
        dialog.setId("transfer-dialog");
        var to = new ComboBox<UserAccount>("Transfer to");
        to.setId("transfer-to");
        to.setItems(people);
        to.setItemLabelGenerator(u -> u.displayName() + " (" + u.role().displayName() + ")");
        to.setWidthFull();
        to.setHelperText(people.isEmpty() ? "Nobody else can take this conversation." : null);
        var ok = new Button("Transfer", e -> {
            if (to.getValue() == null) {
                to.setInvalid(true);
                to.setErrorMessage("Choose who takes over");
                return;
            }
            var target = to.getValue().id();
            act(() -> conversations.assign(customer, id, target));
            dialog.close();
        });
        ok.setId("transfer-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", e -> dialog.close());
        dialog.add(to);
        dialog.getFooter().add(cancel, ok);
        dialog.open();
        to.focus();
    }

    private void act(Runnable command) {
        try {
            command.run();
        } catch (ConversationNotFound | IllegalArgumentException | IllegalStateException e) {
            error(e.getMessage());
        }
        refresh();
        changed.run();
    }

    // ---- thread

    private void renderThread(ConversationDetails d) {
        var now = Instant.now();
        for (var m : d.messages()) {
            thread.add(messageItem(m, d, now));
        }
        if (d.messages().isEmpty()) {
            thread.add(new Paragraph("No messages yet."));
        }
    }

    private Component messageItem(Message m, ConversationDetails d, Instant now) {
        var item = new Div();
        item.addClassName("omniops-msg");
        var kind = m.internal() ? "note" : m.authorType().dbValue();
        item.addClassName("omniops-msg--" + kind);
        item.getElement().setAttribute("data-message-id", m.id().toString());
        item.getElement().setAttribute("data-kind", kind);

        var who = switch (m.authorType()) {
            case CONTACT -> d.contact().name();
            case AGENT -> Objects.requireNonNullElse(m.authorName(), "Agent");
            case SYSTEM -> "System";
        };
        var author = new Span(m.internal() ? "Internal note · " + who : who);
        author.addClassName("omniops-msg-author");
        var time = new Span(TimeTexts.stamp(m.createdAt(), zone.get(), now));
        time.addClassName("omniops-msg-time");
        time.getElement().setAttribute("title", TimeTexts.full(m.createdAt(), zone.get()));
        var meta = new Div(author, time);
        meta.addClassName("omniops-msg-meta");
        if (m.authorType() == AuthorType.CONTACT && !m.internal()) {
            var sentiment = slot("sentiment-badge");
            sentiment.getElement().setAttribute("data-message-id", m.id().toString());
            meta.add(sentiment);
        }
        var text = new Paragraph();
        text.setText(m.text());
        text.addClassName("omniops-msg-text");
        item.add(meta, text);
        return item;
    }

    // ---- contact

    private void renderContact(ConversationDetails d) {
        var contact = d.contact();
        var title = new H3(contact.name());
        title.setId("contact-name");
        contactPanel.add(title);
        if (contact.vip()) {
            var vip = badge("VIP", BadgeVariant.WARNING);
            vip.setId("contact-vip");
            contactPanel.add(vip);
        }
        contactPanel.add(fact("E-mail", contact.email() == null ? "—" : contact.email()));
        if (contact.phone() != null) {
            contactPanel.add(fact("Phone", contact.phone()));
        }
        contactPanel.add(fact("Contact since", TimeTexts.stamp(contact.createdAt(), zone.get(), Instant.now())));
        var others = otherConversations(d);
        var count = fact("Other conversations", String.valueOf(others));
        count.setId("contact-other-conversations");
        contactPanel.add(count);
        contactPanel.add(fact("Channel", d.conversation().channel()));
    }

    /** Other conversations of this contact: the inbox filtered by the contact's name (no contact filter yet). */
    private long otherConversations(ConversationDetails d) {
        var query = new InboxQuery(InboxQuery.Scope.ALL, viewer.id(), Set.of(), Set.of(), InboxQuery.Sort.NEWEST);
        List<uk.co.omniops.conversation.ConversationSummary> all = conversations.inbox(customer, query, 0, 500);
        return all.stream()
                .filter(s -> s.contactName().equals(d.contact().name()) && !s.id().equals(id))
                .count();
    }

    private static Div fact(String label, String value) {
        var l = new Span(label);
        l.addClassName("omniops-fact-label");
        var v = new Span(value);
        v.addClassName("omniops-fact-value");
        var fact = new Div(l, v);
        fact.addClassName("omniops-fact");
        return fact;
    }

    // ---- composer

    private Component composer() {
        mode.setItems(REPLY, NOTE);
        mode.setValue(REPLY);
        mode.setId("composer-mode");
        mode.addValueChangeListener(e -> applyMode());

        composer.setId("composer");
        composer.setWidthFull();
        composer.setMinRows(3);
        composer.setMaxRows(8);
        composer.setValueChangeMode(ValueChangeMode.LAZY);
        composer.setValueChangeTimeout(250);
        composer.addValueChangeListener(e -> {
            updateCounter(e.getValue().length());
            composer.setInvalid(false);
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
        Shortcuts.addShortcutListener(composer, this::sendFromClient, Key.ENTER, KeyModifier.CONTROL).listenOn(composer);
        Shortcuts.addShortcutListener(composer, this::sendFromClient, Key.ENTER, KeyModifier.META).listenOn(composer);

        var hint = new Span("Ctrl+Enter to send");
        hint.addClassName("omniops-secondary");
        var bar = new Div(mode, hint, counter, send);
        bar.addClassName("omniops-composer-bar");
        var box = new Div(composer, bar, suggestedReplies);
        box.setId("composer-box");
        box.addClassName("omniops-composer");
        applyMode();
        return box;
    }

    private void applyMode() {
        var note = NOTE.equals(mode.getValue());
        composer.setLabel(note ? "Internal note (only your team sees it)" : "Reply to the contact");
        composer.setPlaceholder(note ? "Write a note for your colleagues…" : "Write your reply…");
        send.setText(note ? "Add note" : "Send");
        getElement().getClassList().set("omniops-conv--note-mode", note);
    }

    void focusReply(boolean note) {
        mode.setValue(note ? NOTE : REPLY);
        composer.focus();
    }

    private void updateCounter(int length) {
        counter.setText(String.format("%,d / %,d", length, MAX_LENGTH));
        counter.getElement().getClassList().set("omniops-counter--over", length > MAX_LENGTH);
    }

    /** Reads the composer's current text from the browser (no debounce lag) and sends it. */
    private void sendFromClient() {
        composer.getElement().executeJs("return this.value").then(String.class, this::send);
    }

    private void send(@Nullable String raw) {
        var text = raw == null ? "" : raw;
        updateCounter(text.length());
        try {
            if (NOTE.equals(mode.getValue())) {
                conversations.addNote(customer, id, viewer.id(), text);
            } else {
                conversations.reply(customer, id, viewer.id(), text);
            }
        } catch (MessageRejected e) {
            reject(e.getMessage());
            return;
        } catch (ConversationNotFound e) {
            reject("This conversation no longer exists.");
            return;
        }
        composer.clear();
        composer.setInvalid(false);
        updateCounter(0);
        refresh();
        changed.run();
        composer.focus();
    }

    private void reject(String message) {
        composer.setErrorMessage(message);
        composer.setInvalid(true);
    }

    // ---- helpers

    private static Div slot(String name) {
        var slot = new Div();
        slot.addClassName("omniops-slot");
        slot.getElement().setAttribute("data-slot", name);
        return slot;
    }

    private static Button action(String text, VaadinIcon icon, Runnable run) {
        var b = new Button(text, icon.create(), e -> run.run());
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    static Badge badge(String text, @Nullable BadgeVariant variant) {
        var b = new Badge(text);
        if (variant != null) {
            b.addThemeVariants(variant);
        }
        return b;
    }

    static String label(Enum<?> value) {
        var n = value.name().toLowerCase();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    static @Nullable BadgeVariant statusVariant(ConversationStatus s) {
        return switch (s) {
            case OPEN -> null;
            case PENDING -> BadgeVariant.CONTRAST;
            case RESOLVED -> BadgeVariant.SUCCESS;
        };
    }

    static @Nullable BadgeVariant priorityVariant(Priority p) {
        return switch (p) {
            case LOW -> BadgeVariant.CONTRAST;
            case NORMAL -> null;
            case HIGH -> BadgeVariant.WARNING;
            case URGENT -> BadgeVariant.ERROR;
        };
    }

    private static void error(@Nullable String message) {
        var n = Notification.show(message == null ? "That did not work." : message, 5000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
