/** Retrieval, ranking, variable filling, feedback, LLM drafting and storage of the suggestion module. */
@NullMarked
package uk.co.omniops.suggestion.internal;

import org.jspecify.annotations.NullMarked;
