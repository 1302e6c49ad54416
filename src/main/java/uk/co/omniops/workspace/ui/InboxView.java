package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.masterdetaillayout.MasterDetailLayout;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.ConversationSummary;
import uk.co.omniops.conversation.DemoTraffic;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.shell.CurrentUser;
import uk.co.omniops.shell.LiveRefresh;
import uk.co.omniops.shell.MainLayout;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;

/**
 * The agents' inbox: the queue ({@link InboxGrid}, scope chips with counts, filters, sort; {@link InboxToolbar},
 * {@link InboxFilters}) beside the open conversation, which is its child route {@link ConversationView}
 * ({@code inbox/<id>}, the id in the URL). Live updates for the viewer's customer refresh the list without a reload;
 * single-key shortcuts ({@link InboxShortcuts}) work everywhere except while typing.
 */
@Route("inbox")
@ParentLayout(MainLayout.class)
@PageTitle("Inbox · OmniOps")
@Menu(order = 1, icon = "vaadin:inbox", title = "Inbox")
@RolesAllowed({"AGENT", "SUPERVISOR"})
class InboxView extends MasterDetailLayout implements AfterNavigationObserver {

    private static final Logger log = LoggerFactory.getLogger(InboxView.class);

    private final Workspace workspace;
    private final ConversationManagement conversations;
    private final InboxReads reads;
    /** When this inbox last received a live update ({@link System#nanoTime}): shared reads must be newer. */
    private volatile long updateReceived = System.nanoTime();

    private final OmniOpsUser viewer;
    private final CustomerId customer;

    private final InboxGrid grid;
    private final InboxToolbar toolbar;
    private final InboxFilters filters;
    private Workspace.Features features;
    private final Div placeholder = new Div();

    private InboxQuery.Scope scope = InboxQuery.Scope.ALL;
    /** The open conversation (the child route), if any. */
    private @Nullable ConversationView open;

    private volatile ZoneId zone = ZoneId.systemDefault();

    InboxView(Workspace workspace, InboxReads reads, DemoTraffic simulator, CurrentUser currentUser) {
        this.workspace = workspace;
        this.reads = reads;
        this.conversations = workspace.conversations();
        this.viewer = currentUser.require();
        this.customer = viewer.customerId().orElseThrow(() -> new IllegalStateException("inbox needs a customer"));
        this.features = workspace.features(customer);
        setId("inbox");
        addClassName("omniops-inbox");
        setSizeFull();
        // 27 + 34 rem fit beside each other from ≈ 1000 px: at 1280×800 the conversation sits beside the list, also
        // with a supervisor's navigation drawer; below that it opens over the list
        setMasterSize("27rem");
        setDetailSize("34rem");
        setExpandDetail(true);

        toolbar = new InboxToolbar(
                workspace, viewer, customer, simulator, this::setScope, this::openHelp, this::showNewWork);
        filters = new InboxFilters(this::refreshList);
        grid = new InboxGrid(reads, customer, this::query, this::open);
        var list = new Div(toolbar, filters, grid);
        list.addClassName("omniops-inbox-list");
        applyFeatures();
        setMaster(list);

        placeholder.setId("no-conversation");
        placeholder.addClassName("omniops-no-conversation");
        placeholder.add(
                new H2("No conversation open"),
                new Paragraph("Pick one from the list, or press j to open the next. Press ? for all shortcuts."));
        setDetail(placeholder);
        // the list and the chips redraw at most twice a second
        LiveRefresh.whileAttached(
                this,
                workspace.liveUpdates(),
                customer.value(),
                Duration.ofMillis(500),
                update -> {
                    updateReceived = System.nanoTime();
                    return true;
                },
                this::onListUpdates);
    }

    // ---- list

    /** The question behind the toolbar's count of new work (see {@link InboxGrid#isNew}), newest first. */
    private InboxQuery newWork() {
        return new InboxQuery(
                InboxQuery.Scope.UNASSIGNED,
                viewer.id(),
                Set.of(ConversationStatus.OPEN),
                Set.of(),
                InboxQuery.Sort.NEWEST);
    }

    /** The agent clicked the count of new work: the unassigned open conversations, newest first. */
    private void showNewWork() {
        filters.showNewest();
        setScope(InboxQuery.Scope.UNASSIGNED);
    }

    private InboxQuery query() {
        return filters.query(scope, viewer.id(), features);
    }

    /** Shows or hides the sentiment column, filter and sort with the customer's flag (no trace when off). */
    private void applyFeatures() {
        features = workspace.features(customer);
        grid.showSentiment(features.sentiment());
        filters.applyFeatures(features);
    }

    private void setScope(InboxQuery.Scope s) {
        scope = s;
        refreshList();
    }

    private void refreshList() {
        refreshList(System.nanoTime());
    }

    /** @param notBefore the chips may show counts read at or after this {@link System#nanoTime} */
    private void refreshList(long notBefore) {
        grid.refreshAll(notBefore);
        refreshChips(notBefore);
    }

