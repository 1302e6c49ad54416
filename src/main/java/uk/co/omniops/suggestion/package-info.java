/**
 * Response suggestions: a per-customer reply library with variables, knowledge snippets (PostgreSQL full-text and
 * trigram search) and past agent replies to similar messages, ranked in-process by text similarity, category match
 * and learned acceptance; an optional LLM draft grounded in the top sources; feedback from what agents actually send.
 * Owns {@code response_suggestions}, {@code reply_library}, {@code knowledge_snippets}, {@code reply_pairs},
 * {@code reply_proposals} and {@code suggestion_source_stats}; the drafts' calls go through the analysis module's
 * {@code AiGateway} and its {@code ai_usage} ledger. Consumes
 * {@code MessageAnalysed} (after the analysis commits, without an event publication: missing suggestions are computed
 * when read) and agents' {@code MessageReceived}; publishes no event (nothing
 * reads one), only the live update {@code suggestions.ready}.
 *
 * @see <a href="../../../../../../docs/decisions/006-suggestion-ranking.md">decision 006 (ranking)</a>
 */
@NullMarked
package uk.co.omniops.suggestion;

import org.jspecify.annotations.NullMarked;
