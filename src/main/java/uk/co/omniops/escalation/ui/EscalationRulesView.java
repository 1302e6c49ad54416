package uk.co.omniops.escalation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.ConversationNavigation;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.escalation.internal.Condition;
import uk.co.omniops.escalation.internal.Rule;
import uk.co.omniops.escalation.internal.RuleAction;
import uk.co.omniops.escalation.internal.RuleService;
import uk.co.omniops.platform.Plural;
import uk.co.omniops.shell.CurrentUser;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;
import uk.co.omniops.tenancy.TenancyManagement;

/** Supervisors edit their customer's escalation rules: list, create/edit (validated), enable/disable, dry run. */
@Route("escalations/rules")
@PageTitle("Escalation rules · OmniOps")
@Menu(order = 3, icon = "vaadin:sliders", title = "Escalation rules")
@RolesAllowed("SUPERVISOR")
class EscalationRulesView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm");

    private final RuleService rules;
    private final OmniOpsUser user;
    private final CustomerId customer;
    private final Grid<Rule> grid = new Grid<>();

    EscalationRulesView(RuleService rules, CurrentUser currentUser, TenancyManagement tenancy) {
        this.rules = rules;
        this.user = currentUser.require();
        this.customer = user.customerId().orElseThrow(() -> new IllegalStateException("supervisor without customer"));
        setId("escalation-rules");
        setSizeFull();
        var back = new RouterLink("Escalation desk", EscalationQueueView.class);
        var create = new Button("New rule", click -> edit(null));
        create.setId("new-rule");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var header = new HorizontalLayout(new H2("Escalation rules"), back, create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        var intro = new Paragraph("A rule escalates a conversation when its condition matches a contact's message "
                + "(or, for wait-time conditions, every 30 seconds). One escalation per conversation stays open; "
                + "further matches are added to its history. After a resolve, the rule's cool-down prevents an "
                + "immediate re-opening.");
        intro.addClassName("omniops-muted");

        grid.setId("rules");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(r -> {
                    var enabled = new Checkbox(r.enabled());
                    enabled.setAriaLabel("Enabled: " + r.name());
                    enabled.addValueChangeListener(e -> {
                        rules.setEnabled(customer, r.id(), e.getValue(), user.getUsername());
                        Notification.show(
                                r.name() + (e.getValue() ? " enabled" : " disabled"),
                                2000,
                                Notification.Position.BOTTOM_START);
                        refresh();
                    });
                    return enabled;
                })
                .setHeader("On")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(Rule::name).setHeader("Rule").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(r -> rules.describe(r.condition()))
                .setHeader("Condition")
                .setFlexGrow(3);
        grid.addComponentColumn(r -> EscalationQueueView.badge(r.severity()))
                .setHeader("Severity")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.actions().stream()
                        .sorted()
                        .map(RuleAction::label)
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("record only"))
                .setHeader("Actions")
                .setFlexGrow(2);
        grid.addColumn(r -> r.cooldownMinutes() + " min")
                .setHeader("Cool-down")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(r -> {
                    var edit = new Button("Edit", click -> edit(r));
                    edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                    edit.setAriaLabel("Edit " + r.name());
                    return edit;
                })
                .setHeader("Actions")
                .setAutoWidth(true)
                .setFlexGrow(0);
        add(header, intro, slaForm(tenancy), grid);
        setFlexGrow(1, grid);
        refresh();
    }

    /**
     * The customer's first-response SLA (owned by tenancy): the default "Waiting too long" rule and the desk's SLA
     * column measure waiting against it.
     */
    private HorizontalLayout slaForm(TenancyManagement tenancy) {
        var minutes = new IntegerField("First-response SLA (minutes)");
        minutes.setId("first-response-sla");
        minutes.setMin(TenancyManagement.MIN_SLA_MINUTES);
        minutes.setMax(TenancyManagement.MAX_SLA_MINUTES);
        minutes.setStepButtonsVisible(true);
        minutes.setWidth("16rem");
        minutes.setHelperText("How long a contact may wait for a reply; the desk's SLA column and waiting rules "
                + "without minutes use it.");
        minutes.setValue((int) tenancy.firstResponseSla(customer).toMinutes());
        var save = new Button("Save SLA", click -> {
            var value = minutes.getValue();
            if (value == null || minutes.isInvalid()) {
                minutes.setErrorMessage("Enter whole minutes from " + TenancyManagement.MIN_SLA_MINUTES + " to "
                        + TenancyManagement.MAX_SLA_MINUTES);
                minutes.setInvalid(true);
                return;
            }
            try {
                tenancy.changeFirstResponseSla(customer, value, user.getUsername());
                minutes.setInvalid(false);
                Notification.show(
                        "First-response SLA set to " + value + " min", 3000, Notification.Position.BOTTOM_START);
                refresh();
            } catch (IllegalArgumentException e) {
                minutes.setErrorMessage(e.getMessage());
                minutes.setInvalid(true);
            }
        });
        save.setId("save-sla");
        var form = new HorizontalLayout(minutes, save);
        form.setWidthFull();
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private void refresh() {
        grid.setItems(rules.rules(customer));
    }

    /** The editor's bean: Binder binds these; the condition is edited separately. */
    static final class Form {
        String name = "";
        Severity severity = Severity.MEDIUM;
        Integer cooldown = 30;
        boolean enabled = true;
        Set<RuleAction> actions = EnumSet.of(RuleAction.SUPERVISOR_QUEUE);
    }

    /** The rule editor: its fields, the condition, a dry run over the last 7 days, save, cancel and delete. */
    private void edit(@Nullable Rule existing) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New escalation rule" : "Edit “" + existing.name() + "”");
        dialog.setWidth("min(64rem, 95vw)");

        var fields = new RuleFields();
        var binder = fields.binder();
        var form = formOf(existing);
        binder.readBean(form);
        var editor = new ConditionEditor(existing == null ? new Condition.Sentiment(null, null) : existing.condition());
        var dryRunResult = new Div();
        dryRunResult.setId("dry-run-result");
        dryRunResult.addClassName("omniops-dry-run");
        dialog.add(
                fields.layout(),
                fields.actions,
                editor,
                new HorizontalLayout(dryRunButton(editor, dryRunResult)),
                dryRunResult);

        var save = new Button("Save", click -> {
            if (save(existing, binder, form, editor)) {
                dialog.close();
                refresh();
            }
        });
        save.setId("save-rule");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", click -> dialog.close());
        dialog.getFooter().add(cancel, save);
        if (existing != null) {
            var delete = new Button("Delete", click -> {
                rules.delete(customer, existing.id());
                dialog.close();
                refresh();
            });
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            dialog.getFooter().addComponentAsFirst(delete);
        }
        dialog.open();
    }

    /** The editor's fields other than the condition, and how they bind to a {@link Form}. */
    private static final class RuleFields {

        final TextField name = new TextField("Name");
        final Select<Severity> severity = new Select<>();
        final IntegerField cooldown = new IntegerField("Cool-down (minutes)");
        final Checkbox enabled = new Checkbox("Enabled");
        final CheckboxGroup<RuleAction> actions = new CheckboxGroup<>("Actions");

        RuleFields() {
            name.setId("rule-name");
            severity.setLabel("Severity");
            severity.setId("rule-severity");
            severity.setItems(Severity.values());
            severity.setItemLabelGenerator(Severity::dbValue);
            cooldown.setId("rule-cooldown");
            cooldown.setStepButtonsVisible(true);
            actions.setItems(RuleAction.values());
            actions.setItemLabelGenerator(RuleAction::label);
        }

        Binder<Form> binder() {
            var binder = new Binder<Form>();
            binder.forField(name)
                    .asRequired("A rule needs a name")
                    .withValidator(v -> v.strip().length() <= 100, "At most 100 characters")
                    .bind(f -> f.name, (f, v) -> f.name = v.strip());
            binder.forField(severity).asRequired("Choose a severity").bind(f -> f.severity, (f, v) -> f.severity = v);
            binder.forField(cooldown)
                    .asRequired("Enter a cool-down (0 for none)")
                    .withValidator(v -> v >= 0 && v <= 10_080, "0 to 10,080 minutes (a week)")
                    .bind(f -> f.cooldown, (f, v) -> f.cooldown = v);
            binder.forField(enabled).bind(f -> f.enabled, (f, v) -> f.enabled = v);
            binder.forField(actions)
                    .bind(
                            f -> f.actions,
                            (f, v) -> f.actions = v.isEmpty() ? EnumSet.noneOf(RuleAction.class) : EnumSet.copyOf(v));
            return binder;
        }

        FormLayout layout() {
            var fields = new FormLayout(name, severity, cooldown, enabled);
            fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 4));
            return fields;
        }
    }

    private static Form formOf(@Nullable Rule existing) {
        var form = new Form();
        if (existing != null) {
            form.name = existing.name();
            form.severity = existing.severity();
            form.cooldown = existing.cooldownMinutes();
            form.enabled = existing.enabled();
            form.actions = existing.actions().isEmpty()
                    ? EnumSet.noneOf(RuleAction.class)
                    : EnumSet.copyOf(existing.actions());
        }
        return form;
    }

    private Button dryRunButton(ConditionEditor editor, Div result) {
        var dryRun = new Button("Dry run (last 7 days)", click -> {
            try {
                showDryRun(result, rules.dryRun(customer, editor.read()));
            } catch (Condition.InvalidCondition e) {
                result.removeAll();
                result.add(new Span(e.getMessage()));
            }
        });
        dryRun.setId("dry-run");
        return dryRun;
    }

    /** Saves the edited rule when the condition and the fields are valid; otherwise shows why and returns false. */
    private boolean save(@Nullable Rule existing, Binder<Form> binder, Form form, ConditionEditor editor) {
        Condition condition;
        try {
            condition = editor.read();
        } catch (Condition.InvalidCondition e) {
            Notification.show(e.getMessage(), 4000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return false;
        }
        if (!binder.writeBeanIfValid(form)) {
            return false;
        }
        var rule = new Rule(
                existing == null ? UUID.randomUUID() : existing.id(),
                customer,
                form.name,
                form.enabled,
                form.severity,
                condition,
                form.actions,
                form.cooldown,
                java.time.Instant.now());
        try {
            rules.save(customer, rule, user.getUsername());
        } catch (Condition.InvalidCondition e) {
            Notification.show(e.getMessage(), 4000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return false;
        }
        Notification.show("Rule saved", 2000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        return true;
    }

    private void showDryRun(Div target, RuleService.DryRun result) {
        target.removeAll();
        var summary = new Paragraph("Would have escalated " + result.wouldEscalate() + " of "
                + Plural.count(result.scanned(), "conversation") + " with analysed messages in the last 7 days"
                + (result.truncated()
                        ? " (only the " + RuleService.DRY_RUN_CONVERSATIONS + " most recent were checked)"
                        : "")
                + ".");
        summary.setId("dry-run-summary");
        target.add(summary);
        var zone = ZoneId.systemDefault();
        for (var example : result.examples()) {
            var link = new Anchor(ConversationNavigation.conversation(example.conversationId()), example.subject());
            var line =
                    new Div(link, new Span(" · " + WHEN.format(example.at().atZone(zone)) + " · " + example.reason()));
            target.add(line);
        }
    }

    /**
     * Edits the condition tree: a flat "all of"/"any of" list of leaf conditions; deeper trees (such as the default
     * VIP rule) are edited as JSON.
     */
    static final class ConditionEditor extends VerticalLayout {

        private final Select<String> combinator = new Select<>();
        private final VerticalLayout rows = new VerticalLayout();
        private final List<ConditionRow> conditionRows = new ArrayList<>();
        private final @Nullable TextArea json;

        ConditionEditor(Condition initial) {
            setPadding(false);
            setSpacing(false);
            addClassName("omniops-condition-editor");
            var flat = flatten(initial);
            if (flat == null) {
                json = new TextArea("Condition (JSON)");
                json.setId("rule-condition-json");
                json.setWidthFull();
                json.setValue(Condition.toJson(initial));
                json.setHelperText("This condition nests AND/OR groups; edit it as JSON. Types: sentiment, "
                        + "consecutive_negative, angry_messages, intent, sentiment_drop, keywords, category, waiting, vip, risk, "
                        + "all, any.");
                add(json);
                return;
            }
            json = null;
            combinator.setLabel("Escalate when");
            combinator.setId("rule-combinator");
            combinator.setItems("all of these match", "any of these match");
            combinator.setValue(initial instanceof Condition.Any ? "any of these match" : "all of these match");
            rows.setPadding(false);
            rows.setSpacing(false);
            flat.forEach(this::addRow);
            var add = new Button("Add condition", click -> addRow(null));
            add.setId("add-condition");
            add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            add(combinator, rows, add);
        }

        private void addRow(@Nullable Condition leaf) {
            var holder = new ConditionRow[1];
            holder[0] = new ConditionRow(() -> {
                if (conditionRows.size() > 1) {
                    conditionRows.remove(holder[0]);
                    rows.remove(holder[0]);
                }
            });
            if (leaf != null) {
                holder[0].show(leaf);
            }
            conditionRows.add(holder[0]);
            rows.add(holder[0]);
        }

        Condition read() {
            if (json != null) {
                try {
                    var parsed = Condition.parse(json.getValue());
                    json.setInvalid(false);
                    return parsed;
                } catch (Condition.InvalidCondition e) {
                    json.setErrorMessage(e.getMessage());
                    json.setInvalid(true);
                    throw e;
                }
            }
            var leaves = new ArrayList<Condition>();
            for (var row : conditionRows) {
                leaves.add(row.read());
            }
            if (leaves.size() == 1) {
                return leaves.getFirst();
            }
            return "any of these match".equals(combinator.getValue())
                    ? new Condition.Any(leaves)
                    : new Condition.All(leaves);
        }

        /** The leaves of a one-level tree, or null when it nests deeper. */
        private static @Nullable List<Condition> flatten(Condition c) {
            List<Condition> children = switch (c) {
                case Condition.All all -> all.conditions();
                case Condition.Any any -> any.conditions();
                default -> List.of(c);
            };
            return children.stream().anyMatch(x -> x instanceof Condition.All || x instanceof Condition.Any)
                    ? null
                    : children;
        }
    }
}
