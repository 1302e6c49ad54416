package uk.co.omniops.rollout.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.rollout.EffectiveFlag;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.RolloutAuditEntry;
import uk.co.omniops.rollout.RolloutManagement;
import uk.co.omniops.rollout.RolloutStep;
import uk.co.omniops.shell.CurrentUser;
import uk.co.omniops.shell.LiveRefresh;
import uk.co.omniops.tenancy.Customer;

/**
 * The admins' rollout page: customers × features with the effective state and its reason, one panel per feature
 * (percentage, whitelist, blocklist, kill switch, scheduled ramp with safeguard), the audit log with CSV export.
 * Every change asks for a reason. Updates live when another admin (on any replica) changes a flag.
 */
@Route("admin/rollout")
@PageTitle("Rollout · OmniOps")
@Menu(order = 10, icon = "vaadin:flag", title = "Rollout")
@RolesAllowed("ADMIN")
class RolloutView extends VerticalLayout {

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final RolloutManagement rollout;
    private final CurrentUser currentUser;

    private final TextField search = new TextField();
    private final Grid<Customer> matrix = new Grid<>(Customer.class, false);
    private final Grid<RolloutAuditEntry> audit = new Grid<>(RolloutAuditEntry.class, false);
    private final Grid<RolloutStep> steps = new Grid<>(RolloutStep.class, false);
    private final Span sourceNote = new Span();
    private final Map<Feature, FeaturePanel> panels = new HashMap<>();
    private List<Customer> customers = List.of();
    private Map<String, Map<Feature, EffectiveFlag>> effective = Map.of();

    RolloutView(RolloutManagement rollout, LiveUpdates liveUpdates, CurrentUser currentUser) {
        this.rollout = rollout;
        // another admin's change (or a safeguard's pause) redraws the page, at most four times a second
        LiveRefresh.whileAttachedToAllCustomers(
                this,
                liveUpdates,
                Duration.ofMillis(250),
                update -> update.isAbout(LiveUpdate.Area.ROLLOUT),
                updates -> refresh());
        this.currentUser = currentUser;
        setId("rollout");
        addClassName("omniops-rollout");
        setWidthFull();

        sourceNote.setId("rollout-source");
        sourceNote.addClassName("omniops-rollout-note");
        add(new H2("Feature rollout"), sourceNote);

        add(new H3("Customers × features"));
        search.setId("rollout-search");
        search.setPlaceholder("Search customers");
        search.setAriaLabel("Search customers");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> showMatrix());
        add(search);
        buildMatrix();
        add(matrix);

        add(new H3("Features"));
        var panelBox = new Div();
        panelBox.addClassName("omniops-rollout-panels");
        for (var f : Feature.values()) {
            var panel = new FeaturePanel(f, rollout, this::actor, this::change);
            panels.put(f, panel);
            panelBox.add(panel);
        }
        add(panelBox);

        add(new H3("Scheduled steps"));
        steps.setId("rollout-steps");
        steps.addColumn(s -> s.feature().key()).setHeader("Feature").setAutoWidth(true);
        steps.addColumn(s -> s.percentage() + " %").setHeader("Percentage").setAutoWidth(true);
        steps.addColumn(s -> WHEN.format(s.dueAt())).setHeader("Due").setAutoWidth(true);
        steps.addColumn(s -> "error rate ≤ " + s.safeguardThresholdPercent() + " %")
                .setHeader("Safeguard")
                .setAutoWidth(true);
        steps.addColumn(s -> s.status().name().toLowerCase(Locale.ROOT))
                .setHeader("Status")
                .setAutoWidth(true);
        steps.addColumn(RolloutStep::createdBy).setHeader("By").setAutoWidth(true);
        steps.setAllRowsVisible(true);
        steps.addThemeVariants(GridVariant.LUMO_COMPACT);
        add(steps);

