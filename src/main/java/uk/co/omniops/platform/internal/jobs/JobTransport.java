package uk.co.omniops.platform.internal.jobs;

import uk.co.omniops.platform.Jobs.Job;

/** Hands stored jobs to workers: Redis Streams across replicas, or an in-process executor. */
interface JobTransport {

    /** Best effort and never throws: a job that is not delivered is published again by the sweeper. */
    void publish(Job job);
}
