package uk.co.omniops.rollout.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.slider.IntegerSlider;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FlagDefinition;
import uk.co.omniops.rollout.RolloutManagement;

/**
 * One feature's controls on the rollout page: percentage, whitelist, blocklist, kill switch, ramp step. Every change
 * goes through the page's {@link Changes} (which asks for a reason).
 */
class FeaturePanel extends Div {

    /** Asks for a reason, then runs the change with it and redraws the page. */
    @FunctionalInterface
    interface Changes {
        void change(String what, Consumer<String> action);
    }

    private final RolloutManagement rollout;
    private final Supplier<String> actor;
    private final Changes changes;

    private final Feature feature;
    private final Span state = new Span();
    private final IntegerSlider slider = new IntegerSlider(0, 100);
    private final IntegerField percentage = new IntegerField("Rollout %");
    private final MultiSelectComboBox<String> whitelist = new MultiSelectComboBox<>("Whitelist (beta)");
    private final MultiSelectComboBox<String> blocklist = new MultiSelectComboBox<>("Blocklist");
    private final Button kill = new Button();
    private final Button resume = new Button("Resume ramp");
    private @Nullable FlagDefinition shown;

    FeaturePanel(Feature feature, RolloutManagement rollout, Supplier<String> actor, Changes changes) {
        this.feature = feature;
        this.rollout = rollout;
        this.actor = actor;
        this.changes = changes;
        var id = feature.key();
        setId("panel-" + id);
        addClassName("omniops-rollout-panel");
        var title = new H3(id);
        title.addClassName("omniops-rollout-panel-title");
        var prerequisite =
                new Span(feature.prerequisite().map(p -> "Requires " + p.key()).orElse("No prerequisite"));
        prerequisite.addClassName("omniops-rollout-prerequisite");
        state.addClassName("omniops-rollout-state");
        state.setId("state-" + id);

        kill.setId("kill-" + id);
        kill.addClickListener(e -> confirmKill());
        resume.setId("resume-" + id);
        resume.addClickListener(e ->
                changes.change(id + ": resume the ramp", reason -> rollout.resumeRamp(feature, actor.get(), reason)));

        var header = new HorizontalLayout(title, state);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        var actions = new HorizontalLayout(kill, resume);
        add(
                header,
                prerequisite,
                percentRow(),
                listRow(whitelist, "whitelist", rollout::setWhitelist),
                listRow(blocklist, "blocklist", rollout::setBlocklist),
                stepRow(),
                actions);
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
        var applyPercentage = new Button(
                "Set %",
                e -> {
                    var value = percentage.getValue();
                    if (value == null || value < 0 || value > 100) {
                        percentage.setInvalid(true);
                        percentage.setErrorMessage("0 to 100");
                        return;
                    }
                    changes.change(
                            id + ": rollout " + value + " %",
                            reason -> rollout.setPercentage(feature, value, actor.get(), reason));
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
        // every chosen customer as a chip of its own, the field growing downwards: an overflow count ("2") hid who
        list.setAutoExpand(MultiSelectComboBox.AutoExpandMode.VERTICAL);
        var button = new Button(
                "Save " + name,
                e -> changes.change(
                        id + ": " + name + " " + list.getValue(),
                        reason -> save.save(feature, list.getValue(), actor.get(), reason)));
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
                Notification.show(
                                "Date, percentage and safeguard threshold are required",
                                4000,
                                Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.ERROR);
                return;
            }
            var at = when.getValue().atZone(ZoneId.systemDefault()).toInstant();
            changes.change(
                    id + ": " + stepPercentage.getValue() + " % at " + RolloutView.WHEN.format(at) + " if error rate ≤ "
                            + threshold.getValue() + " %",
                    reason -> rollout.scheduleStep(
                            feature, stepPercentage.getValue(), at, threshold.getValue(), actor.get(), reason));
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
        var all = new TreeSet<>(slugs);
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
        dialog.setHeader(
                killing ? "Turn " + feature.key() + " off for every customer?" : "Turn " + feature.key() + " back on?");
        dialog.setText(
                killing
                        ? "The flag serves off to every customer, whitelisted or not, until it is turned " + "back on."
                        : "Customers get the feature again according to the whitelist, blocklist and " + f.percentage()
                                + " %.");
        dialog.setCancelable(true);
        dialog.setConfirmText(killing ? "Kill" : "Turn on");
        dialog.setConfirmButtonTheme(killing ? "error primary" : "primary");
        dialog.addConfirmListener(e -> changes.change(
                feature.key() + (killing ? ": kill switch on" : ": kill switch off"),
                reason -> rollout.setKillSwitch(feature, killing, actor.get(), reason)));
        dialog.open();
    }
}
