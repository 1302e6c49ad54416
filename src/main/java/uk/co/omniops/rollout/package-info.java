/**
 * Feature flags per customer through the LaunchDarkly SDK (streamed from LaunchDarkly or fed from PostgreSQL), the admin rollout page and its audit. Publishes no event: a change reaches other replicas as the live update rollout.changed.
 */
@NullMarked
package uk.co.omniops.rollout;

import org.jspecify.annotations.NullMarked;
