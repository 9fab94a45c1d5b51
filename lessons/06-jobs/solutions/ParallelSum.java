package lesson06;

import clusterlab.jobs.Job;
import clusterlab.jobs.JobServer;
import clusterlab.jobs.Task;
import java.util.ArrayList;
import java.util.List;

/** (b) A sum of squares split into slices, one job each. */
public final class ParallelSum {
    /** The sum of k*k for k from args[0] to args[1] inclusive. */
    public static final class Slice implements Task<Long> {
        @Override
        public Long run(Object... args) {
            long from = (Long) args[0];
            long to = (Long) args[1];
            long sum = 0;
            for (long k = from; k <= to; k++) {
                sum += k * k;
            }
            return sum;
        }
    }

    public static long sumOfSquares(JobServer server, long n, int jobs) {
        List<Job<Long>> parts = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            long from = n * i / jobs + 1;      // slice i is (n*i/jobs, n*(i+1)/jobs]
            long to = n * (i + 1) / jobs;
            parts.add(server.submit(Slice.class, from, to));
        }
        long total = 0;
        for (Job<Long> part : parts) {
            total += part.get();
        }
        return total;
    }
}
