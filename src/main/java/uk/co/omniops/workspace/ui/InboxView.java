package uk.co.omniops.workspace.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.masterdetaillayout.MasterDetailLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.ConversationSummary;
import uk.co.omniops.conversation.DemoTraffic;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.conversation.Priority;
import uk.co.omniops.analysis.CorrectionStats;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.rollout.FeatureIndicator;
import uk.co.omniops.shell.CurrentUser;
import uk.co.omniops.shell.LiveRefresh;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;
import uk.co.omniops.tenancy.Role;

/**
 * The agents' live workspace: the inbox queue (lazy grid, scope chips with counts, filters, sort) and the open
 * conversation, whose id lives in the URL ({@code inbox/<id>}). Live updates for the viewer's customer refresh
 * both without a reload; single-key shortcuts ({@link #SHORTCUTS}) work everywhere except while typing.
 */
@Route("inbox/:conversationId?")
@PageTitle("Inbox · OmniOps")
@Menu(order = 1, icon = "vaadin:inbox", title = "Inbox")
@RolesAllowed({"AGENT", "SUPERVISOR"})
class InboxView extends MasterDetailLayout implements BeforeEnterObserver {

    private static final Logger log = LoggerFactory.getLogger(InboxView.class);
    private static final String PARAMETER = "conversationId";

    /** Every keyboard shortcut of the workspace, for the help dialog. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"j", "Next conversation"},
            new String[] {"k", "Previous conversation"},
            new String[] {"a", "Assign the open conversation to me"},
            new String[] {"t", "Transfer the open conversation"},
            new String[] {"r", "Reply: focus the composer"},
            new String[] {"n", "Write an internal note"},
            new String[] {"e", "Resolve the open conversation"},
            new String[] {"o", "Reopen the open conversation"},
            new String[] {"1 / 2 / 3", "Show mine / unassigned / all"},
            new String[] {"Ctrl+Enter", "Send the reply or note (in the composer)"},
            new String[] {"Esc", "Close a dialog"},
            new String[] {"?", "Show this help"});

    private final Workspace workspace;
    private final ConversationManagement conversations;
    private final LiveUpdates liveUpdates;
    private final InboxReads reads;
    /** When this inbox last received a live update ({@link System#nanoTime}): shared reads must be newer. */
    private volatile long updateReceived = System.nanoTime();
    /**
     * The grid's fetches may take rows read at or after this: the last refresh's moment (a user's change refreshes
     * with "now", a live update with when it was received), so a fetch never shows less than the inbox already knew.
     */
    private long fetchNotBefore = System.nanoTime();
    private final DemoTraffic simulator;
    private final OmniOpsUser viewer;
    private final CustomerId customer;

    private final Grid<ConversationSummary> grid = new Grid<>();
    private final Map<InboxQuery.Scope, Button> chips = new EnumMap<>(InboxQuery.Scope.class);
    private final Select<StatusFilter> statusFilter = new Select<>();
    private final Select<Priority> priorityFilter = new Select<>();
    private final Select<InboxQuery.Sort> sort = new Select<>();
    private final Select<String> sentimentFilter = new Select<>();
    private final Span correctionStats = new Span();
    private Grid.@Nullable Column<ConversationSummary> sentimentColumn;
    private Workspace.Features features;
    private final Div placeholder = new Div();

    private InboxQuery.Scope scope = InboxQuery.Scope.ALL;
    private @Nullable ConversationPanel panel;
    private LiveUpdates.@Nullable Registration subscription;
    private volatile ZoneId zone = ZoneId.systemDefault();
    /** The ranges the grid fetched since its last full refresh, by offset (see {@link #refreshChangedRows}). */
    private final Map<Integer, Fetched> fetched = new java.util.LinkedHashMap<>();
    private int fetchedCount = -1;

    /** Rows the grid fetched, and when (their waiting times are drawn from it). */
    private record Fetched(int offset, int limit, List<ConversationSummary> rows, Instant at) {}

    /** Which statuses the inbox lists. */
    enum StatusFilter {
        ACTIVE("Open & pending", Set.of(ConversationStatus.OPEN, ConversationStatus.PENDING)),
        OPEN("Open", Set.of(ConversationStatus.OPEN)),
        PENDING("Pending", Set.of(ConversationStatus.PENDING)),
        RESOLVED("Resolved", Set.of(ConversationStatus.RESOLVED)),
        ANY("All statuses", Set.of());

