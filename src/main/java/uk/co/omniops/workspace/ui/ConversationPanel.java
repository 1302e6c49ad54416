package uk.co.omniops.workspace.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.contextmenu.ContextMenu;
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

import uk.co.omniops.analysis.CategoryDefinition;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessageAnalysis;
import uk.co.omniops.analysis.SentimentPoint;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.Contact;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.MessageRejected;
import uk.co.omniops.conversation.Priority;
import uk.co.omniops.escalation.EscalationBanner;
import uk.co.omniops.prediction.Prediction;
import uk.co.omniops.suggestion.SuggestionPanel;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.UserAccount;

/**
 * One conversation in the workspace: header with actions, the thread (contact, agent, internal notes), the
 * composer (reply or internal note) and the contact panel. Everything shown is read through the modules'
 * services under the viewer's customer; {@link #refresh()} re-reads it (live updates, rollout changes).
 *
 * <p>The AI features (sentiment badge per contact message and the header's sparkline, category tags, the
 * escalation banner, suggested replies, the prediction in the header) render only while their flag is on for the customer: a feature switched
 * off leaves no trace, without a reload. Agents correct a message's sentiment (menu on its badge) and categories
 * (dialog); the re-analysis publishes {@code message.analysed}, which refreshes every open workspace.
 */
class ConversationPanel extends Div {

    static final int MAX_LENGTH = 10_000;
    private static final String REPLY = "Reply";
    private static final String NOTE = "Internal note";

    private final Workspace workspace;
    private final ConversationManagement conversations;
    private final TenancyManagement tenancy;
    private final OmniOpsUser viewer;
    private final CustomerId customer;
    private final ConversationId id;
    private final Supplier<ZoneId> zone;
    private final Runnable changed;

    private final Div escalationSlot = slot("escalation-banner");
    private @Nullable EscalationBanner escalationBanner;
    private @Nullable SuggestionPanel suggestionPanel;
    private Workspace.Features features;
    private Map<MessageId, MessageAnalysis> analyses = Map.of();
    private Map<String, String> categoryNames = Map.of();
    private final Div header = new Div();
    private final HeaderParts headerParts = new HeaderParts();
    private final Div thread = new Div();
    /** The thread's items in order, with what each shows (see {@link #renderThread}). */
    private final LinkedHashMap<MessageId, RenderedItem> rendered = new LinkedHashMap<>();
    private final Div contactPanel = new Div();
    private @Nullable ContactShown contactShown;
    private final SimilarConversationsPanel similar = new SimilarConversationsPanel();
    /** What the similar conversations were last read for: analysed messages and status (see {@link #renderSimilar}). */
    private @Nullable String similarReadFor;
    private final RadioButtonGroup<String> mode = new RadioButtonGroup<>("Write");
    private final TextArea composer = new TextArea();
    private final Span counter = new Span();
    private final Button send = new Button("Send");
    private final Div suggestedReplies = slot("suggested-replies");

    private @Nullable ConversationDetails details;

    ConversationPanel(Workspace workspace, OmniOpsUser viewer, CustomerId customer, ConversationId id,
            Supplier<ZoneId> zone, Runnable changed) {
        this.workspace = workspace;
        this.conversations = workspace.conversations();
        this.tenancy = workspace.tenancy();
        this.features = workspace.features(customer);
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
        // it scrolls when the details are long: keyboard users must be able to reach it (axe: scrollable-region-focusable)
        contactPanel.getElement().setAttribute("tabindex", "0");
        contactPanel.getElement().setAttribute("aria-label", "Contact details");
        contactPanel.addClassName("omniops-contact-panel");
        contactPanel.getElement().setAttribute("role", "complementary");
        contactPanel.getElement().setAttribute("aria-label", "Contact");

        var body = new Div(thread, contactPanel);
        body.addClassName("omniops-conv-body");
        add(escalationSlot, header, body, composer());
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
        features = workspace.features(customer);
        analyses = details != null && features.analysis() ? readAnalyses() : Map.of();
        categoryNames = features.categories() ? readCategoryNames() : Map.of();
        if (details == null) {
            contactPanel.removeAll();
            contactShown = null;
            header.removeAll();
            thread.removeAll();
            rendered.clear();
            header.add(new H2("Conversation not found"),
                    new Paragraph("It may belong to another customer or have been removed."));
            composer.setEnabled(false);
            send.setEnabled(false);
            return;
        }
        renderEscalation();
        renderSuggestions(details.conversation().status() != ConversationStatus.RESOLVED);
        renderHeader(details);
        var appended = renderThread(details);
        renderContact(details);
        renderSimilar(details);
        if (appended) {
            thread.getElement().executeJs("requestAnimationFrame(() => this.scrollTop = this.scrollHeight)");
        }
    }

