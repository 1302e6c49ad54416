package uk.co.omniops.insight.export;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.insight.InsightReport;
import uk.co.omniops.insight.InsightReport.Totals;
import uk.co.omniops.platform.Csv;

/**
 * The report as one RFC 4180 CSV in long format: {@code section,item,bucket,metric,current,previous}. One figure
 * per row keeps every section in a single table that spreadsheets pivot and scripts parse without special cases.
 * Numbers use a dot decimal separator and no thousands separator; durations are seconds; rates are 0–1. Written by
 * {@link Csv}: figures stay numbers, text (customer name, topics, contacts' example messages, highlights) is quoted
 * and defused against formula injection.
 */
public final class ReportCsv {

    public static final String[] HEADER = {"section", "item", "bucket", "metric", "current", "previous"};

    private ReportCsv() {}

    public static String write(InsightReport report, String customerName) {
        return Csv.write(HEADER, csv -> {
            var period = report.period();
            var previous = period.previous();
            csv.row(
                    "report",
                    customerName,
                    "",
                    "period",
                    period.from() + "/" + period.to(),
                    previous.from() + "/" + previous.to());
            csv.row("report", customerName, "", "extracted_at", text(report.extractedAt()), "");
            totals(csv, report.current(), report.previous());
            for (var point : report.series()) {
                var bucket = point.start().toString();
                csv.row("series", "", bucket, "conversations", point.conversations(), "");
                csv.row("series", "", bucket, "messages", point.messages(), "");
                csv.row("series", "", bucket, "average_sentiment", number(point.averageSentiment()), "");
                csv.row("series", "", bucket, "negative_messages", point.negativeMessages(), "");
                csv.row("series", "", bucket, "escalations", point.escalations(), "");
            }
            for (var category : report.categories()) {
                csv.row(
                        "category",
                        category.displayName(),
                        "",
                        "conversations",
                        category.conversations(),
                        category.previousConversations());
                csv.row(
                        "category",
                        category.displayName(),
                        "",
                        "share",
                        number(category.share()),
                        number(category.previousShare()));
            }
            for (var cause : report.escalationCauses()) {
                csv.row("escalation_cause", cause.cause(), "", "escalations", cause.count(), cause.previousCount());
            }
            for (var topic : report.topics()) {
                csv.row("topic", topic.phrase(), "", "mentions", topic.count(), topic.previousCount());
                csv.row("topic", topic.phrase(), "", "growth", number(topic.growth()), "");
                csv.row("topic", topic.phrase(), "", "emerging", topic.emerging(), "");
                for (var example : topic.examples()) {
                    // a contact's own words: Csv neutralises "=HYPERLINK(…)" and the like
                    csv.row("topic_example", topic.phrase(), example.at().toString(), "message", example.text(), "");
                }
            }
            for (var highlight : report.highlights()) {
                csv.row("highlight", "", "", "text", highlight, "");
            }
        });
    }

    private static void totals(Csv csv, Totals now, Totals before) throws IOException {
        csv.row("totals", "", "", "conversations", now.conversations(), before.conversations());
        csv.row("totals", "", "", "messages", now.messages(), before.messages());
        csv.row("totals", "", "", "customer_messages", now.customerMessages(), before.customerMessages());
        csv.row("totals", "", "", "resolved", now.resolved(), before.resolved());
        csv.row(
                "totals",
                "",
                "",
                "average_first_response_seconds",
                seconds(now.averageFirstResponse()),
                seconds(before.averageFirstResponse()));
        csv.row(
                "totals",
                "",
                "",
                "average_resolution_seconds",
                seconds(now.averageResolution()),
                seconds(before.averageResolution()));
        csv.row(
                "totals",
                "",
                "",
                "average_sentiment",
                number(now.averageSentiment()),
                number(before.averageSentiment()));
        csv.row("totals", "", "", "negative_share", number(now.negativeShare()), number(before.negativeShare()));
        csv.row("totals", "", "", "escalations", now.escalations(), before.escalations());
        csv.row("totals", "", "", "escalation_rate", number(now.escalationRate()), number(before.escalationRate()));
        csv.row(
                "totals",
                "",
                "",
                "suggestion_acceptance",
                number(now.suggestionAcceptance()),
                number(before.suggestionAcceptance()));
    }

    /**
     * Four decimals, kept a number (negative growth stays -0.7, not text, see {@link Csv}); null, an empty cell, for
     * "not measured" (NaN): a spreadsheet then leaves the cell blank instead of showing NaN.
     */
    static @Nullable BigDecimal number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static @Nullable Long seconds(@Nullable Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }

    private static String text(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
