/**
 * Response suggestions: reply library, knowledge snippets, retrieval and ranking, optional LLM drafting, and feedback from what agents send. Consumes MessageAnalysed; publishes SuggestionsReady.
 */
@NullMarked
package uk.co.omniops.suggestion;

import org.jspecify.annotations.NullMarked;
