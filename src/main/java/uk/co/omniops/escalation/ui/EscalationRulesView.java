package uk.co.omniops.escalation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;
import uk.co.omniops.escalation.internal.Rule;
import uk.co.omniops.escalation.internal.RuleAction;
import uk.co.omniops.escalation.internal.RuleService;
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

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm");

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
        var create = new Button("New rule", click -> new RuleDialog(rules, customer, user, null, this::refresh).open());
        create.setId("new-rule");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var header = new HorizontalLayout(new H2("Escalation rules"), back, create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        var intro = new Paragraph("A rule escalates a conversation when its condition matches a contact's message "
                + "(or, for wait-time conditions, every 30 seconds). One escalation per conversation stays open; "
                + "further matches are added to its history. After a resolve, the rule's cool-down prevents an "
                + "immediate re-opening.");
        intro.addClassName("omniops-muted");

        configureGrid();
        add(header, intro, slaForm(tenancy), grid);
        setFlexGrow(1, grid);
        refresh();
    }

    /**
     * The customer's first-response SLA (owned by tenancy): the default "Waiting too long" rule and the desk's SLA
     * column measure waiting against it.
     */
    /** The rules: on/off, name, condition, severity, actions, cool-down and edit. */
    private void configureGrid() {
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
                    var edit =
                            new Button("Edit", click -> new RuleDialog(rules, customer, user, r, this::refresh).open());
                    edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                    edit.setAriaLabel("Edit " + r.name());
                    return edit;
                })
                .setHeader("Actions")
                .setAutoWidth(true)
                .setFlexGrow(0);
    }

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
}
