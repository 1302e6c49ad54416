/**
 * The job queue behind {@link uk.co.omniops.platform.Jobs}: the PostgreSQL job store, the runner that claims,
 * runs and settles jobs, and the two transports (Redis Streams, in-process executor).
 */
@NullMarked
package uk.co.omniops.platform.internal.jobs;

import org.jspecify.annotations.NullMarked;
