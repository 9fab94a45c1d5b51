package clusterlab.jobs.examples;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.jobs.Job;
import clusterlab.jobs.JobServer;
import clusterlab.jobs.JobServerOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * `clusterlab sum-primes`: article C's demo. Eight jobs, the sums of the primes below 100000,
 * 100100, ..., 100700, with the helper class shipped along; then the time taken and pp's table of
 * jobs per node.
 */
public final class SumPrimesCommand implements Command {
    @Override
    public Options options() {
        return JobServerOptions.declare(new Options("sum-primes", "Sum the primes below 100000, 100100, ... as jobs (article C).")
                .value("jobs", "N", "8", "how many jobs")
                .value("from", "N", "100000", "the first job's bound")
                .value("step", "N", "100", "how much each next bound grows"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        int count = args.integer("jobs", 1, 10_000);
        int from = args.integer("from", 2, 100_000_000);
        int step = args.integer("step", 0, 1_000_000);
        try (JobServer server = JobServerOptions.start(args, err)) {
            out.println("Starting with " + JobServerOptions.describe(server));
            long start = System.nanoTime();
            List<Job<Long>> jobs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                jobs.add(server.job(SumPrimes.class).args(from + i * step).depends(IsPrime.class).submit());
            }
            for (Job<Long> job : jobs) {
                // get() waits for that one job; the others keep running meanwhile.
                out.println("Sum of primes below " + job.args()[0] + " is " + job.get());
            }
            out.printf("Time elapsed: %.3f s%n", (System.nanoTime() - start) / 1e9);
            server.waitAll(); // every callback done, so the table counts no job as active
            server.printStats(out);
        }
        return 0;
    }
}