    // ---- header and actions

    /**
     * The header's subject, facts and actions. Subject and actions stay and only change their state on a redraw (a
     * live update redraws the header several times a second in a busy conversation: re-creating the buttons and the
     * priority select each time made every push larger and the tab slower, docs/benchmarks.md §3); each fact is a
     * {@link Part} drawn again only when its value changed, and the sparkline moves its line in place.
     */
    private void renderHeader(ConversationDetails d) {
        var c = d.conversation();
        var h = headerParts;
        if (header.getComponentCount() != 3 || header.getComponentAt(0) != h.subject) {
            header.removeAll();
            header.add(h.subject, h.facts, h.actions);
        }
        h.subject.setText(c.subject());

        var facts = new java.util.ArrayList<Component>(List.of(h.contact.of(d.contact().name()), h.status.of(c.status()),
                h.priority.of(c.priority()), h.assignee.of(Optional.ofNullable(c.assigneeName())),
                h.categories.of(conversationCategories())));
        if (features.sentiment()) {
            h.sparkline.show(trend());
            facts.add(h.sparkline);
        }
        // a resolved conversation shows what happened, not a forecast of it; reopening brings the prediction back
        if (features.predictions() && c.status() != ConversationStatus.RESOLVED) {
            workspace.predictions().current(customer, id).ifPresent(p -> facts.add(h.prediction.of(p)));
        }
        Part.place(h.facts, facts);

        h.assignToMe.setEnabled(!viewer.id().equals(c.assigneeId()));
        var resolved = c.status() == ConversationStatus.RESOLVED;
        h.resolve.setVisible(!resolved);
        h.reopen.setVisible(resolved);
        if (resolved) {
            h.resolve.removeThemeVariants(ButtonVariant.LUMO_SUCCESS);
        } else {
            h.resolve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        }
        if (h.prioritySelect.getValue() != c.priority()) {
            h.prioritySelect.setValue(c.priority());
        }
    }

    /** The header's lasting parts (see {@link #renderHeader}); each fact is drawn again only when it changes. */
    private final class HeaderParts {

        final H2 subject = new H2();
        final Div facts = new Div();
        final Part<String> contact = new Part<>(name -> {
            var contact = new Span(name);
            contact.addClassName("omniops-conv-contact");
            return contact;
        });
        final Part<ConversationStatus> status = new Part<>(s -> {
            var status = badge(label(s), statusVariant(s));
            status.setId("conversation-status");
            return status;
        });
        final Part<Priority> priority = new Part<>(p -> {
            var priority = badge(label(p) + " priority", priorityVariant(p));
            priority.setId("conversation-priority");
            return priority;
        });
        final Part<Optional<String>> assignee = new Part<>(name -> {
            var assignee = new Span(name.map(n -> "Assigned to " + n).orElse("Unassigned"));
            assignee.setId("conversation-assignee");
            assignee.addClassName("omniops-secondary");
            return assignee;
        });
        final Part<ConversationCategories> categories = new Part<>(ConversationPanel::conversationCategories);
        final SentimentSparkline sparkline = new SentimentSparkline();
        final Part<Prediction> prediction = new Part<>(ConversationPanel::prediction);
        final Button assignToMe = action("Assign to me", VaadinIcon.USER_CHECK, ConversationPanel.this::assignToMe);
        final Button transfer = action("Transfer", VaadinIcon.EXCHANGE, ConversationPanel.this::openTransfer);
        final Button resolve = action("Resolve", VaadinIcon.CHECK, ConversationPanel.this::resolve);
        final Button reopen = action("Reopen", VaadinIcon.ROTATE_LEFT, ConversationPanel.this::reopen);
        final Select<Priority> prioritySelect = new Select<>();
        final Div actions;

