package uk.co.omniops.rollout.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
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
import com.vaadin.flow.component.slider.IntegerSlider;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;

import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.rollout.EffectiveFlag;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FlagDefinition;
import uk.co.omniops.rollout.RolloutAuditEntry;
import uk.co.omniops.rollout.RolloutManagement;
import uk.co.omniops.rollout.RolloutStep;
import uk.co.omniops.shell.CurrentUser;
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

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final RolloutManagement rollout;
    private final LiveUpdates liveUpdates;
    private final CurrentUser currentUser;

    private final TextField search = new TextField();
    private final Grid<Customer> matrix = new Grid<>(Customer.class, false);
    private final Grid<RolloutAuditEntry> audit = new Grid<>(RolloutAuditEntry.class, false);
    private final Grid<RolloutStep> steps = new Grid<>(RolloutStep.class, false);
    private final Span sourceNote = new Span();
    private final Map<Feature, FeaturePanel> panels = new HashMap<>();
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private List<Customer> customers = List.of();
    private Map<String, Map<Feature, EffectiveFlag>> effective = Map.of();
    private LiveUpdates.@Nullable Registration subscription;

    RolloutView(RolloutManagement rollout, LiveUpdates liveUpdates, CurrentUser currentUser) {
        this.rollout = rollout;
        this.liveUpdates = liveUpdates;
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
            var panel = new FeaturePanel(f);
            panels.put(f, panel);
            panelBox.add(panel);
        }
        add(panelBox);

        add(new H3("Scheduled steps"));
        steps.setId("rollout-steps");
        steps.addColumn(s -> s.feature().key()).setHeader("Feature").setAutoWidth(true);
        steps.addColumn(s -> s.percentage() + " %").setHeader("Percentage").setAutoWidth(true);
        steps.addColumn(s -> WHEN.format(s.dueAt())).setHeader("Due").setAutoWidth(true);
        steps.addColumn(s -> "error rate ≤ " + s.safeguardThresholdPercent() + " %").setHeader("Safeguard")
                .setAutoWidth(true);
        steps.addColumn(s -> s.status().name().toLowerCase(Locale.ROOT)).setHeader("Status").setAutoWidth(true);
        steps.addColumn(RolloutStep::createdBy).setHeader("By").setAutoWidth(true);
        steps.setAllRowsVisible(true);
        steps.addThemeVariants(GridVariant.LUMO_COMPACT);
        add(steps);

        var csv = new Anchor(DownloadHandler.fromInputStream(event -> {
            var bytes = rollout.auditCsv().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "rollout-audit.csv", "text/csv",
                    bytes.length);
        }), AttachmentType.DOWNLOAD, "Export CSV");
        csv.setId("audit-csv");
        var auditHeader = new HorizontalLayout(new H3("Audit log"), csv);
        auditHeader.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(auditHeader);
        audit.setId("rollout-audit");
        audit.addColumn(e -> WHEN.format(e.at())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        audit.addColumn(RolloutAuditEntry::actor).setHeader("Who").setAutoWidth(true).setFlexGrow(0);
        audit.addColumn(RolloutAuditEntry::featureKey).setHeader("Feature").setAutoWidth(true).setFlexGrow(0);
        audit.addColumn(RolloutAuditEntry::action).setHeader("Change").setAutoWidth(true);
        audit.addColumn(RolloutAuditEntry::reason).setHeader("Reason").setFlexGrow(1);
        audit.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        audit.setHeight("22rem");
        add(audit);

        refresh();
    }

    private void buildMatrix() {
        matrix.setId("rollout-matrix");
        matrix.addComponentColumn(RolloutView::customerCell).setHeader("Customer").setAutoWidth(true)
                .setFlexGrow(0).setFrozen(true);
        for (var f : Feature.values()) {
            matrix.addComponentColumn(c -> cell(c, f)).setHeader(f.key()).setAutoWidth(true);
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
        sourceNote.setText(rollout.managedInLaunchDarkly()
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
                .filter(c -> q.isEmpty() || c.name().toLowerCase(Locale.ROOT).contains(q) || c.slug().contains(q))
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
        }).open();
    }

    private String actor() {
        return currentUser.require().getUsername();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        var ui = attachEvent.getUI();
        subscription = liveUpdates.subscribeAll(update -> {
            if (update.isAbout(LiveUpdate.Area.ROLLOUT) && refreshPending.compareAndSet(false, true)) {
                ui.access(() -> {
                    refreshPending.set(false);
                    refresh();
                });
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** One feature's controls. */
    private final class FeaturePanel extends Div {

        private final Feature feature;
        private final Span state = new Span();
        private final IntegerSlider slider = new IntegerSlider(0, 100);
        private final IntegerField percentage = new IntegerField("Rollout %");
        private final MultiSelectComboBox<String> whitelist = new MultiSelectComboBox<>("Whitelist (beta)");
        private final MultiSelectComboBox<String> blocklist = new MultiSelectComboBox<>("Blocklist");
        private final Button kill = new Button();
        private final Button resume = new Button("Resume ramp");
        private @Nullable FlagDefinition shown;

        FeaturePanel(Feature feature) {
            this.feature = feature;
            var id = feature.key();
            setId("panel-" + id);
            addClassName("omniops-rollout-panel");
            var title = new H3(id);
            title.addClassName("omniops-rollout-panel-title");
            var prerequisite = new Span(feature.prerequisite().map(p -> "Requires " + p.key()).orElse("No prerequisite"));
            prerequisite.addClassName("omniops-rollout-prerequisite");
            state.addClassName("omniops-rollout-state");
            state.setId("state-" + id);

            kill.setId("kill-" + id);
            kill.addClickListener(e -> confirmKill());
            resume.setId("resume-" + id);
            resume.addClickListener(e -> change(id + ": resume the ramp",
                    reason -> rollout.resumeRamp(feature, actor(), reason)));

            var header = new HorizontalLayout(title, state);
            header.setAlignItems(FlexComponent.Alignment.BASELINE);
            var actions = new HorizontalLayout(kill, resume);
            add(header, prerequisite, percentRow(), listRow(whitelist, "whitelist", rollout::setWhitelist),
                    listRow(blocklist, "blocklist", rollout::setBlocklist), stepRow(), actions);
        }

        /** The rollout percentage: a slider and a field that follow each other, and "Set %". */
        private HorizontalLayout percentRow() {
            var id = feature.key();
            slider.setAriaLabel(id + " rollout percentage");
            slider.setId("slider-" + id);
            slider.setStep(1);
            slider.setWidth("11rem");
            slider.addValueChangeListener(e -> {
                if (e.isFromClient() && e.getValue() != null) {
                    percentage.setValue(e.getValue());
                }
            });
            percentage.setId("percentage-" + id);
            percentage.setMin(0);
            percentage.setMax(100);
            percentage.setStepButtonsVisible(true);
            percentage.setWidth("9.5rem");
            percentage.setSuffixComponent(new Span("%"));
            percentage.addValueChangeListener(e -> {
                if (e.isFromClient() && e.getValue() != null) {
                    slider.setValue(Math.max(0, Math.min(100, e.getValue())));
                }
            });
            var applyPercentage = new Button("Set %", e -> {
                var value = percentage.getValue();
                if (value == null || value < 0 || value > 100) {
                    percentage.setInvalid(true);
                    percentage.setErrorMessage("0 to 100");
                    return;
                }
                change(id + ": rollout " + value + " %",
                        reason -> rollout.setPercentage(feature, value, actor(), reason));
            });
            applyPercentage.setId("set-percentage-" + id);
            var percentRow = new HorizontalLayout(slider, percentage, applyPercentage);
            percentRow.setAlignItems(FlexComponent.Alignment.BASELINE);
            return percentRow;
        }

        /** How a customer list (whitelist or blocklist) is saved. */
        @FunctionalInterface
        private interface ListChange {
            void save(Feature feature, Collection<String> slugs, String actor, String reason);
        }

        /** The whitelist or the blocklist with its save button ({@code name} is also the ids' prefix). */
        private HorizontalLayout listRow(MultiSelectComboBox<String> list, String name, ListChange save) {
            var id = feature.key();
            list.setId(name + "-" + id);
            list.setWidthFull();
            var button = new Button("Save " + name, e -> change(id + ": " + name + " " + list.getValue(),
                    reason -> save.save(feature, list.getValue(), actor(), reason)));
            button.setId("save-" + name + "-" + id);
            var row = new HorizontalLayout(list, button);
            row.setAlignItems(FlexComponent.Alignment.BASELINE);
            row.setWidthFull();
            return row;
        }

        /** A scheduled ramp step: when, to which percentage, and the error rate above which it is skipped. */
        private HorizontalLayout stepRow() {
            var id = feature.key();
            var when = new DateTimePicker("Step at");
            when.setId("step-at-" + id);
            when.setValue(LocalDateTime.now().plusDays(1).withSecond(0).withNano(0));
            var stepPercentage = new IntegerField("Step %");
            stepPercentage.setId("step-percentage-" + id);
            stepPercentage.setMin(0);
            stepPercentage.setMax(100);
            stepPercentage.setWidth("6rem");
            var threshold = new NumberField("Max error rate %");
            threshold.setId("step-threshold-" + id);
            threshold.setValue(2.0);
            threshold.setMin(0);
            threshold.setMax(100);
            threshold.setWidth("9rem");
            var schedule = new Button("Schedule step", e -> {
                if (when.getValue() == null || stepPercentage.getValue() == null || threshold.getValue() == null) {
                    Notification.show("Date, percentage and safeguard threshold are required", 4000,
                            Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.ERROR);
                    return;
                }
                var at = when.getValue().atZone(ZoneId.systemDefault()).toInstant();
                change(id + ": " + stepPercentage.getValue() + " % at " + WHEN.format(at) + " if error rate ≤ "
                        + threshold.getValue() + " %", reason -> rollout.scheduleStep(feature,
                                stepPercentage.getValue(), at, threshold.getValue(), actor(), reason));
            });
            schedule.setId("schedule-" + id);
            var stepRow = new HorizontalLayout(when, stepPercentage, threshold, schedule);
            stepRow.setAlignItems(FlexComponent.Alignment.BASELINE);
            stepRow.setWrap(true);
            return stepRow;
        }

        void show(FlagDefinition f, List<String> slugs) {
            shown = f;
            slider.setValue(f.percentage());
            percentage.setValue(f.percentage());
            percentage.setInvalid(false);
            var all = new java.util.TreeSet<>(slugs);
            all.addAll(f.whitelist());
            all.addAll(f.blocklist());
            whitelist.setItems(all);
            whitelist.setValue(f.whitelist());
            blocklist.setItems(all);
            blocklist.setValue(f.blocklist());
            var text = (f.on() ? "on" : "KILLED") + " · " + f.percentage() + " % · v" + f.version()
                    + (f.rampPaused() ? " · ramp paused: " + (f.pausedReason() == null ? "" : f.pausedReason()) : "");
            state.setText(text);
            state.getElement().setAttribute("data-on", Boolean.toString(f.on()));
            kill.setText(f.on() ? "Kill switch" : "Turn back on");
            kill.getElement().getThemeList().clear();
            if (f.on()) {
                kill.addThemeVariants(ButtonVariant.ERROR);
            } else {
                kill.addThemeVariants(ButtonVariant.SUCCESS);
            }
            resume.setVisible(f.rampPaused());
        }

        private void confirmKill() {
            var f = shown;
            if (f == null) {
                return;
            }
            var killing = f.on();
            var dialog = new ConfirmDialog();
            dialog.setId("kill-confirm");
            dialog.setHeader(killing ? "Turn " + feature.key() + " off for every customer?" : "Turn " + feature.key()
                    + " back on?");
            dialog.setText(killing ? "The flag serves off to every customer, whitelisted or not, until it is turned "
                    + "back on." : "Customers get the feature again according to the whitelist, blocklist and "
                    + f.percentage() + " %.");
            dialog.setCancelable(true);
            dialog.setConfirmText(killing ? "Kill" : "Turn on");
            dialog.setConfirmButtonTheme(killing ? "error primary" : "primary");
            dialog.addConfirmListener(e -> change(feature.key() + (killing ? ": kill switch on" : ": kill switch off"),
                    reason -> rollout.setKillSwitch(feature, killing, actor(), reason)));
            dialog.open();
        }
    }
}
