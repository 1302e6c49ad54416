package uk.co.omniops.escalation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import java.time.ZoneId;
import java.util.EnumSet;
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
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;

/**
 * The rule editor: its fields (bound to a {@link Form}), the condition ({@link ConditionEditor}), a dry run over the
 * last 7 days, save, cancel and delete. After a save or delete it tells the rules view to refresh.
 */
class RuleDialog extends Dialog {

    private final RuleService rules;
    private final CustomerId customer;
    private final OmniOpsUser user;

    /** The editor's bean: Binder binds these; the condition is edited separately. */
    static final class Form {
        String name = "";
        Severity severity = Severity.MEDIUM;
        Integer cooldown = 30;
        boolean enabled = true;
        Set<RuleAction> actions = EnumSet.of(RuleAction.SUPERVISOR_QUEUE);
    }

    RuleDialog(RuleService rules, CustomerId customer, OmniOpsUser user, @Nullable Rule existing, Runnable changed) {
        this.rules = rules;
        this.customer = customer;
        this.user = user;
        setHeaderTitle(existing == null ? "New escalation rule" : "Edit “" + existing.name() + "”");
        setWidth("min(64rem, 95vw)");

        var fields = new RuleFields();
        var binder = fields.binder();
        var form = formOf(existing);
        binder.readBean(form);
        var editor = new ConditionEditor(existing == null ? new Condition.Sentiment(null, null) : existing.condition());
        var dryRunResult = new Div();
        dryRunResult.setId("dry-run-result");
        dryRunResult.addClassName("omniops-dry-run");
        add(
                fields.layout(),
                fields.actions,
                editor,
                new HorizontalLayout(dryRunButton(editor, dryRunResult)),
                dryRunResult);

        var save = new Button("Save", click -> {
            if (save(existing, binder, form, editor)) {
                close();
                changed.run();
            }
        });
        save.setId("save-rule");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, save);
        if (existing != null) {
            var delete = new Button("Delete", click -> {
                rules.delete(customer, existing.id());
                close();
                changed.run();
            });
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            getFooter().addComponentAsFirst(delete);
        }
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
            // the wrong field shows the message beside it (ConditionRow.read, ConditionEditor.read). No notification
            // on top: it repeated the field's message, and it is an overlay added to this dialog and removed 4 s
            // later; a clean-clone run on a loaded machine once lost the Save pressed after a corrected value, with
            // nothing else on screen (the cause is not proven)
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
            var line = new Div(
                    link,
                    new Span(" · "
                            + EscalationRulesView.WHEN.format(example.at().atZone(zone)) + " · " + example.reason()));
            target.add(line);
        }
    }
}
