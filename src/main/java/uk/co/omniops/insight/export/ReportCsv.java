package uk.co.omniops.insight.export;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.insight.InsightReport.Totals;

/**
 * The report as one RFC 4180 CSV in long format: {@code section,item,bucket,metric,current,previous}. One figure
 * per row keeps every section in a single table that spreadsheets pivot and scripts parse without special cases.
 * Numbers use a dot decimal separator and no thousands separator; durations are seconds; rates are 0–1.
 */
public final class ReportCsv {

    public static final String[] HEADER = {"section", "item", "bucket", "metric", "current", "previous"};

    private ReportCsv() {}

    public static String write(InsightReport report, String customerName) {
        var out = new StringWriter();
        try (var csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            var period = report.period();
            var previous = period.previous();
            csv.printRecord("report", customerName, "", "period", period.from() + "/" + period.to(),
                    previous.from() + "/" + previous.to());
            csv.printRecord("report", customerName, "", "extracted_at", text(report.extractedAt()), "");
            totals(csv, report.current(), report.previous());
            for (var point : report.series()) {
                var bucket = point.start().toString();
                csv.printRecord("series", "", bucket, "conversations", point.conversations(), "");
                csv.printRecord("series", "", bucket, "messages", point.messages(), "");
                csv.printRecord("series", "", bucket, "average_sentiment", number(point.averageSentiment()), "");
                csv.printRecord("series", "", bucket, "negative_messages", point.negativeMessages(), "");
                csv.printRecord("series", "", bucket, "escalations", point.escalations(), "");
            }
            for (var category : report.categories()) {
                csv.printRecord("category", category.displayName(), "", "conversations", category.conversations(),
                        category.previousConversations());
                csv.printRecord("category", category.displayName(), "", "share", number(category.share()),
                        number(category.previousShare()));
            }
            for (var cause : report.escalationCauses()) {
                csv.printRecord("escalation_cause", cause.cause(), "", "escalations", cause.count(),
                        cause.previousCount());
            }
            for (var topic : report.topics()) {
                csv.printRecord("topic", topic.phrase(), "", "mentions", topic.count(), topic.previousCount());
                csv.printRecord("topic", topic.phrase(), "", "growth", number(topic.growth()), "");
                csv.printRecord("topic", topic.phrase(), "", "emerging", topic.emerging(), "");
                for (var example : topic.examples()) {
                    csv.printRecord("topic_example", topic.phrase(), example.at().toString(), "message",
                            example.text(), "");
                }
            }
            for (var highlight : report.highlights()) {
                csv.printRecord("highlight", "", "", "text", highlight, "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void totals(CSVPrinter csv, Totals now, Totals before) throws IOException {
        csv.printRecord("totals", "", "", "conversations", now.conversations(), before.conversations());
        csv.printRecord("totals", "", "", "messages", now.messages(), before.messages());
        csv.printRecord("totals", "", "", "customer_messages", now.customerMessages(), before.customerMessages());
        csv.printRecord("totals", "", "", "resolved", now.resolved(), before.resolved());
        csv.printRecord("totals", "", "", "average_first_response_seconds", seconds(now.averageFirstResponse()),
                seconds(before.averageFirstResponse()));
        csv.printRecord("totals", "", "", "average_resolution_seconds", seconds(now.averageResolution()),
                seconds(before.averageResolution()));
        csv.printRecord("totals", "", "", "average_sentiment", number(now.averageSentiment()),
                number(before.averageSentiment()));
        csv.printRecord("totals", "", "", "negative_share", number(now.negativeShare()), number(before.negativeShare()));
        csv.printRecord("totals", "", "", "escalations", now.escalations(), before.escalations());
        csv.printRecord("totals", "", "", "escalation_rate", number(now.escalationRate()),
                number(before.escalationRate()));
        csv.printRecord("totals", "", "", "suggestion_acceptance", number(now.suggestionAcceptance()),
                number(before.suggestionAcceptance()));
    }

    /** Empty for "not measured" (NaN): a spreadsheet then leaves the cell blank instead of showing NaN. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        return java.math.BigDecimal.valueOf(value).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    private static String seconds(@Nullable Duration duration) {
        return duration == null ? "" : Long.toString(duration.toSeconds());
    }

    private static String text(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