        var csv = new Anchor(
                DownloadHandler.fromInputStream(event -> {
                    var bytes = rollout.auditCsv().getBytes(StandardCharsets.UTF_8);
                    return new DownloadResponse(
                            new ByteArrayInputStream(bytes), "rollout-audit.csv", "text/csv", bytes.length);
                }),
                AttachmentType.DOWNLOAD,
                "Export CSV");
        csv.setId("audit-csv");
        var auditHeader = new HorizontalLayout(new H3("Audit log"), csv);
        auditHeader.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(auditHeader);
        audit.setId("rollout-audit");
        audit.addColumn(e -> WHEN.format(e.at()))
                .setHeader("When")
                .setAutoWidth(true)
                .setFlexGrow(0);
        audit.addColumn(RolloutAuditEntry::actor)
                .setHeader("Who")
                .setAutoWidth(true)
                .setFlexGrow(0);
        audit.addColumn(RolloutAuditEntry::featureKey)
                .setHeader("Feature")
                .setAutoWidth(true)
                .setFlexGrow(0);
        audit.addColumn(RolloutAuditEntry::action).setHeader("Change").setAutoWidth(true);
        audit.addColumn(RolloutAuditEntry::reason).setHeader("Reason").setFlexGrow(1);
        audit.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        audit.setHeight("22rem");
        add(audit);

        refresh();
    }

    private void buildMatrix() {
        matrix.setId("rollout-matrix");
        matrix.addComponentColumn(RolloutView::customerCell)
                .setHeader("Customer")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozen(true);
        for (var f : Feature.values()) {
            // the key may wrap at its hyphen: six auto-width columns were wider than the grid at 1280 px and cut the
            // last
            var header = new Span(f.key());
            header.getStyle().set("white-space", "normal");
            matrix.addComponentColumn(c -> cell(c, f))
                    .setHeader(header)
                    .setWidth("7.5rem")
                    .setFlexGrow(1);
        }
        matrix.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        matrix.setAllRowsVisible(true);
    }

    private static Component customerCell(Customer customer) {
        var name = new Span(customer.name());
        name.addClassName("omniops-rollout-customer");
        var meta = new Span(customer.slug() + " · " + customer.plan() + " · " + customer.region());
        meta.addClassName("omniops-rollout-why");
        var box = new Div(name, meta);
        box.addClassName("omniops-rollout-cell");
        return box;
    }

    private Component cell(Customer customer, Feature feature) {
        var flag = effective.getOrDefault(customer.slug(), Map.of()).get(feature);
        var box = new Div();
        box.addClassName("omniops-rollout-cell");
        box.setId("cell-" + customer.slug() + "-" + feature.key());
        if (flag == null) {
            box.add(new Span("…"));
            return box;
        }
        var badge = new Badge(flag.enabled() ? "On" : "Off");
        badge.addThemeVariants(flag.enabled() ? BadgeVariant.SUCCESS : BadgeVariant.CONTRAST, BadgeVariant.SMALL);
        var why = new Span(flag.explanation()); // text only: never Html
        why.addClassName("omniops-rollout-why");
        box.getElement().setAttribute("data-enabled", Boolean.toString(flag.enabled()));
        box.getElement().setAttribute("data-reason", flag.reason().name());
        box.add(badge, why);
        return box;
    }

    private void refresh() {
        customers = rollout.customers();
        var map = new HashMap<String, Map<Feature, EffectiveFlag>>();
        for (var c : customers) {
            map.put(c.slug(), rollout.effectiveFlags(c));
        }
        effective = map;
        var status = rollout.status();
        sourceNote.setText(
                rollout.managedInLaunchDarkly()
                        ? "Flags stream from LaunchDarkly (LAUNCHDARKLY_SDK_KEY is set): edit them in LaunchDarkly; this page "
                                + "shows the effective state."
                        : "Flags are stored here and evaluated by the LaunchDarkly SDK; FEATURE_* environment switches "
                                + "override everything." + (status.note() == null ? "" : " " + status.note()));
        showMatrix();
        var slugs = customers.stream().map(Customer::slug).sorted().toList();
        for (var f : rollout.flags()) {
            var panel = panels.get(f.feature());
            if (panel != null) {
                panel.show(f, slugs);
            }
        }
        steps.setItems(rollout.steps());
        audit.setItems(rollout.auditLog(500));
    }

    private void showMatrix() {
        var q = search.getValue().strip().toLowerCase(Locale.ROOT);
        matrix.setItems(customers.stream()
                .filter(c -> q.isEmpty()
                        || c.name().toLowerCase(Locale.ROOT).contains(q)
                        || c.slug().contains(q))
                .toList());
    }

    private void change(String what, java.util.function.Consumer<String> action) {
        new ReasonDialog(what, reason -> {
                    try {
                        action.accept(reason);
                        Notification.show("Saved: " + what, 3000, Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.SUCCESS);
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                                .addThemeVariants(NotificationVariant.ERROR);
                    }
                    refresh();
                })
                .open();
    }

    private String actor() {
        return currentUser.require().getUsername();
    }
}
