package uk.co.omniops.escalation.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.escalation.Escalation;
import uk.co.omniops.escalation.EscalationCounts;
import uk.co.omniops.escalation.EscalationDeskRow;
import uk.co.omniops.escalation.EscalationManagement;
import uk.co.omniops.escalation.EscalationStatus;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.shell.CurrentUser;
import uk.co.omniops.shell.LiveRefresh;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;

/**
 * The supervisors' escalation desk: open escalations of the supervisor's customer, most severe first, then oldest;
 * new ones appear live (highlighted, no sound). Acknowledge, assign to a supervisor, resolve with a note, open the
 * conversation; filters and today's figures.
 */
@Route("escalations")
@PageTitle("Escalations · OmniOps")
@Menu(order = 2, icon = "vaadin:warning", title = "Escalations")
@RolesAllowed("SUPERVISOR")
class EscalationQueueView extends VerticalLayout {

    static final Duration HIGHLIGHT = Duration.ofSeconds(10);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final EscalationManagement escalations;
    private final OmniOpsUser user;
    private final CustomerId customer;
    private final ZoneId zone = ZoneId.systemDefault();

    private final Grid<EscalationDeskRow> grid = new Grid<>();
    /**
     * The grid's rows, replaced in place on every redraw. One data provider for the view's life, with the escalation
     * id as item identity: the keys the browser holds survive a redraw, so a click sent just before a live redraw
     * still selects its row ({@code setItems} per redraw dropped every key, and such a click was lost).
     */
    private final List<EscalationDeskRow> rows = new ArrayList<>();

    private final ListDataProvider<EscalationDeskRow> data = new ListDataProvider<>(rows) {
        @Override
        public Object getId(EscalationDeskRow row) {
            return row.escalation().id();
        }
    };
    private final Div counts = new Div();
    private final EscalationDetails details;
    private final CheckboxGroup<Severity> severities = new CheckboxGroup<>("Severity");
    private final Select<String> status = new Select<>();
    private final Checkbox includeUnqueued = new Checkbox("Include escalations outside the queue");
    private final Span empty = new Span("No open escalations. New ones appear here as they happen.");
    /** Conversation id → when its escalation arrived live (for the highlight). */
    private final Map<UUID, Instant> arrived = new HashMap<>();

    private @Nullable EscalationDeskRow selected;

    EscalationQueueView(EscalationManagement escalations, LiveUpdates liveUpdates, CurrentUser currentUser) {
        this.escalations = escalations;
        this.user = currentUser.require();
        this.customer = user.customerId().orElseThrow(() -> new IllegalStateException("supervisor without customer"));
        this.details = new EscalationDetails(escalations, customer, user, zone, this::refresh);
        setId("escalations");
        addClassName("omniops-escalation-desk");
        setSizeFull();
        // the desk redraws at once after a quiet spell and at most four times a second in a busy one
        LiveRefresh.whileAttached(
                this,
                liveUpdates,
                customer.value(),
                Duration.ofMillis(250),
                update -> update.isAbout(LiveUpdate.Area.ESCALATION),
                this::apply);

        var title = new H2("Escalations");
        var rules = new RouterLink("Escalation rules", EscalationRulesView.class);
        rules.setId("escalation-rules-link");
        var header = new HorizontalLayout(title, rules);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        counts.setId("escalation-counts");
        counts.addClassName("omniops-escalation-counts");

        severities.setItems(Severity.values());
        severities.setItemLabelGenerator(s -> s.dbValue());
        severities.setId("filter-severity");
        severities.addValueChangeListener(e -> refresh());
        status.setLabel("Status");
        status.setItems("Open and acknowledged", "Open", "Acknowledged");
        status.setValue("Open and acknowledged");
        status.setId("filter-status");
        status.setWidth("15rem");
        status.addValueChangeListener(e -> refresh());
        includeUnqueued.setId("filter-unqueued");
        includeUnqueued.addValueChangeListener(e -> refresh());
        var filters = new HorizontalLayout(severities, status, includeUnqueued);
        filters.setAlignItems(FlexComponent.Alignment.END);
        filters.setWrap(true);

        configureGrid();
        empty.setId("escalations-empty");
        empty.addClassName("omniops-muted");
        var main = new HorizontalLayout(
                new VerticalLayout(grid, empty) {
                    {
                        setPadding(false);
                        setSizeFull();
                    }
                },
                details);
        main.setSizeFull();
        main.setFlexGrow(1, main.getComponentAt(0));
        add(header, counts, filters, main);
        setFlexGrow(1, main);
        refresh();
    }

