package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.CategoryDefinition;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessageAnalysis;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.Priority;
import uk.co.omniops.shell.CurrentUser;
import uk.co.omniops.shell.LiveRefresh;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.UserAccount;

/**
 * The open conversation, a child route of the inbox ({@code inbox/<id>}): {@link ConversationHeader}, the
 * {@link ConversationThread}, the {@link ContactPanel}, the {@link Composer} and the {@link AiSlots}. Everything shown
 * is read through the modules' services under the viewer's customer; {@link #refresh()} reads it once and hands it
 * to each part (live updates about this conversation, rollout changes, the agent's own actions).
 *
 * <p>The router keeps this view when the agent opens another conversation: {@link #beforeEnter} then builds the
 * parts again for it. Agents correct a message's sentiment (menu on its badge) and categories
 * ({@link CategoriesDialog}); the re-analysis publishes {@code message.analysed}, which refreshes every open view of
 * the conversation.
 */
@Route(value = "inbox/:conversationId", layout = InboxView.class)
@PageTitle("Inbox · OmniOps")
@RolesAllowed({"AGENT", "SUPERVISOR"})
class ConversationView extends Div implements BeforeEnterObserver {

    static final String PARAMETER = "conversationId";

    private final Workspace workspace;
    private final ConversationManagement conversations;
    private final OmniOpsUser viewer;
    private final CustomerId customer;
    private Supplier<ZoneId> zone = ZoneId::systemDefault;
    private Runnable changed = () -> {};

    private @Nullable ConversationId id;
    private @Nullable ConversationDetails details;
    private @Nullable Parts parts;

    /** The parts drawn for one conversation. */
    private record Parts(
            AiSlots slots,
            ConversationHeader header,
            ConversationThread thread,
            ContactPanel contact,
            Composer composer) {}

    ConversationView(Workspace workspace, CurrentUser currentUser) {
        this.workspace = workspace;
        this.conversations = workspace.conversations();
        this.viewer = currentUser.require();
        this.customer = viewer.customerId().orElseThrow(() -> new IllegalStateException("inbox needs a customer"));
        setId("conversation");
        addClassName("omniops-conv");
        // the open conversation redraws at once after a quiet spell and at most ten times a second in a busy one (a
        // gap lets each redraw reach the browser: push happens when the session lock is released)
        LiveRefresh.whileAttached(
                this,
                workspace.liveUpdates(),
                customer.value(),
                Duration.ofMillis(100),
                update -> id != null
                        && (update.subjectId() == null || update.subjectId().equals(id.value())),
                updates -> refresh());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var next = event.getRouteParameters()
                .get(PARAMETER)
                .flatMap(ConversationView::parse)
                .orElse(null);
        if (next == null) {
            event.rerouteTo(InboxView.class);
        } else if (next.equals(id)) {
            refresh();
        } else {
            open(next);
        }
    }

