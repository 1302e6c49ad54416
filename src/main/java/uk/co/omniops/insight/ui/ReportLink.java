package uk.co.omniops.insight.ui;

import com.vaadin.flow.router.QueryParameters;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.tenancy.Customer;

/**
 * The report's period and customer as they appear in the URL ({@code ?from=2026-11-01&to=2026-11-07&customer=slug},
 * dates inclusive, UTC) and in the export files' names.
 */
final class ReportLink {

    static final DateTimeFormatter FILE_DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private ReportLink() {}

    /** The query parameters for a period, and the customer's slug when given (admins pick any customer). */
    static LinkedHashMap<String, String> parameters(InsightPeriod period, @Nullable Customer customer) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("from", FILE_DAY.format(period.from()));
        parameters.put("to", FILE_DAY.format(period.to().minusSeconds(1)));
        if (customer != null) {
            parameters.put("customer", customer.slug());
        }
        return parameters;
    }

    /** The period of a link, empty when it has none or a hand-edited one that makes no sense. */
    static Optional<InsightPeriod> periodFrom(QueryParameters parameters) {
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
        } catch (DateTimeParseException e) {
            return Optional.empty(); // a hand-edited link: fall back to the default period
        }
    }

    static Optional<String> first(QueryParameters parameters, String name) {
        return parameters.getParameters().getOrDefault(name, List.of()).stream().findFirst();
    }

    static String fileName(Customer customer, InsightReport report, String extension) {
        return "insights-" + customer.slug() + "-"
                + FILE_DAY.format(report.period().from()) + "-to-"
                + FILE_DAY.format(report.period().to().minusSeconds(1)) + "." + extension;
    }
}
