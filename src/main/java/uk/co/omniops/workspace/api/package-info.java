/** The REST API's conversation representation, with analysis, escalation and suggestions. */
@NullMarked
package uk.co.omniops.workspace.api;

import org.jspecify.annotations.NullMarked;
