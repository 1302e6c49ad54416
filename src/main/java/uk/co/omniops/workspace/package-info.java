/**
 * Workspace: composes the agents' workspace and the API's conversation representation from conversation,
 * analysis, escalation, suggestion and rollout; owns no data, publishes no events. It exists because analysis,
 * escalation and suggestion depend on conversation, so conversation's own views and API cannot show their
 * results without a cycle (see docs/decisions/001-module-cut.md).
 */
@NullMarked
package uk.co.omniops.workspace;

import org.jspecify.annotations.NullMarked;
