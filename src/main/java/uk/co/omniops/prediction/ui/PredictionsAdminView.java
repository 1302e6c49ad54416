package uk.co.omniops.prediction.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.prediction.Calibration;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.prediction.VolumeForecast;
import uk.co.omniops.shell.Chart;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * For OmniOps staff: how well the escalation-risk predictions are calibrated (predicted risk against the observed
 * escalation rate per bin, Brier score) for all customers or one, and the chosen customer's 7-day volume forecast
 * with the agents needed per hour. A click on a calibration point selects its bin in the table.
 *
 * <p>Tenancy: a customer's numbers are read inside that customer's tenant scope by {@link PredictionManagement};
 * "All customers" is the logged platform path. The view itself is for the ADMIN role only.
 */
@Route("admin/predictions")
@PageTitle("Predictions · OmniOps")
@Menu(order = 12, title = "Predictions", icon = "vaadin:trending-up")
@RolesAllowed("ADMIN")
class PredictionsAdminView extends VerticalLayout {

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("EEE HH:mm", Locale.UK).withZone(ZoneOffset.UTC);

    /** A choice in the customer picker; {@code customer == null} is "All customers". */
    record Scope(String label, @Nullable Customer customer) {}

    private final PredictionManagement predictions;
    private final Select<Scope> scope = new Select<>();
    private final Paragraph calibrationSummary = new Paragraph();
    private final Chart reliability = new Chart(Chart.Kind.LINE);
    private final Grid<Calibration.Bin> bins = new Grid<>();
    private final Paragraph binDetail = new Paragraph();
    private final Div forecastSection = new Div();
    private final Paragraph forecastSummary = new Paragraph();
    private final Chart forecast = new Chart(Chart.Kind.LINE);
    private List<Calibration.Bin> currentBins = List.of();

