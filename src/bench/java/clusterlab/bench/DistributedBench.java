package clusterlab.bench;

import clusterlab.calc.CalcHead;
import clusterlab.calc.LocalEvaluator;
import clusterlab.net.ServerConfig;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What spreading an expensive function over node processes gains. The function is a sum of
 * {@value #TERMS} terms {@code sin(x + a) * cos(y - b)}, so that one point costs some tens of
 * microseconds: a batch of {@value #BATCH} points then takes far longer to compute than to send,
 * which is the case where more nodes should help. (It calls no user function: each such call
 * allocates an array, and the garbage collectors of several processes sharing a few cores would
 * blur the measurement.) {@value #POINTS} points are evaluated by a {@link CalcHead} on 127.0.0.1
 * with 1, 2 and 4 node processes, each started as {@code clusterlab calc-node --threads 1}, and by
 * a {@link LocalEvaluator} with 1 thread in this process, which is the baseline: the ratio says how
 * much faster the nodes are than this machine evaluating alone on one thread, network and head
 * included. The speedup over 1 node leaves those costs out and shows how the work divides. For
 * information, a LocalEvaluator with one thread per core shows what the cores give with no
 * network at all, in the same rounds.
 *
 * <p>All the nodes run on this machine, so they share its cores: 4 node processes on a machine
 * with 2 cores cannot go faster than 2 would. The output says how many cores there are.
 *
 * <p>The three heads and their 7 nodes are all started first, and idle nodes wait without using
 * the processor. Every setup then runs once untimed, to warm up (the nodes' JIT too), and in
 * each of 3 rounds the local evaluators and the three heads take turns, so that a slow moment of
 * the machine hits them alike (see {@link BenchTable}). Every result is compared with the local
 * evaluator's. At the end, closing each head says goodbye to its nodes, which then exit; any
 * node process still running after a few seconds is destroyed. If this program is killed, its
 * nodes give up by themselves 5 s after the head goes ({@code --give-up 5s}).
 */
public final class DistributedBench {
    private static final int ROUNDS = 3;
    private static final int RUNS_PER_ROUND = 2;
    private static final int POINTS = 20_000;
    private static final int BATCH = 500;
    private static final int TERMS = 1_600;
    private static final int[] NODE_COUNTS = {1, 2, 4};
    private static final String HOST = "127.0.0.1";
    private static final List<String> VARIABLES = List.of("x", "y");
    private static final long JOIN_MILLIS = 20_000;
    private static final int BATCH_TIMEOUT_MILLIS = 10_000;
    private static final long EXIT_MILLIS = 5_000;
    private static final double TOLERANCE = 1e-9; // per point, relative to the value or 1 if it is smaller

    private DistributedBench() {
    }

    public static void main(String[] args) throws Exception {
        String function = function();
        double[][] points = points();
        int cores = Runtime.getRuntime().availableProcessors();
        Path logs = Files.createTempDirectory("distributed-bench-");
        List<Cluster> clusters = new ArrayList<>();
        double[] local = new double[ROUNDS];
        double[] allCores = new double[ROUNDS];
        double[][] distributed = new double[NODE_COUNTS.length][ROUNDS];
        boolean finished = false;
        try (LocalEvaluator evaluator = new LocalEvaluator(function, VARIABLES, 1);
                LocalEvaluator parallel = new LocalEvaluator(function, VARIABLES, cores)) {
            BenchTable.progress("starting " + NODE_COUNTS.length + " heads and " + IntStream.of(NODE_COUNTS).sum()
                    + " node processes; their logs are in " + logs);
            for (int n : NODE_COUNTS) {
                clusters.add(Cluster.start(n, logs));
            }
            for (Cluster cluster : clusters) {
                cluster.awaitNodes();
            }

            BenchTable.progress("warm-up: each setup once");
            double[] expected = evaluator.evaluate(points);
            check("LocalEvaluator, " + cores + " threads", parallel.evaluate(points), expected);
            for (Cluster cluster : clusters) {
                check(cluster.name(), cluster.evaluate(function, points), expected);
            }
            for (int r = 0; r < ROUNDS; r++) {
                BenchTable.progress("round " + (r + 1) + " of " + ROUNDS + ": " + RUNS_PER_ROUND
                        + " runs of each setup, taking turns");
                double localSeconds = 0;
                double allCoresSeconds = 0;
                double[] seconds = new double[clusters.size()];
                for (int i = 0; i < RUNS_PER_ROUND; i++) {
                    long start = System.nanoTime();
                    double[] values = evaluator.evaluate(points);
                    localSeconds += (System.nanoTime() - start) / 1e9;
                    check("LocalEvaluator", values, expected);
                    start = System.nanoTime();
                    values = parallel.evaluate(points);
                    allCoresSeconds += (System.nanoTime() - start) / 1e9;
                    check("LocalEvaluator, " + cores + " threads", values, expected);
                    for (int c = 0; c < clusters.size(); c++) {
                        start = System.nanoTime();
                        values = clusters.get(c).evaluate(function, points);
                        seconds[c] += (System.nanoTime() - start) / 1e9;
                        check(clusters.get(c).name(), values, expected);
                    }
                }
                local[r] = (double) POINTS * RUNS_PER_ROUND / localSeconds;
                allCores[r] = (double) POINTS * RUNS_PER_ROUND / allCoresSeconds;
                for (int c = 0; c < clusters.size(); c++) {
                    distributed[c][r] = (double) POINTS * RUNS_PER_ROUND / seconds[c];
                }
            }
            finished = true;
        } finally {
            BenchTable.progress("closing the heads; their nodes exit on goodbye");
            int started = 0;
            int exited = 0;
            for (Cluster cluster : clusters) {
                cluster.close();
                started += cluster.nodes.size();
                exited += cluster.exitedOnGoodbye;
            }
            BenchTable.progress(exited + " of " + started + " node processes exited on goodbye with status 0");
            if (finished) {
                deleteTree(logs);
            } else {
                System.err.println("DistributedBench failed; the heads' and nodes' logs are in " + logs);
            }
        }

        BenchTable table = new BenchTable(String.format(Locale.ROOT, "DistributedBench: CalcHead with node "
                + "processes against LocalEvaluator on 1 thread, %s, %,d points in batches of %d; figures: median "
                + "of %d rounds, ratios: median of the per-round ratios", HOST, POINTS, BATCH, ROUNDS));
        table.group(String.format(Locale.ROOT, "a sum of %,d terms sin(x + a) * cos(y - b) (%,d characters); "
                        + "this machine has %d cores, and the nodes share them", TERMS, function.length(), cores),
                "LocalEvaluator, 1 thread, in this process", local, "points/s",
                String.format(Locale.ROOT, "%.1f us a point", 1e6 / BenchTable.median(local)));
        table.row(String.format(Locale.ROOT, "LocalEvaluator, %d threads, one per core", cores),
                allCores, "points/s", "for information: what the cores give with no network");
        for (int c = 0; c < clusters.size(); c++) {
            int n = NODE_COUNTS[c];
            double speedup = BenchTable.median(ratios(distributed[c], distributed[0]));
            String note = n == 1
                    ? "the reference for the speedups below"
                    : String.format(Locale.ROOT, "speedup over 1 node %.2f (ideal %d)", speedup, Math.min(n, cores));
            if (n > cores) {
                note += String.format(Locale.ROOT, "; %d processes on %d cores: cannot beat %d", n, cores, cores);
            }
            table.row(String.format(Locale.ROOT, "CalcHead, %d node %s, --threads 1", n,
                    n == 1 ? "process" : "processes"), distributed[c], "points/s", note);
        }
        table.print();
        System.out.println("Per node, over all runs, warm-up included (CalcHead.printStats; results/s while busy):");
        for (Cluster cluster : clusters) {
            System.out.println("-- " + cluster.name());
            cluster.head.printStats(System.out);
        }
        System.out.println();
    }

    /** sin(x + 0.000) * cos(y - 0.000) + sin(x + 0.001) * cos(y - 0.002) + ..., on one line. */
    private static String function() {
        StringBuilder source = new StringBuilder();
        for (int k = 0; k < TERMS; k++) {
            source.append(k == 0 ? "" : " + ").append(String.format(Locale.ROOT, "sin(x + %.3f) * cos(y - %.3f)",
                    k / 1000.0, k / 500.0));
        }
        return source.toString();
    }

    private static double[][] points() {
        SplittableRandom random = new SplittableRandom(42);
        double[][] points = new double[POINTS][];
        for (int i = 0; i < POINTS; i++) {
            points[i] = new double[] {random.nextDouble(-5, 5), random.nextDouble(-5, 5)};
        }
        return points;
    }

    private static double[] ratios(double[] rounds, double[] reference) {
        double[] ratios = new double[rounds.length];
        for (int r = 0; r < rounds.length; r++) {
            ratios[r] = rounds[r] / reference[r];
        }
        return ratios;
    }

    private static void check(String who, double[] values, double[] expected) {
        if (values.length != expected.length) {
            throw new IllegalStateException(who + ": " + values.length + " results for " + expected.length + " points");
        }
        for (int i = 0; i < values.length; i++) {
            if (!(Math.abs(values[i] - expected[i]) <= TOLERANCE * Math.max(1, Math.abs(expected[i])))) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s: point %d is worth %.17g, locally %.17g", who, i, values[i], expected[i]));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A head on 127.0.0.1, on a port the system chooses, and the node processes started for it. */
    private static final class Cluster implements AutoCloseable {
        final CalcHead head;
        private final int size;
        private final PrintStream headLog;
        final List<Process> nodes = new ArrayList<>();
        private final List<Path> nodeLogs = new ArrayList<>();
        int exitedOnGoodbye;

        private Cluster(int size, CalcHead head, PrintStream headLog) {
            this.size = size;
            this.head = head;
            this.headLog = headLog;
        }

        static Cluster start(int size, Path logs) throws IOException {
            PrintStream headLog = new PrintStream(new FileOutputStream(logs.resolve("head-" + size + ".log").toFile()),
                    true, StandardCharsets.UTF_8);
            ServerConfig config = new ServerConfig().host(HOST).port(0).timeoutMillis(BATCH_TIMEOUT_MILLIS);
            Cluster cluster = new Cluster(size, new CalcHead(config, headLog), headLog);
            try {
                cluster.head.start();
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                for (int i = 1; i <= size; i++) {
                    Path log = logs.resolve("node-" + size + "-" + i + ".log");
                    cluster.nodeLogs.add(log);
                    cluster.nodes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                            "clusterlab.Main", "calc-node", "--head", HOST + ":" + cluster.head.port(),
                            "--threads", "1", "--give-up", "5s")
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start());
                }
                return cluster;
            } catch (IOException | RuntimeException e) {
                cluster.close();
                throw e;
            }
        }

        String name() {
            return size + (size == 1 ? " node" : " nodes");
        }

        void awaitNodes() throws Exception {
            try {
                head.awaitNodes(size, JOIN_MILLIS);
            } catch (Exception e) {
                StringBuilder why = new StringBuilder(name() + ": " + e.getMessage());
                for (int i = 0; i < nodes.size(); i++) {
                    if (!nodes.get(i).isAlive()) {
                        why.append("; node ").append(i + 1).append(" exited with status ")
                                .append(nodes.get(i).exitValue()).append(", see ").append(nodeLogs.get(i));
                    }
                }
                throw new IllegalStateException(why.toString(), e);
            }
        }

        double[] evaluate(String function, double[][] points) throws Exception {
            return head.evaluatePoints(function, VARIABLES, points, BATCH);
        }

        /**
         * Closes the head, which says goodbye to the nodes; waits a bounded time for them to
         * exit, then destroys any that remain, by the handles this cluster started.
         */
        @Override
        public void close() {
            head.close();
            headLog.close();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_MILLIS);
            int destroyed = 0;
            for (Process node : nodes) {
                try {
                    if (node.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        exitedOnGoodbye += node.exitValue() == 0 ? 1 : 0;
                    } else {
                        destroyed++;
                        node.destroy();
                        if (!node.waitFor(2, TimeUnit.SECONDS)) {
                            node.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                        }
                    }
                } catch (InterruptedException e) {
                    node.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            if (destroyed > 0) {
                BenchTable.progress(name() + ": " + destroyed + " node processes did not exit on goodbye; destroyed");
            }
        }
    }
}
