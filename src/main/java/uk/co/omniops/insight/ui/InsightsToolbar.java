package uk.co.omniops.insight.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.insight.export.ReportCsv;
import uk.co.omniops.insight.export.ReportPdf;
import uk.co.omniops.tenancy.Customer;

/**
 * The insights report's toolbar: title, customer picker (admins), period preset or custom dates, the comparison
 * line, "Extract insights now" and the CSV/PDF downloads. It reports the user's choices through callbacks and shows
 * what the view tells it; setting its controls from the view does not call back.
 */
class InsightsToolbar extends VerticalLayout {

    /** The report on screen and whose it is, for the downloads. */
    record Shown(InsightReport report, Customer customer) {}

    private final H2 title = new H2("Insights");
    private final ComboBox<Customer> customerPicker = new ComboBox<>("Customer");
    private final Select<Preset> preset = new Select<>();
    private final DatePicker fromDate = new DatePicker("From");
    private final DatePicker toDate = new DatePicker("To");
    private final Span comparison = new Span();
    private final Button extract = new Button("Extract insights now", VaadinIcon.REFRESH.create());
    private final Consumer<InsightPeriod> periodChosen;
    private boolean updatingControls;

    InsightsToolbar(
            Consumer<Customer> customerChosen,
            Consumer<InsightPeriod> periodChosen,
            Runnable extractNow,
            Supplier<@Nullable Shown> shown) {
        this.periodChosen = periodChosen;
        title.setId("insight-title");
        customerPicker.setItems(List.of());
        customerPicker.setItemLabelGenerator(Customer::name);
        customerPicker.setId("insight-customer");
        customerPicker.setVisible(false);
        customerPicker.addValueChangeListener(e -> {
            if (!updatingControls && e.getValue() != null) {
                customerChosen.accept(e.getValue());
            }
        });
        configurePeriod();
        comparison.setId("insight-comparison");
        comparison.addClassName("omniops-muted");
        extract.setId("insight-extract");
        extract.addThemeVariants(ButtonVariant.TERTIARY);
        extract.addClickListener(e -> extractNow.run());

        var controls = new HorizontalLayout(customerPicker, preset, fromDate, toDate);
        controls.setAlignItems(Alignment.BASELINE);
        controls.setWrap(true);
        var actions = new HorizontalLayout(extract, csv(shown), pdf(shown));
        actions.setAlignItems(Alignment.CENTER);
        var bar = new FlexLayout(title, controls, actions);
        bar.addClassName("omniops-insight-toolbar");
        add(bar, comparison);
        setPadding(false);
        setSpacing(false);
    }

    private void configurePeriod() {
        preset.setLabel("Period");
        preset.setId("insight-preset");
        preset.setItems(Preset.values());
        preset.setItemLabelGenerator(Preset::label);
        preset.addValueChangeListener(e -> {
            if (!updatingControls && e.getValue() != null && e.getValue() != Preset.CUSTOM) {
                periodChosen.accept(e.getValue().period(LocalDate.now(ZoneOffset.UTC)));
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
        periodChosen.accept(new InsightPeriod(
                fromDate.getValue().atStartOfDay().toInstant(ZoneOffset.UTC),
                toDate.getValue().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
    }

    /** Admins pick the customer: the picker shows with every customer. */
    void offerCustomers(List<Customer> all) {
        customerPicker.setItems(all);
        customerPicker.setVisible(true);
    }

    /** Shows the report's customer and period in the controls, the title and the comparison line. */
    void show(@Nullable Customer who, InsightPeriod period) {
        updatingControls = true;
        try {
            customerPicker.setValue(who);
            var today = LocalDate.now(ZoneOffset.UTC);
            var matching = Arrays.stream(Preset.values())
                    .filter(p -> p != Preset.CUSTOM && p.period(today).equals(period))
                    .findFirst();
            preset.setValue(matching.orElse(Preset.CUSTOM));
            fromDate.setValue(LocalDate.ofInstant(period.from(), ZoneOffset.UTC));
            toDate.setValue(LocalDate.ofInstant(period.to().minusSeconds(1), ZoneOffset.UTC));
        } finally {
            updatingControls = false;
        }
        var previous = period.previous();
        comparison.setText(InsightsView.DAY.format(period.from()) + " – "
                + InsightsView.DAY.format(period.to().minusSeconds(1))
                + " (UTC), compared with " + InsightsView.DAY.format(previous.from()) + " – "
                + InsightsView.DAY.format(previous.to().minusSeconds(1)));
        title.setText(who == null ? "Insights" : "Insights · " + who.name());
    }

    /** While an extraction runs the button is disabled and says so. */
    void extracting(boolean running) {
        extract.setEnabled(!running);
        extract.setText(running ? "Extracting…" : "Extract insights now");
    }

    private static Anchor csv(Supplier<@Nullable Shown> shown) {
        var csv = new Anchor();
        csv.setId("insight-csv");
        csv.add(new Button("CSV", VaadinIcon.DOWNLOAD.create()));
        csv.setHref(DownloadHandler.fromInputStream(event -> {
            var current = shown.get();
            if (current == null) {
                return DownloadResponse.error(404);
            }
            var bytes =
                    ReportCsv.write(current.report(), current.customer().name()).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(
                    new ByteArrayInputStream(bytes),
                    ReportLink.fileName(current.customer(), current.report(), "csv"),
                    "text/csv; charset=utf-8",
                    bytes.length);
        }));
        return csv;
    }

    private static Anchor pdf(Supplier<@Nullable Shown> shown) {
        var pdf = new Anchor();
        pdf.setId("insight-pdf");
        pdf.add(new Button("PDF", VaadinIcon.FILE_TEXT_O.create()));
        pdf.setHref(DownloadHandler.fromInputStream(event -> {
            var current = shown.get();
            if (current == null) {
                return DownloadResponse.error(404);
            }
            var bytes = ReportPdf.write(current.report(), current.customer().name());
            return new DownloadResponse(
                    new ByteArrayInputStream(bytes),
                    ReportLink.fileName(current.customer(), current.report(), "pdf"),
                    "application/pdf",
                    bytes.length);
        }));
        return pdf;
    }
}