        final String label;
        final Set<ConversationStatus> statuses;

        StatusFilter(String label, Set<ConversationStatus> statuses) {
            this.label = label;
            this.statuses = statuses;
        }
    }

    InboxView(Workspace workspace, InboxReads reads, DemoTraffic simulator, CurrentUser currentUser) {
        this.workspace = workspace;
        this.reads = reads;
        this.conversations = workspace.conversations();
        this.liveUpdates = workspace.liveUpdates();
        this.simulator = simulator;
        this.viewer = currentUser.require();
        this.customer = viewer.customerId().orElseThrow(() -> new IllegalStateException("inbox needs a customer"));
        this.features = workspace.features(customer);
        setId("inbox");
        addClassName("omniops-inbox");
        setSizeFull();
        setMasterSize("34rem");
        setDetailSize("36rem");
        setExpandDetail(true);

        var list = new Div(toolbar(), filters(), grid());
        list.addClassName("omniops-inbox-list");
        applyFeatures();
        setMaster(list);

        placeholder.setId("no-conversation");
        placeholder.addClassName("omniops-no-conversation");
        placeholder.add(new H2("No conversation open"),
                new Paragraph("Pick one from the list, or press j to open the next. Press ? for all shortcuts."));
        setDetail(placeholder);
    }

    // ---- list

    private Div toolbar() {
        var bar = new Div();
        bar.addClassName("omniops-inbox-toolbar");
        var chipGroup = new Div();
        chipGroup.addClassName("omniops-chips");
        chipGroup.getElement().setAttribute("role", "group");
        chipGroup.getElement().setAttribute("aria-label", "Show conversations");
        for (var s : InboxQuery.Scope.values()) {
            var chip = new Button(chipLabel(s), e -> setScope(s));
            chip.setId("chip-" + s.name().toLowerCase());
            chip.addClassName("omniops-chip");
            chip.addThemeVariants(ButtonVariant.LUMO_SMALL);
            chips.put(s, chip);
            chipGroup.add(chip);
        }
        var help = new Button(VaadinIcon.QUESTION_CIRCLE_O.create(), e -> openHelp());
        help.setId("shortcut-help");
        help.setAriaLabel("Keyboard shortcuts");
        help.setTooltipText("Keyboard shortcuts (?)");
        help.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        bar.add(chipGroup, new FeatureIndicator(workspace.flags(), liveUpdates, customer), help);
        if (viewer.role() == Role.SUPERVISOR) {
            correctionStats.setId("correction-stats");
            correctionStats.addClassName("omniops-correction-stats");
            var taxonomy = new com.vaadin.flow.router.RouterLink("Categories", CategoriesView.class);
            taxonomy.addClassName("omniops-correction-stats-link");
            var stats = new Div(correctionStats, taxonomy);
            stats.addClassName("omniops-correction-stats-box");
            bar.add(simulatorSwitch(), stats);
            refreshCorrectionStats();
        }
        return bar;
    }

