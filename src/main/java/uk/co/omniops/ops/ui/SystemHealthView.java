package uk.co.omniops.ops.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import uk.co.omniops.analysis.AiCost;
import uk.co.omniops.analysis.AiGateway;
import uk.co.omniops.ops.AlertSettings;
import uk.co.omniops.ops.internal.AlertEvaluator;
import uk.co.omniops.platform.Jobs;

/**
 * Platform health for OmniOps staff: the three alert rules with their live values, recent alerts and where
 * they were sent, the job queue, and external AI cost per customer and model.
 */
@Route("admin/health")
@PageTitle("System health · OmniOps")
@Menu(order = 11, title = "System health", icon = "vaadin:heart")
@RolesAllowed("ADMIN")
class SystemHealthView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final AlertEvaluator alerts;
    private final AiGateway ai;
    private final Jobs jobs;
    private final AlertSettings settings;
    private final FlexLayout rules = new FlexLayout();
    private final Grid<AlertEvaluator.StoredAlert> alertGrid = new Grid<>();
    private final Grid<AiCost> costToday = new Grid<>();
    private final Grid<AiCost> costWeek = new Grid<>();
    private final Div queue = new Div();

    SystemHealthView(AlertEvaluator alerts, AiGateway ai, Jobs jobs, AlertSettings settings) {
        this.alerts = alerts;
        this.ai = ai;
        this.jobs = jobs;
        this.settings = settings;
        setId("system-health");
        var refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.setId("health-refresh");
        add(new HorizontalLayout(new H2("System health"), refresh));

        rules.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        rules.getStyle().set("gap", "var(--lumo-space-m)");
        add(new H3("Alert rules"), rules);

        alertGrid.addColumn(a -> TIME.format(a.firedAt())).setHeader("Fired").setAutoWidth(true);
        alertGrid
                .addColumn(AlertEvaluator.StoredAlert::message)
                .setHeader("Alert")
                .setFlexGrow(1);
        alertGrid
                .addColumn(AlertEvaluator.StoredAlert::status)
                .setHeader("Status")
                .setAutoWidth(true);
        alertGrid
                .addColumn(a -> a.resolvedAt() == null ? "" : TIME.format(a.resolvedAt()))
                .setHeader("Resolved")
                .setAutoWidth(true);
        alertGrid
                .addColumn(AlertEvaluator.StoredAlert::notifications)
                .setHeader("Sent to")
                .setAutoWidth(true);
        alertGrid.setAllRowsVisible(true);
        alertGrid.setEmptyStateText("No alert has fired.");
        alertGrid.setId("alert-history");
        add(new H3("Recent alerts"), alertGrid);

        add(new H3("Job queue"), queue);

        configure(costToday, "cost-today", "No calls to an external AI model today: everything ran in-process.");
        configure(costWeek, "cost-week", "No calls to an external AI model in the last 7 days.");
        add(new H3("External AI cost today (UTC)"), costToday, new H3("External AI cost, last 7 days"), costWeek);
        refresh();
    }

    private static void configure(Grid<AiCost> grid, String id, String whenEmpty) {
        grid.setId(id);
        grid.setEmptyStateText(whenEmpty);
        grid.addColumn(AiCost::customerName).setHeader("Customer").setFlexGrow(1);
        grid.addColumn(AiCost::model).setHeader("Model").setAutoWidth(true);
        grid.addColumn(AiCost::calls).setHeader("Calls").setAutoWidth(true);
        grid.addColumn(AiCost::failures).setHeader("Failed").setAutoWidth(true);
        grid.addColumn(c -> "USD " + c.costUsd().setScale(4, java.math.RoundingMode.HALF_UP))
                .setHeader("Cost")
                .setAutoWidth(true);
        grid.setAllRowsVisible(true);
    }

    private void refresh() {
        rules.removeAll();
        for (var state : alerts.states()) {
            var card = new Div();
            card.addClassName("omniops-health-card");
            card.getElement().setAttribute("data-rule", state.rule());
            var status =
                    new Span(state.breached() ? "Breached" : state.value().isPresent() ? "OK" : "Waiting for data");
            status.getElement()
                    .getThemeList()
                    .add(
                            state.breached()
                                    ? "badge error"
                                    : state.value().isPresent() ? "badge success" : "badge contrast");
            card.add(
                    new H3(state.title()),
                    status,
                    new Paragraph(state.explanation()),
                    new Paragraph("Threshold: " + threshold(state)));
            rules.add(card);
        }
        alertGrid.setItems(alerts.recent(50));
        var counts = jobs.counts();
        queue.removeAll();
        if (counts.isEmpty()) {
            queue.add(new Paragraph("No jobs yet."));
        }
        counts.forEach((type, byStatus) -> queue.add(new Paragraph(type + ": "
                + byStatus.entrySet().stream()
                        .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
                        .reduce((a, b) -> a + " · " + b)
                        .orElse("none"))));
        var midnight = Instant.now()
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        costToday.setItems(ai.costSince(midnight));
        costWeek.setItems(ai.costSince(Instant.now().minus(Duration.ofDays(7))));
    }

    private String threshold(AlertEvaluator.RuleState state) {
        return switch (state.rule()) {
            case "ERROR_RATE" ->
                "> %.1f %% over %d min"
                        .formatted(
                                settings.errorRatePercent(),
                                settings.errorRateWindow().toMinutes());
            case "ML_AVAILABILITY" ->
                "< %.0f %% for %d min"
                        .formatted(
                                100 * settings.availability(),
                                settings.availabilityWindow().toMinutes());
            case "REDIS_UNAVAILABLE" ->
                "no answer for %d s (Slack + e-mail; pods stay ready)"
                        .formatted(settings.redisWindow().toSeconds());
            default ->
                "> USD %.2f (%.0f %% of the USD %.2f daily budget) for %d min"
                        .formatted(
                                state.threshold(),
                                settings.costPercentOfBudget(),
                                settings.mlDailyBudgetUsd(),
                                settings.costWindow().toMinutes());
        };
    }
}
