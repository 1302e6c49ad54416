package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.analysis.CategoryDefinition;
import uk.co.omniops.shell.CurrentUser;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The supervisors' category taxonomy: rename default categories, add the customer's own, retire or restore them
 * ({@link AnalysisManagement#defineCategory}); shows how many corrections the agents made and how well the adapted
 * model agreed with them.
 */
@Route("settings/categories")
@PageTitle("Categories · OmniOps")
@Menu(order = 22, title = "Categories", icon = "vaadin:tags")
@RolesAllowed("SUPERVISOR")
class CategoriesView extends VerticalLayout {

    private final AnalysisManagement analysis;
    private final CustomerId customer;
    private final Grid<CategoryDefinition> grid = new Grid<>();
    private final Span stats = new Span();

    CategoriesView(AnalysisManagement analysis, CurrentUser currentUser) {
        this.analysis = analysis;
        this.customer = currentUser
                .require()
                .customerId()
                .orElseThrow(() -> new IllegalStateException("categories need a customer"));
        setId("categories-view");
        addClassName("omniops-categories-view");
        setSizeFull();

        stats.setId("categories-stats");
        stats.addClassName("omniops-secondary");

        grid.setId("categories-grid");
        grid.setAriaLabel("Categories");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(CategoryDefinition::key)
                .setHeader("Key")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::nameEditor).setHeader("Name").setFlexGrow(1);
        grid.addColumn(c -> c.custom() ? "Own" : "Default")
                .setHeader("Kind")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::retireButton)
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0);

        var key = new TextField("New key");
        key.setId("category-key");
        key.setPlaceholder("e.g. warranty_claim");
        key.setHelperText("lower case, digits, underscore");
        var name = new TextField("Name");
        name.setId("category-name");
        var addButton = new Button("Add category", e -> {
            if (define(key.getValue().strip(), name.getValue().strip(), false)) {
                key.clear();
                name.clear();
            }
        });
        addButton.setId("category-add");
        addButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new Div(key, name, addButton);
        form.addClassName("omniops-categories-form");

        add(
                new H2("Categories"),
                new Paragraph("Agents tag messages with these; their corrections teach this "
                        + "customer's model. Retired categories are no longer suggested or offered."),
                stats,
                form,
                grid);
        refresh();
    }

    private TextField nameEditor(CategoryDefinition c) {
        var field = new TextField();
        field.setValue(c.displayName());
        field.setAriaLabel("Name of " + c.key());
        field.addThemeName("small");
        field.setWidthFull();
        field.addValueChangeListener(e -> {
            if (e.isFromClient()
                    && !e.getValue().isBlank()
                    && !e.getValue().strip().equals(c.displayName())) {
                define(c.key(), e.getValue().strip(), c.retired());
            }
        });
        return field;
    }

    private Button retireButton(CategoryDefinition c) {
        var b = new Button(c.retired() ? "Restore" : "Retire", e -> define(c.key(), c.displayName(), !c.retired()));
        b.addThemeVariants(
                ButtonVariant.LUMO_SMALL, c.retired() ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_TERTIARY);
        b.setAriaLabel((c.retired() ? "Restore " : "Retire ") + c.displayName());
        return b;
    }

    private boolean define(String key, String name, boolean retired) {
        try {
            analysis.defineCategory(customer, key, name, retired);
        } catch (RuntimeException e) {
            var n = Notification.show(
                    e.getMessage() == null ? "That did not work." : e.getMessage(),
                    5000,
                    Notification.Position.BOTTOM_END);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            return false;
        }
        refresh();
        return true;
    }

    private void refresh() {
        grid.setItems(analysis.categories(customer));
        stats.setText("Agents' corrections: " + CorrectionStatsText.of(analysis.correctionStats(customer)));
    }
}