    private Div simulatorSwitch() {
        var on = new Checkbox("Simulator", simulator.isEnabled());
        on.setId("simulator-enabled");
        on.setTooltipText("Generates demo customer messages (this server only)");
        var rate = new Select<Integer>();
        rate.setId("simulator-rate");
        rate.setAriaLabel("Simulated messages per minute");
        rate.setItems(List.of(1, 2, 6, 12, 30, 60));
        if (!List.of(1, 2, 6, 12, 30, 60).contains(simulator.messagesPerMinute())) {
            rate.setItems(List.of(1, 2, 6, 12, 30, 60, simulator.messagesPerMinute()));
        }
        rate.setItemLabelGenerator(n -> n + " / min");
        rate.setValue(simulator.messagesPerMinute());
        rate.addThemeName("small");
        rate.setWidth("7.5rem");
        on.addValueChangeListener(e -> simulator.setEnabled(e.getValue()));
        rate.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                simulator.setMessagesPerMinute(e.getValue());
            }
        });
        var box = new Div(on, rate);
        box.setId("simulator-switch");
        box.addClassName("omniops-simulator-switch");
        return box;
    }

    private Div filters() {
        statusFilter.setItems(StatusFilter.values());
        statusFilter.setItemLabelGenerator(f -> f.label);
        statusFilter.setValue(StatusFilter.ACTIVE);
        statusFilter.setId("status-filter");
        statusFilter.setLabel("Status");

        priorityFilter.setItems(Priority.values());
        priorityFilter.setEmptySelectionAllowed(true);
        priorityFilter.setEmptySelectionCaption("Any priority");
        priorityFilter.setItemLabelGenerator(p -> p == null ? "Any priority" : ConversationPanel.label(p));
        priorityFilter.setId("priority-filter");
        priorityFilter.setLabel("Priority");

        sort.setItems(InboxQuery.Sort.values());
        sort.setItemLabelGenerator(s -> switch (s) {
            case WAITING_LONGEST -> "Waiting longest";
            case PRIORITY -> "Priority";
            case NEWEST -> "Newest";
            case MOST_NEGATIVE -> "Most negative first";
        });
        sort.setValue(InboxQuery.Sort.WAITING_LONGEST);
        sort.setId("sort");
        sort.setLabel("Sort by");

        sentimentFilter.setItems(AnalysisViews.LABELS);
        sentimentFilter.setEmptySelectionAllowed(true);
        sentimentFilter.setEmptySelectionCaption("Any sentiment");
        sentimentFilter.setItemLabelGenerator(l -> l == null ? "Any sentiment" : AnalysisViews.capitalised(l));
        sentimentFilter.setId("sentiment-filter");
        sentimentFilter.setLabel("Sentiment");
        sentimentFilter.addThemeName("small");
        sentimentFilter.addValueChangeListener(e -> refreshList());

        for (var select : List.of(statusFilter, priorityFilter, sort)) {
            select.addThemeName("small");
            select.addValueChangeListener(e -> refreshList());
        }
        var row = new Div(statusFilter, priorityFilter, sentimentFilter, sort);
        row.addClassName("omniops-inbox-filters");
        return row;
    }

    private Grid<ConversationSummary> grid() {
        grid.setId("conversation-grid");
        grid.addClassName("omniops-inbox-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setAriaLabel("Conversations");
        grid.addColumn(LitRenderer.<ConversationSummary>of("""
                <div class="omniops-cell-conv">
                  <div class="omniops-cell-top"><span class="omniops-cell-contact">${item.contact}</span>\
                <span class="omniops-cell-wait" title="Waiting time">${item.waiting}</span></div>
                  <div class="omniops-cell-subject">${item.subject}</div>
                  <div class="omniops-cell-preview">${item.preview}</div>
                </div>""")
                .withProperty("contact", ConversationSummary::contactName)
                .withProperty("subject", ConversationSummary::subject)
                .withProperty("preview", ConversationSummary::lastMessagePreview)
                .withProperty("waiting", s -> TimeTexts.waiting(s.waitingSince(), Instant.now())))
                .setHeader("Conversation").setFlexGrow(1).setKey("conversation");
        grid.addColumn(LitRenderer.<ConversationSummary>of("""
                <div class="omniops-cell-state">
                  <span class="omniops-pill omniops-pill--${item.statusKey}">${item.status}</span>
                  <span class="omniops-pill omniops-pill--${item.priorityKey}">${item.priority}</span>
                  <span class="omniops-cell-assignee">${item.assignee}</span>
                </div>""")
                .withProperty("status", s -> ConversationPanel.label(s.status()))
                .withProperty("statusKey", s -> s.status().dbValue())
                .withProperty("priority", s -> ConversationPanel.label(s.priority()))
                .withProperty("priorityKey", s -> s.priority().dbValue())
                .withProperty("assignee", s -> s.assigneeName() == null ? "Unassigned" : s.assigneeName()))
                .setHeader("Status · assignee").setAutoWidth(true).setFlexGrow(0).setKey("state");
        sentimentColumn = grid.addColumn(LitRenderer.<ConversationSummary>of("""
                <span class="omniops-sentiment-cell omniops-sentiment-cell--${item.key}" title="${item.title}"
                  ?hidden="${!item.key}">${item.label}</span>""")
                .withProperty("key", s -> s.sentimentLabel() == null ? "" : s.sentimentLabel())
                .withProperty("label", s -> s.sentimentLabel() == null ? "" : AnalysisViews.capitalised(s.sentimentLabel()))
                .withProperty("title", s -> s.sentimentScore() == null ? ""
                        : "Latest customer sentiment: " + s.sentimentLabel() + " · score "
                                + AnalysisViews.two(s.sentimentScore())))
                .setHeader("Sentiment").setAutoWidth(true).setFlexGrow(0).setKey("sentiment");
        grid.setItems(q -> {
            var rows = reads.inbox(customer, query(), q.getOffset(), q.getLimit(), fetchNotBefore);
            fetched.put(q.getOffset(), new Fetched(q.getOffset(), q.getLimit(), rows, Instant.now()));
            return rows.stream();
        }, q -> fetchedCount = reads.count(customer, query(), fetchNotBefore));
        grid.getDataProvider();
        grid.getLazyDataView().setItemCountEstimate(50);
        grid.getGenericDataView().setIdentifierProvider(ConversationSummary::id);
        grid.setSelectionMode(Grid.SelectionMode.SINGLE);
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                open(e.getValue().id());
            }
        });
        grid.setEmptyStateText("Nothing here. New conversations appear as they arrive.");
        return grid;
    }

    private InboxQuery query() {
        var status = statusFilter.getValue() == null ? StatusFilter.ACTIVE : statusFilter.getValue();
        var priority = priorityFilter.getValue();
        var order = sort.getValue() == null ? InboxQuery.Sort.WAITING_LONGEST : sort.getValue();
        if (!features.sentiment() && order == InboxQuery.Sort.MOST_NEGATIVE) {
            order = InboxQuery.Sort.WAITING_LONGEST;
        }
        var sentiment = features.sentiment() && sentimentFilter.getValue() != null ? Set.of(sentimentFilter.getValue())
                : Set.<String>of();
        return new InboxQuery(scope, viewer.id(), status.statuses, priority == null ? Set.of() : Set.of(priority),
                order, sentiment);
    }

    /** Shows or hides the sentiment column, filter and sort with the customer's flag (no trace when off). */
    private void applyFeatures() {
        features = workspace.features(customer);
        if (sentimentColumn != null) {
            sentimentColumn.setVisible(features.sentiment());
        }
        sentimentFilter.setVisible(features.sentiment());
        var current = sort.getValue();
        var sorts = new java.util.ArrayList<>(List.of(InboxQuery.Sort.values()));
        if (!features.sentiment()) {
            sorts.remove(InboxQuery.Sort.MOST_NEGATIVE);
        }
        if (!sorts.equals(sort.getListDataView().getItems().toList())) {
            sort.setItems(sorts);
            sort.setValue(current != null && sorts.contains(current) ? current : InboxQuery.Sort.WAITING_LONGEST);
        }
    }

    private void refreshCorrectionStats() {
        if (viewer.role() != Role.SUPERVISOR) {
            return;
        }
        try {
            correctionStats.setText(statsText(workspace.analysis().correctionStats(customer)));
        } catch (RuntimeException e) {
            correctionStats.setText("");
        }
        correctionStats.setVisible(features.analysis());
    }

    static String statsText(CorrectionStats s) {
        return s.corrections() + (s.corrections() == 1 ? " correction" : " corrections")
                + (s.sentimentAccuracy() == null ? "" : " · sentiment accuracy " + AnalysisViews.percent(s.sentimentAccuracy()))
                + (s.categoryAccuracy() == null ? "" : " · category accuracy " + AnalysisViews.percent(s.categoryAccuracy()));
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
        fetchNotBefore = notBefore;
        fetched.clear();
        fetchedCount = -1;
        grid.getDataProvider().refreshAll();
        refreshChips(notBefore);
    }

    /**
     * After live updates: reads the rows the grid holds again; when they are the same conversations in the same order,
     * only the rows that changed (or whose waiting time reads differently) are sent, otherwise the whole list is
     * refreshed. A full refresh sends every row the grid holds, twice a second in a busy inbox: it was the largest
     * part of an agent's pushes once the conversation sent only what changed (docs/benchmarks.md §3).
     */
    private void refreshChangedRows(long notBefore) {
        if (fetched.isEmpty() || fetched.size() > 4) {
            refreshList(notBefore);
            return;
        }
        var now = Instant.now();
        var changed = new java.util.ArrayList<ConversationSummary>();
        try {
            var query = query();
            if (fetchedCount >= 0 && reads.count(customer, query, notBefore) != fetchedCount) {
                refreshList(notBefore);
                return;
            }
            for (var range : List.copyOf(fetched.values())) {
                var rows = reads.inbox(customer, query, range.offset(), range.limit(), notBefore);
                if (!rows.stream().map(ConversationSummary::id).toList()
                        .equals(range.rows().stream().map(ConversationSummary::id).toList())) {
                    refreshList(notBefore);
                    return;
                }
                for (int i = 0; i < rows.size(); i++) {
                    var before = range.rows().get(i);
                    var row = rows.get(i);
                    if (!row.equals(before) || !TimeTexts.waiting(row.waitingSince(), now)
                            .equals(TimeTexts.waiting(before.waitingSince(), range.at()))) {
                        changed.add(row);
                    }
                }
                fetched.put(range.offset(), new Fetched(range.offset(), range.limit(), rows, now));
            }
        } catch (RuntimeException e) {
            log.warn("Inbox rows unavailable: {}", e.toString());
            return;
        }
        changed.forEach(grid.getDataProvider()::refreshItem);
        refreshChips(notBefore);
    }

    private void refreshChips(long notBefore) {
        Map<InboxQuery.Scope, Integer> counts;
        try {
            counts = reads.scopeCounts(customer, viewer.id(), notBefore);
        } catch (RuntimeException e) {
            log.warn("Inbox counts unavailable: {}", e.toString());
            counts = Map.of();
        }
        for (var entry : chips.entrySet()) {
            var s = entry.getKey();
            var chip = entry.getValue();
            var n = counts.get(s);
            chip.setText(chipLabel(s) + (n == null ? "" : " " + n));
            chip.getElement().setAttribute("aria-pressed", String.valueOf(s == scope));
            chip.getElement().getClassList().set("omniops-chip--active", s == scope);
        }
    }

    private static String chipLabel(InboxQuery.Scope s) {
        return switch (s) {
            case MINE -> "Mine";
            case UNASSIGNED -> "Unassigned";
            case ALL -> "All";
        };
    }

    // ---- navigation and detail

    private void open(ConversationId id) {
        UI.getCurrent().navigate(InboxView.class, new RouteParameters(PARAMETER, id.toString()));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameter = event.getRouteParameters().get(PARAMETER);
        ConversationId id = null;
        if (parameter.isPresent()) {
            try {
                id = ConversationId.of(parameter.get());
            } catch (IllegalArgumentException e) {
                id = null;
            }
        }
        show(id);
    }

    private void show(@Nullable ConversationId id) {
        if (id == null) {
            panel = null;
            setDetail(placeholder);
            grid.deselectAll();
            return;
        }
        if (panel != null && panel.conversationId().equals(id)) {
            panel.refresh();
            return;
        }
        panel = new ConversationPanel(workspace, viewer, customer, id, () -> zone, this::refreshList);
        setDetail(panel);
        panel.details().ifPresent(d -> grid.select(summaryOf(d)));
    }

    private static ConversationSummary summaryOf(uk.co.omniops.conversation.ConversationDetails d) {
        var c = d.conversation();
        return new ConversationSummary(c.id(), d.contact().name(), c.subject(), c.status(), c.priority(),
                c.assigneeId(), c.assigneeName(), "", c.lastCustomerMessageAt(), null, c.messageCount(), c.updatedAt());
    }

    /** j / k: the next or previous conversation in the list as currently filtered and sorted. */
    private void step(int direction) {
        List<ConversationSummary> rows = conversations.inbox(customer, query(), 0, 500);
        if (rows.isEmpty()) {
            return;
        }
        int index = -1;
        if (panel != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).id().equals(panel.conversationId())) {
                    index = i;
                    break;
                }
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
            case "a" -> withPanel(ConversationPanel::assignToMe);
            case "t" -> withPanel(ConversationPanel::openTransfer);
            case "r" -> withPanel(p -> p.focusReply(false));
            case "n" -> withPanel(p -> p.focusReply(true));
            case "e" -> withPanel(ConversationPanel::resolve);
            case "o" -> withPanel(ConversationPanel::reopen);
            case "1" -> setScope(InboxQuery.Scope.MINE);
            case "2" -> setScope(InboxQuery.Scope.UNASSIGNED);
            case "3" -> setScope(InboxQuery.Scope.ALL);
            case "?" -> openHelp();
            default -> { }
        }
    }

    private void withPanel(java.util.function.Consumer<ConversationPanel> action) {
        if (panel != null && panel.details().isPresent()) {
            action.accept(panel);
        }
    }

    void openHelp() {
        var dialog = new Dialog();
        dialog.setId("shortcut-dialog");
        dialog.setHeaderTitle("Keyboard shortcuts");
        var list = new Div();
        list.addClassName("omniops-shortcuts");
        list.getElement().setAttribute("role", "list");
        for (var s : SHORTCUTS) {
            var key = new Span(s[0]);
            key.addClassName("omniops-kbd");
            var what = new Span(s[1]);
            var row = new Div(key, what);
            row.getElement().setAttribute("role", "listitem");
            row.addClassName("omniops-shortcut");
            list.add(row);
        }
        dialog.add(new Paragraph("Single keys work whenever you are not typing in a field."), list);
        var close = new Button("Close", e -> dialog.close());
        close.setId("shortcut-dialog-close");
        dialog.getFooter().add(close);
        dialog.open();
    }

    // ---- live updates

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        var ui = attachEvent.getUI();
        ui.getPage().retrieveExtendedClientDetails(details -> {
            try {
                zone = ZoneId.of(details.getTimeZoneId());
            } catch (RuntimeException e) {
                zone = ZoneId.systemDefault();
            }
        });
        refreshChips(System.nanoTime());
        // the open conversation redraws at once after a quiet spell and at most ten times a second in a busy one
        // (a gap lets each redraw reach the browser: push happens when the session lock is released), the list and
        // the chips at most twice a second
        var openRefresh = new LiveRefresh(ui, Duration.ofMillis(100), this::onOpenConversationUpdates);
        var listRefresh = new LiveRefresh(ui, Duration.ofMillis(500), this::onListUpdates);
        var registration = liveUpdates.subscribe(customer.value(), update -> {
            updateReceived = System.nanoTime();
            openRefresh.offer(update);
            listRefresh.offer(update);
        });
        subscription = () -> {
            registration.close();
            openRefresh.close();
            listRefresh.close();
        };
        getElement().executeJs("""
                const view = this;
                if (window.__omniopsInboxKeys) document.removeEventListener('keydown', window.__omniopsInboxKeys);
                const keys = ['j', 'k', 'a', 't', 'r', 'n', 'e', 'o', '1', '2', '3', '?'];
                const typing = n => n instanceof HTMLElement && (n.matches('input, textarea, select, [contenteditable]')
                    || ['VAADIN-SELECT', 'VAADIN-COMBO-BOX', 'VAADIN-TEXT-AREA', 'VAADIN-TEXT-FIELD'].includes(n.tagName));
                const handler = e => {
                  if (!view.isConnected) { document.removeEventListener('keydown', handler); return; }
                  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
                  if (!keys.includes(e.key)) return;
                  if (e.composedPath().some(typing)) return;
                  if (document.querySelector('vaadin-dialog[opened], vaadin-dialog-overlay[opened]')) return;
                  e.preventDefault();
                  view.$server.shortcut(e.key);
                };
                window.__omniopsInboxKeys = handler;
                document.addEventListener('keydown', handler);
                """);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        detachEvent.getUI().getPage().executeJs(
                "if (window.__omniopsInboxKeys) { document.removeEventListener('keydown', window.__omniopsInboxKeys);"
                        + " delete window.__omniopsInboxKeys; }");
        super.onDetach(detachEvent);
    }

    /** Inside {@code ui.access}, with the updates merged since the last call: re-read through the services. */
    private void onListUpdates(List<LiveUpdate> updates) {
        if (updates.stream().anyMatch(u -> u.is(LiveUpdate.Kind.MESSAGE_ANALYSED))) {
            refreshCorrectionStats();
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

    /** Inside {@code ui.access}: the open conversation redraws once for all updates about it (or about everything). */
    private void onOpenConversationUpdates(List<LiveUpdate> updates) {
        var open = panel;
        if (open != null && updates.stream().anyMatch(u -> u.subjectId() == null
                || u.subjectId().equals(open.conversationId().value()))) {
            open.refresh();
        }
    }
}
