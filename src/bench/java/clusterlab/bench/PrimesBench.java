package clusterlab.bench;

import clusterlab.primes.HeadSettings;
import clusterlab.primes.PrimeRange;
import clusterlab.primes.PrimesHead;
import clusterlab.primes.PrimesModel;
import clusterlab.primes.PrimesWorker;
import clusterlab.primes.SegmentedSieve;
import clusterlab.wire.Frames;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The prime finder. First the primes below 10^9 (50,847,534 of them): counted by the segmented
 * sieve in this process on 1 and 2 threads (2 threads is the baseline), then found by a
 * primes-head in this process with two primes-worker processes ({@code java -cp ... clusterlab.Main
 * primes-worker --threads 1}) on 127.0.0.1, without and with --out. A distributed run is timed from
 * the first worker's hello to the last block accepted (or on disk, with --out): the workers' JVM
 * start is left out, their warm-up is not. Then the primes of 1..10^6 (78,498) sent to a head two
 * ways: the article's protocol, one connection per prime carrying a 4-byte length and ASCII digits,
 * from one client sending as fast as it can; and ours, a worker thread sending each block's primes
 * as varint gaps in one batch. Each round runs every variant once, in turn; every run checks its
 * count.
 */
public final class PrimesBench {
    private static final int ROUNDS = 3;
    private static final long LIMIT = 1_000_000_000L;
    private static final long COUNT = 50_847_534L;
    private static final long BLOCK = 10_000_000L;
    private static final long SMALL_LIMIT = 1_000_000L;
    private static final int SMALL_COUNT = 78_498;
    private static final long SMALL_BLOCK = 100_000L;
    private static final String HOST = "127.0.0.1";
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private PrimesBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("clusterlab-primes-bench");
        boolean finished = false;
        try {
            run(dir);
            finished = true;
        } finally {
            if (finished) {
                deleteTree(dir);
            } else {
                System.err.println("PrimesBench failed; the logs are in " + dir);
            }
        }
    }

    private static void run(Path dir) throws Exception {
        BenchTable.progress("warm-up: the sieve on 1 and 2 threads, and one run of each protocol");
        count(1);
        count(2);
        long[] primes = smallPrimes();
        articleRun(primes);
        oursRun();

        double[] one = new double[ROUNDS];
        double[] two = new double[ROUNDS];
        double[] distributed = new double[ROUNDS];
        double[] withOut = new double[ROUNDS];
        double[] article = new double[ROUNDS];
        double[] ours = new double[ROUNDS];
        long outBytes = 0;
        for (int r = 0; r < ROUNDS; r++) {
            BenchTable.progress("round " + (r + 1) + " of " + ROUNDS + ": the sieve, the distributed runs, the two protocols");
            one[r] = count(1);
            two[r] = count(2);
            distributed[r] = distributedRun(null, dir, "round" + r);
            Path out = dir.resolve("primes.txt");
            withOut[r] = distributedRun(out, dir, "round" + r + "-out");
            outBytes = Files.size(out);
            Files.delete(out);
            Files.delete(dir.resolve("primes.txt.ckpt"));
            article[r] = articleRun(primes);
            ours[r] = oursRun();
        }

        int cores = Runtime.getRuntime().availableProcessors();
        BenchTable table = new BenchTable(String.format(Locale.ROOT, "PrimesBench: the prime finder on %s, %d cores;"
                + " figures: median of %d rounds, ratios: median of the per-round ratios", HOST, cores, ROUNDS));
        table.group(String.format(Locale.ROOT, "the %,d primes below 10^9: milliseconds to count or find them", COUNT),
                "segmented sieve, this process, 2 threads (count)", two, "ms",
                String.format(Locale.ROOT, "%.2f ns a number", BenchTable.median(two) * 1e6 / LIMIT));
        table.row("segmented sieve, this process, 1 thread (count)", one, "ms",
                String.format(Locale.ROOT, "%.2f ns a number", BenchTable.median(one) * 1e6 / LIMIT));
        table.row("primes-head + 2 primes-worker processes, no --out", distributed, "ms",
                "every prime sent, checked and counted; from the first hello");
        table.row("primes-head + 2 primes-worker processes, --out", withOut, "ms",
                String.format(Locale.ROOT, "%,d MB of text, forced to disk block by block", outBytes / 1_000_000));
        table.group(String.format(Locale.ROOT, "the %,d primes of 1..10^6 sent to a primes-head: primes per second", SMALL_COUNT),
                "article protocol: a connection per prime, length + digits", article, "primes/s",
                String.format(Locale.ROOT, "%.0f us a prime", 1e6 / BenchTable.median(article)));
        table.row(String.format(Locale.ROOT, "ours: a worker thread, blocks of %,d, varint gaps", SMALL_BLOCK), ours, "primes/s",
                "sieving included");
        table.print();
    }

    /** Milliseconds for {@code threads} threads of this process to count the primes below 10^9, blocks taken in turn. */
    private static double count(int threads) throws InterruptedException {
        long blocks = (LIMIT + BLOCK - 1) / BLOCK;
        AtomicLong next = new AtomicLong();
        AtomicLong total = new AtomicLong();
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                SegmentedSieve sieve = new SegmentedSieve();
                for (long k = next.getAndIncrement(); k < blocks; k = next.getAndIncrement()) {
                    total.addAndGet(sieve.count(k * BLOCK, Math.min(LIMIT, (k + 1) * BLOCK - 1)));
                }
            });
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        double millis = (System.nanoTime() - start) / 1e6;
        check("the sieve on " + threads + " threads", total.get(), COUNT);
        return millis;
    }

    /** A head here and two worker processes; milliseconds from the first hello to the last block (on disk, with {@code out}). */
    private static double distributedRun(Path out, Path dir, String name) throws Exception {
        HeadSettings settings = new HeadSettings().range(new PrimeRange(1, LIMIT)).blockSize(BLOCK).out(out).host(HOST).port(0);
        List<Process> workers = new ArrayList<>();
        try (PrintStream log = new PrintStream(new FileOutputStream(dir.resolve(name + "-head.log").toFile()), true,
                StandardCharsets.UTF_8); PrimesHead head = new PrimesHead(settings, log)) {
            head.start();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            for (int i = 1; i <= 2; i++) {
                workers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "clusterlab.Main",
                        "primes-worker", "--head", HOST + ":" + head.port(), "--threads", "1", "--give-up", "10s",
                        "--name", "worker-" + i)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve(name + "-worker-" + i + ".log").toFile())
                        .start());
            }
            if (!head.awaitComplete(120_000)) {
                throw new IllegalStateException(name + ": the distributed run did not finish in 120 s");
            }
            PrimesModel.Snapshot s = head.model().snapshot();
            check(name, s.count(), COUNT);
            for (Process worker : workers) {
                if (!worker.waitFor(20, TimeUnit.SECONDS) || worker.exitValue() != 0) {
                    throw new IllegalStateException(name + ": a worker did not exit with 0 when the head said done");
                }
            }
            return s.workingNanos() / 1e6;
        } finally {
            for (Process worker : workers) {
                if (worker.isAlive()) {
                    worker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static long[] smallPrimes() {
        long[] primes = new long[SMALL_COUNT];
        int[] n = {0};
        new SegmentedSieve().primes(1, SMALL_LIMIT, p -> primes[n[0]++] = p);
        return primes;
    }

    /** Primes per second through the article's protocol: a connection, 4-byte length, ASCII digits, close; one per prime. */
    private static double articleRun(long[] primes) throws Exception {
        HeadSettings settings = new HeadSettings().range(new PrimeRange(1, 1)).host(HOST).port(0);
        try (PrimesHead head = new PrimesHead(settings, QUIET)) {
            head.start();
            long start = System.nanoTime();
            for (long p : primes) {
                try (Socket socket = new Socket(HOST, head.port())) {
                    socket.getOutputStream().write(Frames.encode(Long.toString(p).getBytes(StandardCharsets.US_ASCII)));
                }
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (head.model().snapshot().articlePrimes() < primes.length) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the head took " + head.model().snapshot().articlePrimes() + " of "
                            + primes.length + " article-protocol primes in 60 s");
                }
                Thread.sleep(1);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            check("article protocol", head.model().snapshot().articlePrimes(), SMALL_COUNT);
            return primes.length / seconds;
        }
    }

    /** Primes per second for 1..10^6 through our protocol: one worker thread of this process, its blocks sieved and sent as gaps. */
    private static double oursRun() throws Exception {
        HeadSettings settings = new HeadSettings().range(new PrimeRange(1, SMALL_LIMIT)).blockSize(SMALL_BLOCK).host(HOST).port(0);
        try (PrimesHead head = new PrimesHead(settings, QUIET)) {
            head.start();
            PrimesWorker worker = new PrimesWorker(HOST, head.port(), 1, "ours", 10_000, QUIET);
            long start = System.nanoTime();
            Thread thread = new Thread(() -> {
                try {
                    worker.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            if (!head.awaitComplete(60_000)) {
                throw new IllegalStateException("our protocol: 1..10^6 did not finish in 60 s");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            thread.join(10_000);
            check("our protocol", head.model().snapshot().count(), SMALL_COUNT);
            return SMALL_COUNT / seconds;
        }
    }

    private static void check(String who, long count, long expected) {
        if (count != expected) {
            throw new IllegalStateException(who + ": " + count + " primes, expected " + expected);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
