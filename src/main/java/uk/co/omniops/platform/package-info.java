/**
 * Runtime platform shared by every module: typed settings bound from the seed's environment variables,
 * the embedded PostgreSQL and Redis servers of the default run mode, the database and Redis connections,
 * and the operations-command runner. Publishes and consumes no events.
 */
@NullMarked
package uk.co.omniops.platform;

import org.jspecify.annotations.NullMarked;
