/**
 * Response suggestions: a per-customer reply library with variables, knowledge snippets (PostgreSQL full-text and
 * trigram search) and past agent replies to similar messages, ranked in-process by text similarity, category match
 * and learned acceptance; an optional LLM draft grounded in the top sources; feedback from what agents actually send.
 * Owns {@code response_suggestions}, {@code reply_library}, {@code knowledge_snippets}, {@code reply_pairs},
 * {@code reply_proposals}, {@code suggestion_source_stats} and {@code suggestion_ai_usage}. Consumes
 * {@code MessageAnalysed} (after the analysis commits, without an event publication: missing suggestions are computed
 * when read) and agents' {@code MessageReceived}; publishes no event (nothing
 * reads one), only the live update {@code suggestions.ready}.
 *
 * @see <a href="../../../../../../docs/decisions/006-suggestion-ranking.md">decision 006 (ranking)</a>
 */
@NullMarked
package uk.co.omniops.suggestion;

import org.jspecify.annotations.NullMarked;
