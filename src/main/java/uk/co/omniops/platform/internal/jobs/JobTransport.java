package uk.co.omniops.platform.internal.jobs;

import uk.co.omniops.platform.Jobs.Job;

/** Hands stored jobs to workers: Redis Streams across replicas, or an in-process executor. */
interface JobTransport {

    /** Best effort and never throws: a job that is not delivered is published again by the sweeper. */
    void publish(Job job);

    /**
     * Whether jobs of this type were published but not yet handed to a worker of any replica. The sweeper then
     * leaves queued jobs of the type alone: they are waiting their turn, not lost, and publishing them again
     * during a burst only adds deliveries that lose the claim. {@code false} when unknown (Redis unavailable).
     */
    boolean hasUndelivered(String type);
}
