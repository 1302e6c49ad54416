/**
 * Scheduled and on-demand insights extraction per customer and period, the executive insights report and its export.
 * Publishes no event (nothing reads one). Reads other modules' data only through the views they publish and test (V29:
 * {@code conversation_facts}, {@code contact_facts}, {@code message_facts}, {@code sentiment_facts},
 * {@code category_facts}, {@code correction_facts}, {@code escalation_facts}, {@code suggestion_facts}); the demo and
 * benchmark history ({@code SyntheticHistory}) still writes their tables (decision 019).
 */
@NullMarked
package uk.co.omniops.insight;

import org.jspecify.annotations.NullMarked;