        HeaderParts() {
            subject.setId("conversation-subject");
            subject.addClassName("omniops-conv-subject");
            facts.addClassName("omniops-conv-facts");
            assignToMe.setId("assign-to-me");
            transfer.setId("transfer");
            resolve.setId("resolve");
            reopen.setId("reopen");
            prioritySelect.setId("priority-select");
            prioritySelect.setAriaLabel("Priority");
            prioritySelect.setItems(Priority.values());
            prioritySelect.setItemLabelGenerator(p -> label(p) + " priority");
            prioritySelect.addThemeName("small");
            prioritySelect.addValueChangeListener(e -> {
                if (e.isFromClient() && e.getValue() != null) {
                    act(() -> conversations.changePriority(customer, id, e.getValue()));
                }
            });
            actions = new Div(assignToMe, transfer, resolve, reopen, prioritySelect);
            actions.addClassName("omniops-conv-actions");
        }
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

    /**
     * Brings the thread up to date without redrawing it: a live update usually adds one message or one analysis, so
     * only new messages are appended, a message whose analysis (or the features showing it) changed gets its badge and
     * tags replaced in place, and a message that changed otherwise (its time text) is replaced. Anything else (a
     * message gone, another order) redraws the thread.
     *
     * @return whether messages were appended (the thread then scrolls to the newest)
     */
    private boolean renderThread(ConversationDetails d) {
        var now = Instant.now();
        var messages = d.messages();
        var ids = messages.stream().map(Message::id).toList();
        var known = List.copyOf(rendered.keySet());
        if (messages.isEmpty() || known.size() > ids.size() || !ids.subList(0, known.size()).equals(known)) {
            thread.removeAll();
            rendered.clear();
            if (messages.isEmpty()) {
                thread.add(new Paragraph("No messages yet."));
                return false;
            }
        }
        var appended = false;
        for (var m : messages) {
            var state = new ItemState(m, d.contact().name(), TimeTexts.stamp(m.createdAt(), zone.get(), now),
                    TimeTexts.full(m.createdAt(), zone.get()), analysisOf(m), features.sentiment(), features.categories(),
                    categoryNames);
            var current = rendered.get(m.id());
            if (current == null) {
                var item = new MessageItem(m, d, now);
                thread.add(item.item);
                rendered.put(m.id(), new RenderedItem(item, state));
                appended = true;
            } else if (current.state().equals(state)) {
                continue;
            } else if (current.state().withoutAnalysis().equals(state.withoutAnalysis())) {
                // the usual change: the message's analysis arrived; its badge and tags are added to the item in place
                current.item().showAnalysis(m);
                rendered.put(m.id(), new RenderedItem(current.item(), state));
            } else {
                var item = new MessageItem(m, d, now);
                thread.replace(current.item().item, item.item);
                rendered.put(m.id(), new RenderedItem(item, state));
            }
        }
        return appended;
    }

    /** What a message's item shows: equal states render equal items. */
    private record ItemState(Message message, String contactName, String time, String fullTime,
            @Nullable MessageAnalysis analysis, boolean sentiment, boolean categories, Map<String, String> categoryNames) {

        /** The same state without what the analysis adds (badge, tags). */
        ItemState withoutAnalysis() {
            return new ItemState(message, contactName, time, fullTime, null, false, false, Map.of());
        }
    }

    private record RenderedItem(MessageItem item, ItemState state) {}

    /** One message in the thread: author, time, text, and the analysis's badge and tags once it has arrived. */
    private final class MessageItem {

        final Div item = new Div();
        final Div meta;
        @Nullable Component badge;
        @Nullable Component tags;

        MessageItem(Message m, ConversationDetails d, Instant now) {
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
            meta = new Div(author, time);
            meta.addClassName("omniops-msg-meta");
            var text = new Paragraph();
            text.setText(m.text());
            text.addClassName("omniops-msg-text");
            item.add(meta, text);
            showAnalysis(m);
        }

