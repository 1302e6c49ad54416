package uk.co.omniops.insight.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import uk.co.omniops.insight.DrillDown;
import uk.co.omniops.insight.InsightManagement;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.insight.export.ReportFigures;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.shell.CurrentUser;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.DemoData;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * The executive insights report: a period against the previous one of equal length, headline figures, highlights,
 * charts that drill down to the conversations behind them, topics and emerging issues, and CSV/PDF export.
 * Executives and supervisors see their own customer; OmniOps admins pick any customer. The period and customer are
 * kept in the URL ({@code ?from=2026-11-01&to=2026-11-07&customer=slug}, dates inclusive, UTC) so a report can be
 * shared as a link.
 */
@Route("insights")
@PageTitle("Insights · OmniOps")
@Menu(order = 3, icon = "vaadin:chart", title = "Insights")
@RolesAllowed({"EXECUTIVE", "SUPERVISOR", "ADMIN"})
class InsightsView extends VerticalLayout implements BeforeEnterObserver {

    static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).withZone(ZoneOffset.UTC);
    /**
     * History the volume forecast learns from: eight weeks, enough for the weekly pattern to be averaged over several
     * weeks while old enough weeks drop out (the level follows the recent ones anyway).
     */
    private static final Duration FORECAST_HISTORY = Duration.ofDays(56);

    private static final Duration FORECAST_AHEAD = Duration.ofDays(7);

    private final InsightManagement insights;
    private final PredictionManagement predictions;
    private final FeatureFlags flags;
    private final TenancyManagement tenancy;
    private final CurrentUser currentUser;
    private final boolean demoHistory;

    private final InsightsToolbar toolbar;
    private final Paragraph demoNote = new Paragraph();
    private final Div notice = new Div();
    private final FlexLayout figures = new FlexLayout();
    private final UnorderedList highlights = new UnorderedList();
    private final Paragraph extractedAt = new Paragraph();
    private final FlexLayout charts = new FlexLayout();
    private final TopicsGrid topics;
    private final DrillDownSection drillDown;

    private @Nullable Customer customer;
    private InsightPeriod period = Preset.LAST_7_DAYS.period(LocalDate.now(ZoneOffset.UTC));
    private @Nullable InsightReport report;

    InsightsView(
            InsightManagement insights,
            PredictionManagement predictions,
            FeatureFlags flags,
            TenancyManagement tenancy,
            CurrentUser currentUser,
            @Value("${omniops.insights.demo-history:false}") boolean demoHistory) {
        this.insights = insights;
        this.predictions = predictions;
        this.flags = flags;
        this.tenancy = tenancy;
        this.currentUser = currentUser;
        this.demoHistory = demoHistory;
        this.toolbar = new InsightsToolbar(
                chosen -> {
                    customer = chosen;
                    refresh(true);
                },
                chosen -> {
                    period = chosen;
                    refresh(true);
                },
                this::extractNow,
                this::shown);
        this.topics = new TopicsGrid(topic -> drillDown(
                new DrillDown(period, null, topic.phrase(), false, false),
                "Conversations mentioning “" + topic.phrase() + "”"));
        this.drillDown = new DrillDownSection(canOpenConversations());
        setId("insights");
        addClassName("omniops-insights");
        add(
                toolbar,
                notice,
                demoNote,
                new H3("Headline figures"),
                figures,
                new H3("Highlights"),
                extractedAt,
                highlights,
                new H3("Trends"),
                charts,
                new H3("Topics and emerging issues"),
                topics);
        add(drillDown.components());
        figures.addClassName("omniops-insight-figures");
        figures.setId("insight-figures");
        highlights.setId("insight-highlights");
        extractedAt.addClassName("omniops-muted");
        charts.addClassName("omniops-insight-charts");
        charts.setId("insight-charts");
        notice.setId("insight-notice");
        demoNote.setId("insight-demo-note");
        demoNote.addClassName("omniops-muted");
        demoNote.setVisible(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var user = currentUser.require();
        var parameters = event.getLocation().getQueryParameters();
        if (user.role() == Role.ADMIN) {
            var all = tenancy.allCustomers();
            toolbar.offerCustomers(all);
            var slug = ReportLink.first(parameters, "customer");
            customer = slug.flatMap(
                            s -> all.stream().filter(c -> c.slug().equals(s)).findFirst())
                    .orElse(all.isEmpty() ? null : all.getFirst());
        } else {
            customer = user.customerId().flatMap(tenancy::customer).orElse(null);
        }
        period = ReportLink.periodFrom(parameters).orElse(period);
        refresh(false);
    }

    private InsightsToolbar.@Nullable Shown shown() {
        var current = report;
        var who = customer;
        return current == null || who == null ? null : new InsightsToolbar.Shown(current, who);
    }

    private void refresh(boolean updateUrl) {
        var who = customer;
        toolbar.show(who, period);
        if (updateUrl) {
            updateUrl();
        }
        showDemoNote(who);
        if (who == null) {
            showNotice("There is no customer to report on yet.");
            report = null;
            return;
        }
        if (!flags.isEnabled(who.id(), Feature.CONVERSATION_INSIGHTS)) {
            showNotice("Conversation insights are not switched on for " + who.name()
                    + ". OmniOps enables them per customer during the rollout.");
        } else {
            notice.setVisible(false);
        }
        show(insights.report(who.id(), period));
    }

    /**
     * The demo customers' reports count six weeks of generated history beside the live traffic; say so, so the
     * figures are not read as the live pipeline's (the rules' dry run, for one, counts only analysed live messages).
     */
    private void showDemoNote(@Nullable Customer who) {
        boolean demo = demoHistory
                && who != null
                && DemoData.CUSTOMERS.stream().anyMatch(c -> c.slug().equals(who.slug()));
        demoNote.setVisible(demo);
        demoNote.setText(
                demo
                        ? "Demo data: besides the live conversations (the chat simulator, the chat page and the "
                                + "API), these figures count six weeks of generated history that the demo writes at its first start "
                                + "(all resolved, with an emerging issue in the last week). The escalation rules' dry run and the inbox "
                                + "count only the live conversations."
                        : "");
    }

    private void showNotice(String text) {
        notice.setText(text);
        notice.setVisible(true);
        notice.addClassName("omniops-notice");
    }

    private void show(InsightReport shown) {
        report = shown;
        showFigures(shown);
        highlights.removeAll();
        shown.highlights().forEach(h -> highlights.add(new ListItem(h)));
        if (shown.highlights().isEmpty()) {
            highlights.add(new ListItem("No highlights for this period yet."));
        }
        extractedAt.setText(
                shown.extractedAt() == null
                        ? "Topics and highlights have not been extracted for this period yet: use \"Extract insights now\"."
                        : "Topics extracted " + InsightsCharts.TIME.format(shown.extractedAt()) + ".");
        charts.removeAll();
        InsightsCharts.add(charts, shown, outlook(shown), this::drillDown);
        topics.setItems(shown.topics());
        drillDown.clear();
    }

    /**
     * The forecast continues the series the chart draws: the report's own volume per day (hour), read over a longer
     * history, so whatever the chart counts (demo and imported history included) the forecast counts too.
     */
    private InsightsCharts.Outlook outlook(InsightReport shown) {
        var who = customer;
        var now = Instant.now();
        if (who == null || shown.period().to().isBefore(now.minus(Duration.ofDays(1)))) {
            return InsightsCharts.Outlook.NONE; // a past period: a forecast would be about a different week
        }
        if (!flags.isEnabled(who.id(), Feature.CONVERSATION_INSIGHTS)) {
            return InsightsCharts.Outlook.NONE; // the notice above the report already says why it is empty
        }
        boolean hourly = shown.period().length().compareTo(Duration.ofDays(2)) <= 0;
        var unit = hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        var end = now.truncatedTo(unit); // the current bucket is still filling: not history yet
        var start = end.minus(FORECAST_HISTORY);
        var counts = insights.arrivals(who.id(), new InsightPeriod(start, end), unit);
        var until = (shown.period().to().isAfter(end) ? shown.period().to() : end).plus(FORECAST_AHEAD);
        int horizon = (int) Duration.between(end, until).dividedBy(unit.getDuration());
        var forecast = predictions.forecastArrivals(who.id(), start, unit.getDuration(), counts, horizon);
        return InsightsCharts.Outlook.of(forecast, hourly, who.name());
    }

    private void showFigures(InsightReport shown) {
        figures.removeAll();
        ReportFigures.headline(shown).forEach(f -> figures.add(new Figure(f)));
    }

    private boolean canOpenConversations() {
        return currentUser.get().map(u -> u.role() == Role.SUPERVISOR).orElse(false);
    }

    private void drillDown(DrillDown query, String title) {
        var who = customer;
        if (who == null) {
            return;
        }
        drillDown.show(title, insights.drillDown(who.id(), query, DrillDownSection.LIMIT));
    }

    private void extractNow() {
        var who = customer;
        if (who == null) {
            return;
        }
        var ui = UI.getCurrent();
        var requested = period;
        toolbar.extracting(true);
        extractedAt.setText("Extracting topics and highlights for this period: this takes a few seconds to a minute.");
        CompletableFuture.supplyAsync(() -> insights.extractNow(who.id(), requested))
                .whenComplete((fresh, error) -> ui.access(() -> {
                    toolbar.extracting(false);
                    if (error != null) {
                        if (report != null) {
                            show(report);
                        }
                        Notification.show(
                                        "Extraction failed: " + rootMessage(error), 6000, Notification.Position.MIDDLE)
                                .addThemeVariants(NotificationVariant.ERROR);
                    } else if (who.equals(customer) && requested.equals(period)) {
                        show(fresh);
                        Notification.show(
                                        "Insights extracted. " + fresh.topics().size()
                                                + (fresh.topics().size() == 1 ? " topic." : " topics."),
                                        4000,
                                        Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.SUCCESS);
                    }
                }));
    }

    private static String rootMessage(Throwable error) {
        var cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private void updateUrl() {
        var parameters = ReportLink.parameters(period, currentUser.hasRole(Role.ADMIN) ? customer : null);
        var url = RouteConfiguration.forSessionScope().getUrl(InsightsView.class) + "?"
                + QueryParameters.simple(parameters).getQueryString();
        UI.getCurrent().getPage().getHistory().replaceState(null, url);
    }
}
