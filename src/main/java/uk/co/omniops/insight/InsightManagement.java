package uk.co.omniops.insight;

import java.time.temporal.ChronoUnit;
import java.util.List;

import uk.co.omniops.tenancy.CustomerId;

/**
 * The insight module's API (implemented by the module's internal service). Every call runs inside the customer's
 * tenant; with {@code CONVERSATION_INSIGHTS} off for the customer, reports are empty and extraction does nothing.
 */
public interface InsightManagement {

    /** The report for the period from aggregates and the latest extraction; fast (&lt; 2 s) at 1M messages. */
    InsightReport report(CustomerId customer, InsightPeriod period);

    /**
     * Conversations started per UTC hour or day ({@code unit}) in the period, oldest first, gaps filled with 0: the
     * report's volume series over any span, such as the history a forecast continues. Empty with the feature off.
     */
    List<Long> arrivals(CustomerId customer, InsightPeriod period, ChronoUnit unit);

    /** Extracts insights for the customer and period now (on demand) and stores them; returns the fresh report. */
    InsightReport extractNow(CustomerId customer, InsightPeriod period);

    /** The conversations behind a figure, newest first, at most {@code limit}. */
    List<DrillDownRow> drillDown(CustomerId customer, DrillDown drillDown, int limit);
}