        /** Replaces the badge and the tags with those of the message's current analysis (none: removed). */
        void showAnalysis(Message m) {
            if (badge != null) {
                meta.remove(badge);
                badge = null;
            }
            if (tags != null) {
                item.remove(tags);
                tags = null;
            }
            var analysis = analysisOf(m);
            if (features.sentiment() && analysis != null && analysis.sentiment() != null) {
                badge = sentimentControl(m.id(), analysis.sentiment(), analysis.corrected());
                meta.add(badge);
            }
            if (features.categories() && analysis != null) {
                tags = messageCategories(m.id(), analysis);
                item.add(tags);
            }
        }
    }

    private @Nullable MessageAnalysis analysisOf(Message m) {
        return m.authorType() == AuthorType.CONTACT && !m.internal() ? analyses.get(m.id()) : null;
    }

    // ---- contact

    /** What the contact panel shows; it is drawn again only when this changes. */
    private record ContactShown(Contact contact, String since, long otherConversations, String channel,
            @Nullable Contact claimed) {}

    private void renderContact(ConversationDetails d) {
        var contact = d.contact();
        var claimed = contact.verified() ? null : conversations.knownContactClaimed(customer, id).orElse(null);
        var shown = new ContactShown(contact, TimeTexts.day(contact.createdAt(), zone.get()),
                otherConversations(d), d.conversation().channel(), claimed);
        if (shown.equals(contactShown)) {
            return;
        }
        contactShown = shown;
        contactPanel.removeAll();
        // first: what the agent can reuse now; the contact's details below it
        contactPanel.add(similar);
        var title = new H3(contact.name());
        title.setId("contact-name");
        contactPanel.add(title);
        if (contact.vip()) {
            var vip = badge("VIP", BadgeVariant.WARNING);
            vip.setId("contact-vip");
            contactPanel.add(vip);
        }
        if (!contact.verified()) {
            var unverified = badge("Unverified", BadgeVariant.CONTRAST);
            unverified.setId("contact-unverified");
            unverified.getElement().setAttribute("title", "Name and e-mail as typed on the chat page, not checked");
            contactPanel.add(unverified);
            var why = new Paragraph("Name and e-mail were typed on the chat page and are not checked. Do not share "
                    + "account details until you are sure who this is.");
            why.addClassName("omniops-contact-unverified");
            contactPanel.add(why);
            if (claimed != null) {
                var link = new Button("Link to " + claimed.name() + (claimed.vip() ? " (VIP)" : ""), e -> {
                    var confirm = new ConfirmDialog("Link to the known contact?",
                            "Only link once you have checked that this visitor is " + claimed.name() + " ("
                                    + claimed.email() + "), e.g. with a detail only they know. The conversation will "
                                    + "join their history" + (claimed.vip() ? " and count as a VIP's." : "."),
                            "Link", ok -> act(() -> conversations.linkToKnownContact(customer, id, viewer.id())));
                    confirm.setCancelable(true);
                    confirm.open();
                });
                link.setId("contact-link-known");
                link.addThemeVariants(ButtonVariant.LUMO_SMALL);
                contactPanel.add(link);
            }
        }
        contactPanel.add(fact("E-mail", contact.email() == null ? "—" : contact.email()));
        if (contact.phone() != null) {
            contactPanel.add(fact("Phone", contact.phone()));
        }
        contactPanel.add(fact("Contact since", shown.since()));
        var count = fact("Other conversations", String.valueOf(shown.otherConversations()));
        count.setId("contact-other-conversations");
        contactPanel.add(count);
        contactPanel.add(fact("Channel", shown.channel()));
    }

    /**
     * Resolved conversations like this one (the analysis module's sentence vectors), read again only when a contact
     * message was analysed or the status changed: live updates redraw the panel several times a second.
     */
    private void renderSimilar(ConversationDetails d) {
        var readFor = features.analysis() + "/" + analyses.size() + "/" + d.conversation().status();
        if (readFor.equals(similarReadFor)) {
            return;
        }
        similarReadFor = readFor;
        similar.show(features.analysis()
                ? workspace.analysis().similarResolved(customer, id, SimilarConversationsPanel.LIMIT)
                : List.of());
    }

