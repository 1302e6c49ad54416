package uk.co.omniops.insight;

import java.time.Instant;

import uk.co.omniops.tenancy.CustomerId;

/** Published after insights were extracted for a customer and period (scheduled or on demand). */
public record InsightsExtracted(CustomerId customer, InsightPeriod period, Instant extractedAt, boolean onDemand) {}