    private static Optional<ConversationId> parse(String parameter) {
        try {
            return Optional.of(ConversationId.of(parameter));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Connects the view to the inbox around it.
     *
     * @param zone the browser's time zone, once known
     * @param changed runs after the agent changed the conversation (the list shows it at once)
     */
    void connect(Supplier<ZoneId> zone, Runnable changed) {
        this.zone = zone;
        this.changed = changed;
    }

    Optional<ConversationId> conversationId() {
        return Optional.ofNullable(id);
    }

    Optional<ConversationDetails> details() {
        return Optional.ofNullable(details);
    }

    private void open(ConversationId next) {
        id = next;
        details = null;
        getElement().setAttribute("data-conversation-id", next.toString());
        var slots = new AiSlots(
                workspace,
                customer,
                next,
                viewer.id(),
                text -> requireParts().composer().insert(text));
        var header = new ConversationHeader(
                workspace,
                customer,
                next,
                new ConversationHeader.Actions(
                        this::assignToMe, this::openTransfer, this::resolve, this::reopen, this::changePriority));
        var thread = new ConversationThread(this::correctSentiment, this::openCategories);
        var contact = new ContactPanel(
                workspace,
                customer,
                next,
                () -> act(() -> conversations.linkToKnownContact(customer, next, viewer.id())));
        var composer = new Composer(
                this::send,
                () -> {
                    refresh();
                    changed.run();
                },
                note -> getElement().getClassList().set("omniops-conv--note-mode", note),
                slots.suggestions());
        parts = new Parts(slots, header, thread, contact, composer);
        var body = new Div(thread, contact);
        body.addClassName("omniops-conv-body");
        removeAll();
        add(slots.escalation(), header, body, composer);
        refresh();
    }

    private Parts requireParts() {
        if (parts == null) {
            throw new IllegalStateException("no conversation open");
        }
        return parts;
    }

    /** Re-reads the conversation and redraws everything but the composer (an unsent draft stays). */
    void refresh() {
        if (id == null || parts == null) {
            return;
        }
        details = conversations.find(customer, id).orElse(null);
        var features = workspace.features(customer);
        if (details == null) {
            parts.contact().clear();
            parts.header().notFound();
            parts.thread().clear();
            parts.composer().disable();
            return;
        }
        var state = new ConversationState(
                details,
                features,
                features.analysis() ? readAnalyses(id) : Map.of(),
                features.categories() ? readCategoryNames() : Map.of(),
                zone.get());
        parts.slots().render(state);
        parts.header().render(state, viewer.id());
        parts.thread().render(state);
        parts.contact().render(state);
    }

    private Map<MessageId, MessageAnalysis> readAnalyses(ConversationId conversation) {
        try {
            return workspace.analysis().analyses(customer, conversation);
        } catch (RuntimeException e) {
            return Map.of(); // the conversation stays usable without its analysis
        }
    }

    private Map<String, String> readCategoryNames() {
        try {
            return workspace.analysis().categories(customer).stream()
                    .collect(Collectors.toMap(CategoryDefinition::key, CategoryDefinition::displayName, (a, b) -> a));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    // ---- the agent's actions (header buttons, keyboard shortcuts, dialogs)

    void assignToMe() {
        act(() -> conversations.assign(customer, requireId(), viewer.id()));
    }

    void resolve() {
        if (details != null && details.conversation().status() != ConversationStatus.RESOLVED) {
            act(() -> conversations.resolve(customer, requireId(), viewer.id()));
        }
    }

    void reopen() {
        if (details != null && details.conversation().status() == ConversationStatus.RESOLVED) {
            act(() -> conversations.reopen(customer, requireId(), viewer.id()));
        }
    }

    void focusReply(boolean note) {
        requireParts().composer().focusReply(note);
    }

    void openTransfer() {
        var people = workspace.tenancy().users(customer).stream()
                .filter(u -> u.enabled() && (u.role() == Role.AGENT || u.role() == Role.SUPERVISOR))
                .filter(u ->
                        details == null || !u.id().equals(details.conversation().assigneeId()))
                .sorted(Comparator.comparing(UserAccount::displayName))
                .toList();
        new TransferDialog(people, to -> act(() -> conversations.assign(customer, requireId(), to.id()))).open();
    }

    private void changePriority(Priority priority) {
        act(() -> conversations.changePriority(customer, requireId(), priority));
    }

    private void send(String text, boolean note) {
        if (note) {
            conversations.addNote(customer, requireId(), viewer.id(), text);
        } else {
            conversations.reply(customer, requireId(), viewer.id(), text);
        }
    }

    private void correctSentiment(MessageId message, String label) {
        try {
            workspace.analysis().correctSentiment(customer, message, label, viewer.id());
        } catch (RuntimeException e) {
            ConversationLabels.error("The sentiment could not be changed: " + e.getMessage());
        }
        refresh();
    }

    private void openCategories(MessageId message, MessageAnalysis analysis) {
        Set<String> current = analysis.categories().stream()
                .map(MessageAnalysed.Category::key)
                .collect(Collectors.toSet());
        var categories = workspace.analysis().categories(customer).stream()
                .filter(c -> !c.retired() || current.contains(c.key()))
                .toList();
        new CategoriesDialog(categories, current, (add, remove) -> {
                    if (!add.isEmpty() || !remove.isEmpty()) {
                        try {
                            workspace.analysis().correctCategories(customer, message, add, remove, viewer.id());
                        } catch (RuntimeException e) {
                            ConversationLabels.error("The categories could not be changed: " + e.getMessage());
                        }
                    }
                    refresh();
                })
                .open();
    }

    private void act(Runnable command) {
        try {
            command.run();
        } catch (ConversationNotFound | IllegalArgumentException | IllegalStateException e) {
            ConversationLabels.error(e.getMessage());
        }
        refresh();
        changed.run();
    }

    private ConversationId requireId() {
        if (id == null) {
            throw new IllegalStateException("no conversation open");
        }
        return id;
    }
}
