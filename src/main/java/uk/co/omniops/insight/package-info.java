/**
 * Scheduled and on-demand insights extraction per customer and period, the executive insights report and its export. Publishes no event (nothing reads one).
 */
@NullMarked
package uk.co.omniops.insight;

import org.jspecify.annotations.NullMarked;