    /** After live updates: only the rows that changed, unless the list itself changed. */
    private void refreshChangedRows(long notBefore) {
        switch (grid.refreshChanged(notBefore)) {
            case ALL -> refreshList(notBefore);
            case ROWS -> refreshChips(notBefore);
            case NONE -> {}
        }
    }

    private void refreshChips(long notBefore) {
        Map<InboxQuery.Scope, Integer> counts;
        try {
            counts = reads.scopeCounts(customer, viewer.id(), notBefore);
        } catch (RuntimeException e) {
            log.warn("Inbox counts unavailable: {}", e.toString());
            counts = Map.of();
        }
        toolbar.showCounts(counts, scope);
        try {
            toolbar.showNew(reads.count(customer, newWork(), notBefore));
        } catch (RuntimeException e) {
            log.warn("Inbox new count unavailable: {}", e.toString());
        }
    }

    // ---- the open conversation (child route)

    private void open(ConversationId id) {
        UI.getCurrent()
                .navigate(ConversationView.class, new RouteParameters(ConversationView.PARAMETER, id.toString()));
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        setDetail((Component) content);
    }

    @Override
    public void removeRouterLayoutContent(@Nullable HasElement content) {
        setDetail(placeholder);
    }

    /** After every navigation in the inbox: the open conversation (if any) is connected, and selected in the list. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        var target =
                event.getActiveChain().isEmpty() ? null : event.getActiveChain().getFirst();
        if (target instanceof ConversationView view) {
            open = view;
            view.connect(() -> zone, this::refreshList);
            view.details().ifPresent(d -> grid.select(summaryOf(d)));
        } else {
            open = null;
            setDetail(placeholder);
            grid.deselectAll();
        }
    }

    private static ConversationSummary summaryOf(ConversationDetails d) {
        var c = d.conversation();
        return new ConversationSummary(
                c.id(),
                d.contact().name(),
                c.subject(),
                c.status(),
                c.priority(),
                c.assigneeId(),
                c.assigneeName(),
                "",
                c.lastCustomerMessageAt(),
                null,
                c.messageCount(),
                c.updatedAt());
    }

    /** j / k: the next or previous conversation in the list as currently filtered and sorted. */
    private void step(int direction) {
        List<ConversationSummary> rows = conversations.inbox(customer, query(), 0, 500);
        if (rows.isEmpty()) {
            return;
        }
        var current = open == null ? null : open.conversationId().orElse(null);
        int index = -1;
        for (int i = 0; current != null && i < rows.size(); i++) {
            if (rows.get(i).id().equals(current)) {
                index = i;
                break;
            }
        }
        int next = index < 0 ? (direction > 0 ? 0 : rows.size() - 1) : index + direction;
        if (next >= 0 && next < rows.size()) {
            open(rows.get(next).id());
            grid.scrollToIndex(next);
        }
    }

    // ---- keyboard

    @ClientCallable
    void shortcut(String key) {
        switch (key) {
            case "j" -> step(1);
            case "k" -> step(-1);
            case "a" -> withOpen(ConversationView::assignToMe);
            case "t" -> withOpen(ConversationView::openTransfer);
            case "r" -> withOpen(v -> v.focusReply(false));
            case "n" -> withOpen(v -> v.focusReply(true));
            case "e" -> withOpen(ConversationView::resolve);
            case "o" -> withOpen(ConversationView::reopen);
            case "1" -> setScope(InboxQuery.Scope.MINE);
            case "2" -> setScope(InboxQuery.Scope.UNASSIGNED);
            case "3" -> setScope(InboxQuery.Scope.ALL);
            case "?" -> openHelp();
            default -> {}
        }
    }

    private void withOpen(Consumer<ConversationView> action) {
        var view = open;
        if (view != null && view.details().isPresent()) {
            action.accept(view);
        }
    }

    void openHelp() {
        new ShortcutHelp().open();
    }

    // ---- attach, detach and live updates

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        attachEvent.getUI().getPage().retrieveExtendedClientDetails(details -> {
            try {
                zone = ZoneId.of(details.getTimeZoneId());
            } catch (RuntimeException e) {
                zone = ZoneId.systemDefault();
            }
        });
        refreshChips(System.nanoTime());
        InboxShortcuts.install(this);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        InboxShortcuts.uninstall(detachEvent.getUI());
        super.onDetach(detachEvent);
    }

    /** Inside {@code ui.access}, with the updates merged since the last call: re-read through the services. */
    private void onListUpdates(List<LiveUpdate> updates) {
        if (updates.stream().anyMatch(u -> u.is(LiveUpdate.Kind.MESSAGE_ANALYSED))) {
            toolbar.refreshCorrectionStats(features);
        }
        // every update of this batch was received by now; reads of other inboxes started since then may answer
        var notBefore = updateReceived;
        if (updates.stream().anyMatch(u -> u.is(LiveUpdate.Kind.ROLLOUT_CHANGED))) {
            applyFeatures();
            refreshList();
        } else {
            refreshChangedRows(notBefore);
        }
    }
}
