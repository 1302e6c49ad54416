package uk.co.omniops.insight.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import uk.co.omniops.insight.DrillDown;
import uk.co.omniops.insight.DrillDownRow;
import uk.co.omniops.insight.InsightManagement;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.insight.export.ReportCsv;
import uk.co.omniops.insight.export.ReportFigures;
import uk.co.omniops.insight.export.ReportPdf;
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
    private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int DRILL_DOWN_LIMIT = 200;
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

    private final H2 title = new H2("Insights");
    private final Paragraph demoNote = new Paragraph();
    private final ComboBox<Customer> customerPicker = new ComboBox<>("Customer");
    private final Select<Preset> preset = new Select<>();
    private final DatePicker fromDate = new DatePicker("From");
    private final DatePicker toDate = new DatePicker("To");
    private final Span comparison = new Span();
    private final Button extract = new Button("Extract insights now", VaadinIcon.REFRESH.create());
    private final Anchor csv = new Anchor();
    private final Anchor pdf = new Anchor();
    private final Div notice = new Div();
    private final FlexLayout figures = new FlexLayout();
    private final UnorderedList highlights = new UnorderedList();
    private final Paragraph extractedAt = new Paragraph();
    private final FlexLayout charts = new FlexLayout();
    private final Grid<InsightReport.Topic> topics = new Grid<>();
    private final H3 drillDownTitle = new H3();
    private final Paragraph drillDownHint = new Paragraph();
    private final Grid<DrillDownRow> drillDownGrid = new Grid<>();

    private @Nullable Customer customer;
    private InsightPeriod period = Preset.LAST_7_DAYS.period(LocalDate.now(ZoneOffset.UTC));
    private @Nullable InsightReport report;
    private boolean updatingControls;

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
        setId("insights");
        addClassName("omniops-insights");
        add(
                toolbar(),
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
                topics,
                drillDownTitle,
                drillDownHint,
                drillDownGrid);
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
        configureTopics();
        configureDrillDown();
    }

    private Component toolbar() {
        title.setId("insight-title");
        customerPicker.setItems(List.of());
        customerPicker.setItemLabelGenerator(Customer::name);
        customerPicker.setId("insight-customer");
        customerPicker.setVisible(false);
        customerPicker.addValueChangeListener(e -> {
            if (!updatingControls && e.getValue() != null) {
                customer = e.getValue();
                refresh(true);
            }
        });

        preset.setLabel("Period");
        preset.setId("insight-preset");
        preset.setItems(Preset.values());
        preset.setItemLabelGenerator(Preset::label);
        preset.addValueChangeListener(e -> {
            if (!updatingControls && e.getValue() != null && e.getValue() != Preset.CUSTOM) {
                period = e.getValue().period(LocalDate.now(ZoneOffset.UTC));
                refresh(true);
            }
            var custom = e.getValue() == Preset.CUSTOM;
            fromDate.setVisible(custom);
            toDate.setVisible(custom);
        });
        fromDate.setLocale(Locale.UK);
        toDate.setLocale(Locale.UK);
        fromDate.setId("insight-from");
        toDate.setId("insight-to");
        fromDate.setVisible(false);
        toDate.setVisible(false);
        fromDate.addValueChangeListener(e -> customDates());
        toDate.addValueChangeListener(e -> customDates());

        comparison.setId("insight-comparison");
        comparison.addClassName("omniops-muted");

        extract.setId("insight-extract");
        extract.addThemeVariants(ButtonVariant.TERTIARY);
        extract.addClickListener(e -> extractNow());

        csv.setId("insight-csv");
        csv.add(new Button("CSV", VaadinIcon.DOWNLOAD.create()));
        csv.setHref(DownloadHandler.fromInputStream(event -> {
            var current = report;
            var who = customer;
            if (current == null || who == null) {
                return DownloadResponse.error(404);
            }
            var bytes = ReportCsv.write(current, who.name()).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(
                    new ByteArrayInputStream(bytes),
                    fileName(who, current, "csv"),
                    "text/csv; charset=utf-8",
                    bytes.length);
        }));
        pdf.setId("insight-pdf");
        pdf.add(new Button("PDF", VaadinIcon.FILE_TEXT_O.create()));
        pdf.setHref(DownloadHandler.fromInputStream(event -> {
            var current = report;
            var who = customer;
            if (current == null || who == null) {
                return DownloadResponse.error(404);
            }
            var bytes = ReportPdf.write(current, who.name());
            return new DownloadResponse(
                    new ByteArrayInputStream(bytes), fileName(who, current, "pdf"), "application/pdf", bytes.length);
        }));

        var controls = new HorizontalLayout(customerPicker, preset, fromDate, toDate);
        controls.setAlignItems(Alignment.BASELINE);
        controls.setWrap(true);
        var actions = new HorizontalLayout(extract, csv, pdf);
        actions.setAlignItems(Alignment.CENTER);
        var bar = new FlexLayout(title, controls, actions);
        bar.addClassName("omniops-insight-toolbar");
        var layout = new VerticalLayout(bar, comparison);
        layout.setPadding(false);
        layout.setSpacing(false);
        return layout;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var user = currentUser.require();
        var parameters = event.getLocation().getQueryParameters();
        if (user.role() == Role.ADMIN) {
            var all = tenancy.allCustomers();
            customerPicker.setItems(all);
            customerPicker.setVisible(true);
            var slug = first(parameters, "customer");
            customer = slug.flatMap(
                            s -> all.stream().filter(c -> c.slug().equals(s)).findFirst())
                    .orElse(all.isEmpty() ? null : all.getFirst());
        } else {
            customer = user.customerId().flatMap(tenancy::customer).orElse(null);
        }
        period = periodFrom(parameters).orElse(period);
        refresh(false);
    }

    private void customDates() {
        if (updatingControls || fromDate.getValue() == null || toDate.getValue() == null) {
            return;
        }
        if (toDate.getValue().isBefore(fromDate.getValue())) {
            toDate.setInvalid(true);
            toDate.setErrorMessage("Must not be before the start");
            return;
        }
        toDate.setInvalid(false);
        period = new InsightPeriod(
                fromDate.getValue().atStartOfDay().toInstant(ZoneOffset.UTC),
                toDate.getValue().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        refresh(true);
    }

    private void refresh(boolean updateUrl) {
        var who = customer;
        updatingControls = true;
        try {
            customerPicker.setValue(who);
            var today = LocalDate.now(ZoneOffset.UTC);
            var matching = java.util.Arrays.stream(Preset.values())
                    .filter(p -> p != Preset.CUSTOM && p.period(today).equals(period))
                    .findFirst();
            preset.setValue(matching.orElse(Preset.CUSTOM));
            fromDate.setValue(LocalDate.ofInstant(period.from(), ZoneOffset.UTC));
            toDate.setValue(LocalDate.ofInstant(period.to().minusSeconds(1), ZoneOffset.UTC));
        } finally {
            updatingControls = false;
        }
        if (updateUrl) {
            updateUrl();
        }
        var previous = period.previous();
        comparison.setText(
                DAY.format(period.from()) + " – " + DAY.format(period.to().minusSeconds(1))
                        + " (UTC), compared with " + DAY.format(previous.from()) + " – "
                        + DAY.format(previous.to().minusSeconds(1)));
        title.setText(who == null ? "Insights" : "Insights · " + who.name());
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
        clearDrillDown();
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

    private void configureTopics() {
        topics.setId("insight-topics");
        topics.addComponentColumn(t -> {
                    var phrase = new Span(t.phrase());
                    var cell = new HorizontalLayout(phrase);
                    cell.setSpacing(true);
                    if (t.emerging()) {
                        var badge = new Span("Emerging");
                        badge.getElement().getThemeList().add("badge error small");
                        badge.getStyle().set("flex-shrink", "0");
                        cell.add(badge);
                    }
                    return cell;
                })
                .setHeader("Topic")
                .setAutoWidth(true)
                .setFlexGrow(0);
        topics.addColumn(InsightReport.Topic::count).setHeader("Mentions").setAutoWidth(true);
        topics.addColumn(InsightReport.Topic::previousCount)
                .setHeader("Previous")
                .setAutoWidth(true);
        topics.addColumn(t -> String.format(Locale.UK, "×%.1f", t.growth()))
                .setHeader("Growth")
                .setAutoWidth(true);
        topics.addColumn(t -> t.examples().isEmpty()
                        ? ""
                        : "“" + t.examples().getFirst().text() + "”")
                .setHeader("Example")
                .setFlexGrow(2);
        topics.setAllRowsVisible(true);
        topics.addItemClickListener(e -> drillDown(
                new DrillDown(period, null, e.getItem().phrase(), false, false),
                "Conversations mentioning “" + e.getItem().phrase() + "”"));
        topics.setEmptyStateText("No topics extracted for this period yet.");
    }

    private void configureDrillDown() {
        drillDownGrid.setId("insight-drilldown");
        drillDownGrid
                .addColumn(r -> InsightsCharts.TIME.format(r.startedAt()))
                .setHeader("Started")
                .setAutoWidth(true);
        drillDownGrid.addColumn(DrillDownRow::contactName).setHeader("Contact").setAutoWidth(true);
        drillDownGrid.addColumn(DrillDownRow::subject).setHeader("Subject").setFlexGrow(1);
        drillDownGrid
                .addColumn(r -> r.category() == null ? "" : r.category())
                .setHeader("Category")
                .setAutoWidth(true);
        drillDownGrid
                .addColumn(r -> r.averageSentiment() == null ? "–" : Math.round(r.averageSentiment() * 100) + " / 100")
                .setHeader("Sentiment")
                .setAutoWidth(true);
        drillDownGrid
                .addColumn(r -> r.escalated() ? "Escalated" : "")
                .setHeader("Escalation")
                .setAutoWidth(true);
        drillDownGrid.addColumn(DrillDownRow::status).setHeader("Status").setAutoWidth(true);
        drillDownGrid
                .addColumn(DrillDownRow::firstCustomerMessage)
                .setHeader("First message")
                .setFlexGrow(2);
        if (canOpenConversations()) {
            drillDownGrid.addItemClickListener(
                    e -> UI.getCurrent().navigate("inbox/" + e.getItem().conversationId()));
        }
        drillDownGrid.setAllRowsVisible(true);
        drillDownGrid.setEmptyStateText("No conversations match.");
    }

    private boolean canOpenConversations() {
        return currentUser.get().map(u -> u.role() == Role.SUPERVISOR).orElse(false);
    }

    private void clearDrillDown() {
        drillDownTitle.setText("Conversations behind a figure");
        drillDownHint.setText("Click a bar, a point, a category or a topic to list the conversations behind it.");
        drillDownGrid.setItems(List.of());
        drillDownGrid.setVisible(false);
    }

    private void drillDown(DrillDown query, String title) {
        var who = customer;
        if (who == null) {
            return;
        }
        var rows = insights.drillDown(who.id(), query, DRILL_DOWN_LIMIT);
        drillDownTitle.setText(title);
        drillDownHint.setText(
                rows.size() >= DRILL_DOWN_LIMIT
                        ? "The newest " + DRILL_DOWN_LIMIT + " conversations."
                        : rows.size()
                                + (rows.size() == 1 ? " conversation." : " conversations.")
                                + (canOpenConversations() ? " Click one to open it." : ""));
        drillDownGrid.setItems(rows);
        drillDownGrid.setVisible(true);
        drillDownTitle.scrollIntoView();
    }

    private void extractNow() {
        var who = customer;
        if (who == null) {
            return;
        }
        var ui = UI.getCurrent();
        var requested = period;
        extract.setEnabled(false);
        extract.setText("Extracting…");
        extractedAt.setText("Extracting topics and highlights for this period: this takes a few seconds to a minute.");
        CompletableFuture.supplyAsync(() -> insights.extractNow(who.id(), requested))
                .whenComplete((fresh, error) -> ui.access(() -> {
                    extract.setEnabled(true);
                    extract.setText("Extract insights now");
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
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("from", FILE_DAY.format(period.from()));
        parameters.put("to", FILE_DAY.format(period.to().minusSeconds(1)));
        if (customer != null && currentUser.hasRole(Role.ADMIN)) {
            parameters.put("customer", customer.slug());
        }
        var url = RouteConfiguration.forSessionScope().getUrl(InsightsView.class) + "?"
                + QueryParameters.simple(parameters).getQueryString();
        UI.getCurrent().getPage().getHistory().replaceState(null, url);
    }

    private static Optional<InsightPeriod> periodFrom(QueryParameters parameters) {
        var from = first(parameters, "from");
        var to = first(parameters, "to");
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        try {
            var start = LocalDate.parse(from.get());
            var end = LocalDate.parse(to.get());
            if (end.isBefore(start) || start.plusYears(2).isBefore(end)) {
                return Optional.empty();
            }
            return Optional.of(new InsightPeriod(
                    start.atStartOfDay().toInstant(ZoneOffset.UTC),
                    end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty(); // a hand-edited link: fall back to the default period
        }
    }

    private static Optional<String> first(QueryParameters parameters, String name) {
        return parameters.getParameters().getOrDefault(name, List.of()).stream().findFirst();
    }

    private static String fileName(Customer customer, InsightReport report, String extension) {
        return "insights-" + customer.slug() + "-"
                + FILE_DAY.format(report.period().from()) + "-to-"
                + FILE_DAY.format(report.period().to().minusSeconds(1)) + "." + extension;
    }

    /** Period presets; "last N days" ends today (inclusive, UTC). */
    enum Preset {
        LAST_7_DAYS("Last 7 days", 7),
        LAST_30_DAYS("Last 30 days", 30),
        LAST_90_DAYS("Last 90 days", 90),
        CUSTOM("Custom…", 0);

        private final String label;
        private final int days;

        Preset(String label, int days) {
            this.label = label;
            this.days = days;
        }

        String label() {
            return label;
        }

        InsightPeriod period(LocalDate today) {
            return InsightPeriod.lastDays(days, today);
        }
    }
}
