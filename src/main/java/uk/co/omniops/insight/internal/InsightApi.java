package uk.co.omniops.insight.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.node.ObjectNode;
import uk.co.omniops.insight.InsightPeriod;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantContext;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * {@code GET /api/v1/insights?from=&to=}: the newest extraction of the API key's customer whose period overlaps the
 * range, as stored ({@link InsightJson}) plus {@code customer} and {@code id}. {@code from}/{@code to} are ISO-8601
 * instants ({@code 2026-11-01T00:00:00Z}, any offset) or UTC dates ({@code to} as a date includes that day); both
 * optional (default: the last 7 days up to now); the range may span at most 366 days. Errors are problem+json: 400
 * for a malformed, inverted or too long range, 404 when the feature is off or nothing was extracted for the range.
 */
@RestController
class InsightApi {

    static final Duration MAX_RANGE = Duration.ofDays(366);

    private final InsightService insights;
    private final ReportReads reads;
    private final TenantTransactions transactions;
    private final TenancyManagement tenancy;

    InsightApi(InsightService insights, ReportReads reads, TenantTransactions transactions, TenancyManagement tenancy) {
        this.insights = insights;
        this.reads = reads;
        this.transactions = transactions;
        this.tenancy = tenancy;
    }

    /** A request the caller must fix. */
    static final class BadRange extends RuntimeException {
        BadRange(String message) {
            super(message);
        }
    }

    /** Nothing to return for this customer and range. */
    static final class NoInsights extends RuntimeException {
        NoInsights(String message) {
            super(message);
        }
    }

    @GetMapping(path = "/api/v1/insights", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode insights(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        var customer = TenantContext.requireCustomer();
        var range = range(from, to, Instant.now());
        if (!insights.enabled(customer)) {
            throw new NoInsights("Conversation insights are not enabled for this customer.");
        }
        var extraction = transactions
                .readInTenant(customer, () -> reads.newestOverlapping(customer, range))
                .orElseThrow(() -> new NoInsights("No insights have been extracted for a period overlapping "
                        + range.from() + " .. " + range.to() + " yet."));
        var body = (ObjectNode) InsightJson.JSON.readTree(extraction.json());
        var out = InsightJson.JSON.createObjectNode();
        out.put("id", extraction.id().toString());
        out.put(
                "customer",
                tenancy.customer(customer)
                        .map(c -> c.slug())
                        .orElse(customer.value().toString()));
        out.setAll(body);
        return out;
    }

    static InsightPeriod range(@Nullable String from, @Nullable String to, Instant now) {
        var end = to == null || to.isBlank() ? now : parse("to", to, true);
        var start = from == null || from.isBlank() ? end.minus(Duration.ofDays(7)) : parse("from", from, false);
        if (!start.isBefore(end)) {
            throw new BadRange("'from' (" + start + ") must be before 'to' (" + end + ").");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new BadRange("The range may span at most 366 days; it spans "
                    + Duration.between(start, end).toDays() + " days.");
        }
        return new InsightPeriod(start, end);
    }

    private static Instant parse(String name, String value, boolean endOfDay) {
        var v = value.strip();
        try {
            if (v.length() == 10) {
                var day = LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
                return endOfDay ? day.plus(Duration.ofDays(1)) : day;
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRange(
                    "'" + name + "' must be an ISO-8601 instant (2026-11-01T00:00:00Z) or date (2026-11-01); got '"
                            + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'.");
        }
    }

    @RestControllerAdvice(assignableTypes = InsightApi.class)
    static class Errors {

        @ExceptionHandler(BadRange.class)
        ResponseEntity<ProblemDetail> badRange(BadRange e) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid range", e.getMessage());
        }

        @ExceptionHandler(NoInsights.class)
        ResponseEntity<ProblemDetail> none(NoInsights e) {
            return problem(HttpStatus.NOT_FOUND, "No insights", e.getMessage());
        }

        private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
            var p = ProblemDetail.forStatusAndDetail(status, detail);
            p.setTitle(title);
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(p);
        }
    }
}
