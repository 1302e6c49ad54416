package uk.co.omniops.insight;

import java.util.List;

import uk.co.omniops.tenancy.CustomerId;

/**
 * The insight module's API (implemented by the module's internal service). Every call runs inside the customer's
 * tenant; with {@code CONVERSATION_INSIGHTS} off for the customer, reports are empty and extraction does nothing.
 */
public interface InsightManagement {

    /** The report for the period from aggregates and the latest extraction; fast (&lt; 2 s) at 1M messages. */
    InsightReport report(CustomerId customer, InsightPeriod period);

    /** Extracts insights for the customer and period now (on demand) and stores them; returns the fresh report. */
    InsightReport extractNow(CustomerId customer, InsightPeriod period);

    /** The conversations behind a figure, newest first, at most {@code limit}. */
    List<DrillDownRow> drillDown(CustomerId customer, DrillDown drillDown, int limit);
}
