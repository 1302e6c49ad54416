/**
 * Scheduled and on-demand insights extraction per customer and period, the executive insights report and its export.
 * Publishes no event (nothing reads one). Reads other modules' data only through the views they publish and test (V29:
 * {@code conversation_facts}, {@code contact_facts}, {@code message_facts}, {@code sentiment_facts},
 * {@code category_facts}, {@code correction_facts}, {@code escalation_facts}, {@code suggestion_facts}) and writes
 * none of their tables: the demo and benchmark history ({@code SyntheticHistory}) goes through each owner's import
 * ({@code ConversationImport}, {@code AnalysisImport}, {@code EscalationImport}, {@code SuggestionImport}; decision
 * 019, gate {@code TableOwnershipTests}).
 */
@NullMarked
package uk.co.omniops.insight;

import org.jspecify.annotations.NullMarked;
