package clusterlab.jobs;

/**
 * What to do when a job is finished. A job server runs the callbacks of all its jobs on one
 * thread of its own, one at a time, in the order the jobs finish; each runs exactly once per job,
 * whether the job succeeded or failed.
 */
public interface Callback<R> {
    /** Called once the job is done: {@code job.get()} returns at once (or throws its failure). */
    void done(Job<R> job);
}