    PredictionsAdminView(PredictionManagement predictions, TenancyManagement tenancy) {
        this.predictions = predictions;
        setId("predictions-admin");
        setWidthFull();
        add(new H2("Predictions"));

        var scopes = new ArrayList<Scope>();
        scopes.add(new Scope("All customers", null));
        tenancy.allCustomers().stream()
                .sorted(java.util.Comparator.comparing(Customer::name))
                .forEach(c -> scopes.add(new Scope(c.name(), c)));
        scope.setLabel("Customer");
        scope.setId("prediction-scope");
        scope.setItems(scopes);
        scope.setItemLabelGenerator(Scope::label);
        scope.setValue(scopes.getFirst());
        scope.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                show(e.getValue());
            }
        });
        add(scope);

        calibrationSummary.setId("calibration-summary");
        reliability.setId("calibration-chart");
        reliability.setWidthFull();
        reliability.setHeight("320px");
        reliability.setTitle("Predicted escalation risk against observed escalation rate");
        reliability.setXAxisTitle("Predicted risk");
        reliability.setYAxisTitle("Escalation rate");
        reliability.setPercent(true);
        reliability.setYRange(0.0, 1.0);
        reliability.addPointClickListener(click -> {
            var bin = currentBins.get(click.pointIndex());
            bins.select(bin);
            bins.scrollToIndex(click.pointIndex());
            reliability.setHighlight(click.seriesIndex(), click.pointIndex());
            binDetail.setText(
                    bin.count() == 0
                            ? "Predicted risk " + range(bin) + ": no conversations."
                            : "Predicted risk %s: %d conversations, %d escalated (observed %s, mean predicted %s)."
                                    .formatted(
                                            range(bin),
                                            bin.count(),
                                            bin.escalated(),
                                            percent(bin.observedRate()),
                                            percent(bin.meanPredicted())));
        });
        binDetail.setId("calibration-selection");

        bins.setId("calibration-bins");
        bins.addColumn(b -> range(b)).setHeader("Predicted risk").setAutoWidth(true);
        bins.addColumn(Calibration.Bin::count).setHeader("Conversations").setAutoWidth(true);
        bins.addColumn(Calibration.Bin::escalated).setHeader("Escalated").setAutoWidth(true);
        bins.addColumn(b -> percent(b.meanPredicted()))
                .setHeader("Mean predicted")
                .setAutoWidth(true);
        bins.addColumn(b -> percent(b.observedRate()))
                .setHeader("Observed rate")
                .setAutoWidth(true);
        bins.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        bins.setAllRowsVisible(true);
        bins.setWidthFull();

        var calibration = new FlexLayout(reliability, bins);
        calibration.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        calibration.setWidthFull();
        calibration.getStyle().set("gap", "var(--lumo-space-m)");
        calibration.setFlexBasis("30rem", reliability, bins);
        calibration.setFlexGrow(1, reliability, bins);
        add(new H3("Calibration of the escalation risk"), calibrationSummary, calibration, binDetail);

        forecastSection.setId("forecast-section");
        forecastSection.setWidthFull();
        forecastSummary.setId("forecast-summary");
        forecast.setId("forecast-chart");
        forecast.setWidthFull();
        forecast.setHeight("340px");
        forecast.setTitle("Next 7 days (UTC)");
        forecast.setYAxisTitle("Conversations per hour");
        forecast.setSecondaryYAxisTitle("Agents needed");
        add(new H3("Volume forecast"), forecastSection);

        show(scope.getValue());
    }

    private void show(Scope selected) {
        var customer = selected.customer();
        var calibration = customer == null ? predictions.platformCalibration() : predictions.calibration(customer.id());
        currentBins = calibration.bins();
        binDetail.setText("Click a point to see its bin.");
        calibrationSummary.setText(summary(selected.label(), calibration));
        var labels = currentBins.stream().map(PredictionsAdminView::range).toList();
        var observed = currentBins.stream()
                .map(b -> b.count() == 0 ? null : b.observedRate())
                .toList();
        var predicted = currentBins.stream()
                .map(b -> b.count() == 0 ? null : b.meanPredicted())
                .toList();
        var diagonal = currentBins.stream()
                .map(b -> (b.from() + b.to()) / 2)
                .map(Double::valueOf)
                .toList();
        reliability.setData(
                labels,
                List.of(
                        Chart.Series.of("Observed escalation rate", observed).withColour("primary"),
                        Chart.Series.of("Mean predicted risk", predicted).withColour("warning"),
                        Chart.Series.of("Perfect calibration", diagonal)
                                .withColour("muted")
                                .asDashed()));
        bins.setItems(currentBins);

        forecastSection.removeAll();
        if (customer == null) {
            forecastSection.add(new Paragraph("Pick a customer to see its forecast."));
            return;
        }
        VolumeForecast f = predictions.forecast(customer.id());
        if (f.hours().isEmpty()) {
            forecastSection.add(new Paragraph("Predictive analytics is off for " + customer.name() + "."));
            return;
        }
        forecastSummary.setText(("Built from %d week%s of history · handle time %.1f min · staffing for an average "
                        + "first response within %d s · %s conversations expected in total")
                .formatted(
                        f.weeksOfHistory(),
                        f.weeksOfHistory() == 1 ? "" : "s",
                        f.handleMinutes(),
                        f.targetFirstResponseSeconds(),
                        Math.round(f.hours().stream()
                                .mapToDouble(VolumeForecast.Hour::expectedConversations)
                                .sum())));
        forecast.setData(
                f.hours().stream().map(h -> HOUR.format(h.start())).toList(),
                List.of(
                        Chart.Series.band(
                                        "80 % range of the hour's count",
                                        f.hours().stream()
                                                .map(h ->
                                                        Double.valueOf(poissonQuantile(h.expectedConversations(), 0.1)))
                                                .toList(),
                                        f.hours().stream()
                                                .map(h ->
                                                        Double.valueOf(poissonQuantile(h.expectedConversations(), 0.9)))
                                                .toList())
                                .withColour("primary"),
                        Chart.Series.of(
                                        "Expected conversations per hour",
                                        f.hours().stream()
                                                .map(h -> Double.valueOf(h.expectedConversations()))
                                                .toList())
                                .asLine()
                                .withColour("primary"),
                        Chart.Series.of(
                                        "Agents needed",
                                        f.hours().stream()
                                                .map(h -> Double.valueOf(h.agentsNeeded()))
                                                .toList())
                                .asBar()
                                .withColour("muted")
                                .onSecondaryAxis()));
        forecastSection.add(forecastSummary, forecast);
    }

    /**
     * The smallest count k with P(N ≤ k) ≥ q for N ~ Poisson(mean): arrivals in an hour scatter around the expected
     * value even when the forecast is right, which the band shows. Normal approximation above a mean of 200.
     *
     * @param q 0.1 or 0.9 (the band's edges)
     */
    static int poissonQuantile(double mean, double q) {
        if (q != 0.1 && q != 0.9) {
            throw new IllegalArgumentException("quantile " + q + ": only 0.1 and 0.9 are supported");
        }
        if (mean <= 0) {
            return 0;
        }
        if (mean > 200) {
            double z = q == 0.9 ? 1.2815515655446004 : -1.2815515655446004; // standard normal 90 %/10 % points
            return (int) Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
        }
        double p = Math.exp(-mean);
        double cdf = p;
        int k = 0;
        while (cdf < q) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    /** n always; the Brier score only from {@link Calibration#MIN_FOR_BRIER} conversations ("not enough data yet"). */
    static String summary(String scope, Calibration calibration) {
        if (calibration.conversations() == 0) {
            return scope + ": no resolved conversations with a risk prediction yet.";
        }
        var scored = String.format(
                java.util.Locale.UK,
                "%s: %,d resolved conversation%s scored",
                scope,
                calibration.conversations(),
                calibration.conversations() == 1 ? "" : "s");
        return calibration.enoughForBrier()
                ? scored
                        + String.format(
                                java.util.Locale.UK,
                                " · Brier score %.3f (n = %,d; 0 is perfect; always predicting the mean rate scores its variance)",
                                calibration.brier(),
                                calibration.conversations())
                : scored
                        + " · Brier score: not enough data yet (shown from %d resolved conversations)"
                                .formatted(Calibration.MIN_FOR_BRIER);
    }

    private static String range(Calibration.Bin bin) {
        return "%.0f–%.0f %%".formatted(bin.from() * 100, bin.to() * 100);
    }

    private static String percent(double value) {
        return Double.isNaN(value) ? "–" : "%.1f %%".formatted(value * 100);
    }
}
