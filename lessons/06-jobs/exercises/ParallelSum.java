package lesson06;

import clusterlab.jobs.JobServer;
import clusterlab.jobs.Task;

/**
 * (b) Split one big sum into jobs. sumOfSquares(server, n, jobs) returns 1*1 + 2*2 + ... + n*n,
 * computed by exactly {@code jobs} jobs, each summing one slice of 1..n (the slices together cover
 * 1..n once; some may be empty when jobs > n). Submit every job first, then collect: calling get()
 * right after each submit would run the jobs one after another.
 */
public final class ParallelSum {
    /** One slice: the sum of k*k for k from args[0] to args[1] inclusive (two Longs). */
    public static final class Slice implements Task<Long> {
        @Override
        public Long run(Object... args) {
            return 0L; // your code here
        }
    }

    public static long sumOfSquares(JobServer server, long n, int jobs) {
        return 0; // your code here: server.submit(Slice.class, from, to) for each slice
    }
}