    private void configureGrid() {
        grid.setId("escalation-queue");
        grid.setItems(data);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        // severity with the status under it, so that age and SLA stay in view beside the detail panel
        grid.addComponentColumn(EscalationQueueView::severityAndStatus)
                .setHeader("Severity")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(EscalationQueueView::who)
                .setHeader("Contact and subject")
                .setWidth("11rem")
                .setFlexGrow(2);
        grid.addColumn(EscalationDeskRow::summary)
                .setHeader("Why")
                .setWidth("11rem")
                .setFlexGrow(3);
        grid.addColumn(r -> age(r.openedAt()))
                .setHeader("Age")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(EscalationQueueView::slaLeft)
                .setHeader("SLA")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setPartNameGenerator(r -> isNew(r.escalation()) ? "escalation-new" : null);
        grid.asSingleSelect().addValueChangeListener(e -> {
            selected = e.getValue();
            details.show(selected);
        });
        grid.setWidthFull();
        grid.setHeight("100%");
    }

    private static Div severityAndStatus(EscalationDeskRow r) {
        var status = new Span((r.escalation().status() == EscalationStatus.OPEN ? "open" : "acknowledged")
                + (r.escalation().assignedName() == null
                        ? ""
                        : " · " + r.escalation().assignedName()));
        status.addClassName("omniops-muted");
        return new Div(new Div(badge(r.escalation().severity())), status);
    }

    private static Div who(EscalationDeskRow r) {
        var name = new Span(r.contactName());
        name.addClassName("omniops-escalation-contact");
        var subject = new Span(r.subject());
        subject.addClassName("omniops-muted");
        var cell = new Div(name, new Div(subject));
        cell.addClassName("omniops-escalation-who");
        return cell;
    }

    /** "12 min left", "breached 8 min ago" or "answered" (an agent replied last: nobody waits). */
    static String slaLeft(EscalationDeskRow r) {
        var left = r.slaLeft();
        if (left == null) {
            return "answered";
        }
        return left.isNegative() ? "breached " + duration(left.negated()) + " ago" : duration(left) + " left";
    }

    private boolean isNew(Escalation e) {
        var at = arrived.get(e.conversationId().value());
        return at != null && at.plus(HIGHLIGHT).isAfter(Instant.now());
    }

    private void refresh() {
        var sev = severities.getValue().isEmpty() ? Set.<Severity>of() : EnumSet.copyOf(severities.getValue());
        Set<EscalationStatus> statuses = switch (status.getValue() == null ? "" : status.getValue()) {
            case "Open" -> Set.of(EscalationStatus.OPEN);
            case "Acknowledged" -> Set.of(EscalationStatus.ACKNOWLEDGED);
            default -> Set.of();
        };
        List<EscalationDeskRow> items = escalations.desk(customer, sev, statuses, !includeUnqueued.getValue());
        arrived.values().removeIf(at -> at.plus(HIGHLIGHT).isBefore(Instant.now()));
        var keep = selected == null ? null : selected.escalation().id();
        rows.clear();
        rows.addAll(items);
        data.refreshAll();
        grid.getElement().setAttribute("data-count", String.valueOf(items.size()));
        empty.setVisible(items.isEmpty());
        selected = keep == null
                ? null
                : items.stream()
                        .filter(r -> r.escalation().id().equals(keep))
                        .findFirst()
                        .orElse(null);
        if (selected != null) {
            grid.select(selected);
        } else {
            grid.deselectAll();
        }
        showCounts(escalations.today(customer));
        details.show(selected);
    }

    private void showCounts(EscalationCounts c) {
        counts.removeAll();
        counts.add(
                count("Open now", c.openNow(), "count-open"),
                count("Critical open", c.criticalOpen(), "count-critical"),
                count("Opened today", c.openedToday(), "count-opened"),
                count("Acknowledged today", c.acknowledgedToday(), "count-acknowledged"),
                count("Resolved today", c.resolvedToday(), "count-resolved"));
        var tta = c.averageTimeToAcknowledge();
        var figure = new Div(new Span(tta == null ? "–" : duration(tta)), new Span("Avg. time to acknowledge"));
        figure.addClassName("omniops-escalation-count");
        figure.setId("count-tta");
        counts.add(figure);
    }

    private static Div count(String label, int value, String id) {
        var figure = new Div(new Span(String.valueOf(value)), new Span(label));
        figure.addClassName("omniops-escalation-count");
        figure.setId(id);
        return figure;
    }

    static Span badge(Severity severity) {
        var badge = new Span(severity.dbValue());
        badge.getElement()
                .getThemeList()
                .add("badge pill "
                        + switch (severity) {
                            case CRITICAL, HIGH -> "error primary";
                            case MEDIUM -> "warning";
                            case LOW -> "contrast";
                        });
        badge.addClassName("omniops-severity-" + severity.dbValue());
        return badge;
    }

    static String age(Instant since) {
        return duration(Duration.between(since, Instant.now()));
    }

    static String duration(Duration d) {
        var s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return (s / 86_400) + " d";
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** In the tab's redraw: re-read through the service; the updates only say what changed (merged, in order). */
    private void apply(List<LiveUpdate> updates) {
        for (var update : updates) {
            if (update.is(LiveUpdate.Kind.ESCALATION_OPENED) && update.subjectId() != null) {
                arrived.put(update.subjectId(), Instant.now());
            }
        }
        refresh();
    }
}
