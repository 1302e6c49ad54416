/**
 * The insight module's implementation: hourly aggregation, topic extraction, the scheduled and on-demand
 * extraction (ShedLock), the report's reads, drill-down and the {@code /api/v1/insights} endpoint.
 */
@NullMarked
package uk.co.omniops.insight.internal;

import org.jspecify.annotations.NullMarked;