    /** The contact's other conversations with this customer, in any status. */
    private long otherConversations(ConversationDetails d) {
        return Math.max(0, conversations.conversationsOfContact(customer, d.contact().id()) - 1);
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
        suggestedReplies.addClassName("omniops-suggestions-slot");
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

    // ---- AI features: each renders only while its flag is on

    private Map<MessageId, MessageAnalysis> readAnalyses() {
        try {
            return workspace.analysis().analyses(customer, id);
        } catch (RuntimeException e) {
            return Map.of(); // the conversation stays usable without its analysis
        }
    }

    private Map<String, String> readCategoryNames() {
        try {
            return workspace.analysis().categories(customer).stream()
                    .collect(java.util.stream.Collectors.toMap(CategoryDefinition::key, CategoryDefinition::displayName,
                            (a, b) -> a));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private void renderEscalation() {
        if (features.escalation()) {
            if (escalationBanner == null) {
                escalationBanner = new EscalationBanner(workspace.escalations(), workspace.liveUpdates(), customer, id);
                escalationSlot.add(escalationBanner);
            } else {
                escalationBanner.refresh();
            }
        } else if (escalationBanner != null) {
            escalationSlot.remove(escalationBanner);
            escalationBanner = null;
        }
    }

    /** Suggested replies while the feature is on and the conversation is open (nobody replies to a resolved one). */
    private void renderSuggestions(boolean open) {
        if (features.suggestions() && open) {
            if (suggestionPanel == null) {
                suggestionPanel = new SuggestionPanel(workspace.suggestions(), workspace.liveUpdates(), customer, id,
                        viewer.id(), this::insertSuggestion);
                suggestedReplies.add(suggestionPanel);
                suggestionPanel.refresh();
            }
        } else if (suggestionPanel != null) {
            suggestedReplies.remove(suggestionPanel);
            suggestionPanel = null;
        }
    }

    /** A picked suggestion replaces an empty draft, else goes below it; the agent edits and sends. */
    private void insertSuggestion(String text) {
        mode.setValue(REPLY);
        composer.getElement().executeJs("return this.value").then(String.class, current -> {
            var draft = current == null ? "" : current.strip();
            composer.setValue(draft.isEmpty() ? text : draft + "\n\n" + text);
            updateCounter(composer.getValue().length());
            composer.focus();
        });
    }

    /**
     * The latest prediction (risk, expected CSAT, expected resolution, top factors); refreshed with the rest of the
     * panel on {@code prediction.updated}.
     */
    private static Component prediction(Prediction p) {
        var risk = new Span(String.format(Locale.ROOT, "Escalation risk %d %%", Math.round(p.escalationRisk() * 100)));
        risk.setId("prediction-risk");
        risk.getElement().getThemeList().add("badge pill small "
                + (p.escalationRisk() >= 0.7 ? "error" : p.escalationRisk() >= 0.4 ? "warning" : "success"));
        var csat = new Span(String.format(Locale.ROOT, "Expected CSAT %.1f", p.expectedCsat()));
        csat.setId("prediction-csat");
        var minutes = p.expectedResolutionMinutes();
        var resolution = new Span("Resolution ~" + (minutes < 120 ? minutes + " min" : Math.round(minutes / 60.0) + " h"));
        resolution.setId("prediction-resolution");
        var factors = new Span(String.join(" · ", p.factors()));
        factors.setId("prediction-factors");
        factors.addClassName("omniops-secondary");
        var box = new Div(risk, csat, resolution, factors);
        box.setId("conversation-prediction");
        box.addClassName("omniops-prediction");
        box.getElement().setAttribute("role", "group");
        box.getElement().setAttribute("aria-label", "Prediction");
        box.getElement().setAttribute("title", p.model());
        box.getStyle().set("display", "inline-flex").set("gap", "var(--lumo-space-s)").set("align-items", "center")
                .set("flex-wrap", "wrap");
        return box;
    }

    /** The conversation's sentiment scores for the sparkline (none when they cannot be read). */
    private List<SentimentPoint> trend() {
        try {
            return workspace.analysis().trend(customer, id);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** What the header's category tags show: every key on any of the conversation's messages, with its name. */
    private record ConversationCategories(boolean shown, Map<String, String> names) {}

    private ConversationCategories conversationCategories() {
        if (!features.categories()) {
            return new ConversationCategories(false, Map.of());
        }
        var names = new java.util.TreeMap<String, String>();
        analyses.values().forEach(a -> a.categories().forEach(c ->
                names.put(c.key(), categoryNames.getOrDefault(c.key(), c.key()))));
        return new ConversationCategories(true, names);
    }

    private static Component conversationCategories(ConversationCategories categories) {
        var box = new Div();
        box.setId("conversation-categories");
        box.addClassName("omniops-conv-categories");
        if (!categories.shown()) {
            box.setVisible(false);
            return box;
        }
        var keys = categories.names().keySet();
        box.getElement().setAttribute("aria-label", "Conversation categories: "
                + (keys.isEmpty() ? "none" : AnalysisViews.names(keys, categories.names())));
        categories.names().forEach((key, name) -> {
            var tag = new Span(name);
            tag.addClassName("omniops-category-tag");
            tag.addClassName("omniops-category-tag--conversation");
            tag.getElement().setAttribute("data-category", key);
            box.add(tag);
        });
        box.setVisible(!keys.isEmpty());
        return box;
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
            var item = menu.addItem(AnalysisViews.capitalised(label), e -> correctSentiment(message, label));
            item.setCheckable(true);
            item.setChecked(label.equals(sentiment.label()));
        }
        return button;
    }

    private Component messageCategories(MessageId message, MessageAnalysis analysis) {
        var box = new Div();
        box.addClassName("omniops-msg-categories");
        box.getElement().setAttribute("data-message-id", message.toString());
        box.getElement().setAttribute("role", "group");
        box.getElement().setAttribute("aria-label", "Categories");
        for (var c : analysis.categories()) {
            box.add(AnalysisViews.categoryTag(c, categoryNames));
        }
        var edit = new Button(VaadinIcon.TAGS.create(), e -> openCategories(message, analysis));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ICON);
        edit.addClassName("omniops-category-edit");
        edit.setAriaLabel("Edit categories");
        edit.setTooltipText("Edit categories");
        box.add(edit);
        return box;
    }

    private void correctSentiment(MessageId message, String label) {
        try {
            workspace.analysis().correctSentiment(customer, message, label, viewer.id());
        } catch (RuntimeException e) {
            error("The sentiment could not be changed: " + e.getMessage());
        }
        refresh();
    }

    void openCategories(MessageId message, MessageAnalysis analysis) {
        var current = analysis.categories().stream().map(MessageAnalysed.Category::key)
                .collect(java.util.stream.Collectors.toSet());
        var active = workspace.analysis().categories(customer).stream()
                .filter(c -> !c.retired() || current.contains(c.key())).toList();
        var dialog = new Dialog();
        dialog.setId("categories-dialog");
        dialog.setHeaderTitle("Categories of this message");
        var choice = new CheckboxGroup<CategoryDefinition>("Categories");
        choice.setId("categories-choice");
        choice.setItems(active);
        choice.setItemLabelGenerator(CategoryDefinition::displayName);
        choice.setValue(active.stream().filter(c -> current.contains(c.key())).collect(java.util.stream.Collectors.toSet()));
        choice.addClassName("omniops-categories-choice");
        var save = new Button("Save", e -> {
            var chosen = choice.getValue().stream().map(CategoryDefinition::key)
                    .collect(java.util.stream.Collectors.toSet());
            var add = new java.util.HashSet<>(chosen);
            add.removeAll(current);
            var remove = new java.util.HashSet<>(current);
            remove.removeAll(chosen);
            if (!add.isEmpty() || !remove.isEmpty()) {
                try {
                    workspace.analysis().correctCategories(customer, message, add, remove, viewer.id());
                } catch (RuntimeException ex) {
                    error("The categories could not be changed: " + ex.getMessage());
                }
            }
            dialog.close();
            refresh();
        });
        save.setId("categories-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", e -> dialog.close());
        dialog.add(new Paragraph("Your choice teaches this customer's model (default categories)."), choice);
        dialog.getFooter().add(cancel, save);
        dialog.open();
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
