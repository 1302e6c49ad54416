/** The conversation module's implementation: the ingestion REST API, its authentication and limits. */
@NullMarked
package uk.co.omniops.conversation.internal;

import org.jspecify.annotations.NullMarked;
