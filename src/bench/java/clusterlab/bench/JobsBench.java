package clusterlab.bench;

import clusterlab.jobs.Job;
import clusterlab.jobs.JobServer;
import clusterlab.jobs.NodeDaemon;
import clusterlab.jobs.Task;
import clusterlab.wire.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a job costs on each kind of worker, against the baseline of a plain in-process
 * ExecutorService with 2 threads: a job server whose 2 workers are threads, one whose 2 workers
 * are processes (each job's bytecode, arguments and result cross a pipe), and one whose only
 * worker is a node daemon with 2 workers in this JVM, reached over TCP on 127.0.0.1 after the
 * handshake. The task does nothing (it returns its argument), so the figures are the job
 * server's own cost.
 *
 * <p>Throughput: {@value #JOBS} jobs submitted at once, then waitAll; this is where batching
 * many jobs to a message pays. Round trip: {@value #TRIPS} jobs one after another, each submitted
 * and waited for; the median time of one. Every setup runs once untimed first (the workers' JIT
 * warms up too); then in each of {@value #ROUNDS} rounds the setups take turns (see
 * {@link BenchTable}).
 */
public final class JobsBench {
    private static final int ROUNDS = 3;
    private static final int JOBS = 200_000;
    private static final int TRIPS = 2_000;

    private JobsBench() {
    }

    /** The job: returns its argument. */
    public static final class Echo implements Task<Object> {
        @Override
        public Object run(Object... args) {
            return args[0];
        }
    }

    private interface Setup {
        /** Seconds for {@code jobs} jobs submitted at once, then all awaited. */
        double throughput(int jobs) throws Exception;

        /** Median seconds of one job, submitted and awaited {@code trips} times in turn. */
        double roundTrip(int trips) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("clusterlab-jobs-bench");
        Secret secret = Secret.load(Secret.createNew(dir.resolve("secret"), false));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (JobServer threads = JobServer.builder().workers(2).threads().log(null).build();
                JobServer processes = JobServer.builder().workers(2).log(null).build();
                NodeDaemon node = NodeDaemon.start(new NodeDaemon.Config().host("127.0.0.1").port(0).workers(2).secret(secret)
                        .log(null));
                JobServer remote = JobServer.builder().workers(0).node("127.0.0.1:" + node.port()).secret(secret).log(null).build()) {
            Setup[] setups = {executorService(executor), jobServer(threads), jobServer(processes), jobServer(remote)};
            String[] names = {"ExecutorService, 2 threads", "job server, 2 worker threads", "job server, 2 worker processes",
                "job server, 1 node (2 workers) over TCP 127.0.0.1"};
            run(setups, names);
        } finally {
            executor.shutdownNow();
            Files.deleteIfExists(dir.resolve("secret"));
            Files.deleteIfExists(dir);
        }
    }

    private static void run(Setup[] setups, String[] names) throws Exception {
        BenchTable.progress("warm-up: every setup once");
        for (Setup setup : setups) {
            setup.throughput(JOBS / 4);
            setup.roundTrip(TRIPS / 4);
        }
        double[][] rates = new double[setups.length][ROUNDS];
        double[][] trips = new double[setups.length][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            BenchTable.progress("round " + (r + 1) + " of " + ROUNDS);
            for (int s = 0; s < setups.length; s++) {
                rates[s][r] = JOBS / setups[s].throughput(JOBS);
                trips[s][r] = setups[s].roundTrip(TRIPS) * 1e6;
            }
        }
        BenchTable table = new BenchTable("JobsBench: jobs that do nothing, on " + Runtime.getRuntime().availableProcessors()
                + " cores; figures: median of " + ROUNDS + " rounds, ratios: median of the per-round ratios");
        table.group(String.format(Locale.ROOT, "throughput: %,d jobs submitted at once, then waitAll", JOBS),
                names[0], rates[0], "jobs/s", "");
        for (int s = 1; s < setups.length; s++) {
            table.row(names[s], rates[s], "jobs/s", "");
        }
        table.group(String.format(Locale.ROOT, "round trip: submit then get, %,d times in turn; the median", TRIPS),
                names[0], trips[0], "us", "");
        for (int s = 1; s < setups.length; s++) {
            table.row(names[s], trips[s], "us", "");
        }
        table.print();
    }

    private static Setup executorService(ExecutorService executor) {
        return new Setup() {
            @Override
            public double throughput(int jobs) throws Exception {
                long start = System.nanoTime();
                List<Future<Object>> futures = new ArrayList<>(jobs);
                for (int i = 0; i < jobs; i++) {
                    Integer n = i;
                    futures.add(executor.submit(() -> n));
                }
                for (int i = 0; i < jobs; i++) {
                    check(i, futures.get(i).get());
                }
                return (System.nanoTime() - start) / 1e9;
            }

            @Override
            public double roundTrip(int trips) throws Exception {
                long[] nanos = new long[trips];
                for (int i = 0; i < trips; i++) {
                    Integer n = i;
                    long start = System.nanoTime();
                    Object result = executor.submit(() -> n).get();
                    nanos[i] = System.nanoTime() - start;
                    check(i, result);
                }
                return median(nanos);
            }
        };
    }

    private static Setup jobServer(JobServer server) {
        return new Setup() {
            @Override
            public double throughput(int jobs) {
                long start = System.nanoTime();
                List<Job<Object>> submitted = new ArrayList<>(jobs);
                for (int i = 0; i < jobs; i++) {
                    submitted.add(server.submit(Echo.class, i));
                }
                server.waitAll();
                double seconds = (System.nanoTime() - start) / 1e9;
                for (int i = 0; i < jobs; i++) {
                    check(i, submitted.get(i).get());
                }
                return seconds;
            }

            @Override
            public double roundTrip(int trips) {
                long[] nanos = new long[trips];
                for (int i = 0; i < trips; i++) {
                    long start = System.nanoTime();
                    Object result = server.submit(Echo.class, i).get();
                    nanos[i] = System.nanoTime() - start;
                    check(i, result);
                }
                return median(nanos);
            }
        };
    }

    private static void check(int i, Object result) {
        if (!Integer.valueOf(i).equals(result)) {
            throw new IllegalStateException("job " + i + " came back as " + result);
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e9;
    }
}
