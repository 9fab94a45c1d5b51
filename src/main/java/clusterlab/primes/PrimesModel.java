package clusterlab.primes;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of a prime-finder run, for the views to read: progress, the count and the largest
 * prime, the last primes found, what each worker did, the primes that came in by the article's
 * protocol, and the recent log. The head writes to it from many threads; views take a
 * {@link Snapshot}. It knows nothing about any view, so a terminal bar, a window or a web page can
 * each read it. Everything in it is bounded: the last {@value #LAST_PRIMES} primes, the last
 * {@value #LOG_LINES} log lines, at most {@value #MAX_WORKERS} workers by name (later ones are
 * added up under one line).
 */
public final class PrimesModel {
    static final int LAST_PRIMES = 8;
    static final int LOG_LINES = 100;
    static final int MAX_WORKERS = 1000;
    static final String OTHER_WORKERS = "(other workers)";

    private final PrimeRange range;
    private final long blockSize;
    private final long blockCount;
    private final PrintStream log;
    private final long startNanos = System.nanoTime();
    private long firstWorkerNanos;
    private long endNanos;
    private long resumedBlocks;
    private long resumedNumbers;
    private long blocksAccepted;
    private long blocksWritten;
    private long numbersDone;
    private long count;
    private long largest;
    private long rejected;
    private long logged;
    private final ArrayDeque<Long> lastPrimes = new ArrayDeque<>();
    private final ArrayDeque<String> logLines = new ArrayDeque<>();
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private long articlePrimes;
    private long articleLargest;
    private long articleRefused;
    private final Set<String> articleAddresses = new LinkedHashSet<>();
    private boolean paused;

    /** A model for a run of {@code range} in blocks of {@code blockSize}; log lines also go to {@code log}. */
    public PrimesModel(PrimeRange range, long blockSize, PrintStream log) {
        this.range = range;
        this.blockSize = blockSize;
        this.blockCount = range.blockCount(blockSize);
        this.log = log;
    }

    public PrimeRange range() {
        return range;
    }

    public long blockSize() {
        return blockSize;
    }

    public long blockCount() {
        return blockCount;
    }

    /** A line for the log: kept (the last {@value #LOG_LINES}) and printed. */
    public void log(String line) {
        synchronized (this) {
            if (logLines.size() == LOG_LINES) {
                logLines.removeFirst();
            }
            logLines.addLast(line);
            logged++;
        }
        log.println(line);
    }

    /** The run goes on from a checkpoint that already holds {@code blocks} blocks. */
    synchronized void resumed(long blocks, long numbers, long primes, long largestPrime) {
        resumedBlocks = blocks;
        resumedNumbers = numbers;
        blocksAccepted = blocks;
        blocksWritten = blocks;
        numbersDone = numbers;
        count = primes;
        largest = largestPrime;
        if (blocks == blockCount) {
            endNanos = System.nanoTime();
        }
    }

    /** The head stopped (true) or resumed (false) handing out blocks. */
    synchronized void paused(boolean value) {
        paused = value;
    }

    synchronized void workerConnected(String name, String address, int threads) {
        long now = System.nanoTime();
        if (firstWorkerNanos == 0) {
            firstWorkerNanos = now;
        }
        Worker w = worker(name, address, threads);
        if (w.firstNanos == 0) {
            w.firstNanos = now;
        }
        w.connections++;
    }

    synchronized void workerDisconnected(String name) {
        Worker w = workers.get(workers.containsKey(name) ? name : OTHER_WORKERS);
        if (w != null) {
            w.connections--;
        }
    }

    /** A block checked and accepted from {@code worker}, which spent {@code nanos} on it. */
    synchronized void blockAccepted(String name, long numbers, long primes, long largestPrime, long nanos) {
        blocksAccepted++;
        numbersDone += numbers;
        count += primes;
        if (primes > 0) {
            largest = Math.max(largest, largestPrime);
            remember(largestPrime);
        }
        Worker w = workers.get(workers.containsKey(name) ? name : OTHER_WORKERS);
        if (w != null) {
            w.blocks++;
            w.numbers += numbers;
            w.primes += primes;
            w.busyNanos += nanos;
            w.lastNanos = System.nanoTime();
        }
    }

    synchronized void blockRejected(String name) {
        rejected++;
        Worker w = workers.get(workers.containsKey(name) ? name : OTHER_WORKERS);
        if (w != null) {
            w.rejected++;
        }
    }

    synchronized void blockWritten() {
        blocksWritten++;
        if (blocksWritten == blockCount) {
            endNanos = System.nanoTime();
        }
    }

    /** A prime sent by the article's protocol from {@code address}: shown, not part of the output. */
    synchronized void articlePrime(String address, long prime) {
        articlePrimes++;
        articleLargest = Math.max(articleLargest, prime);
        if (articleAddresses.size() < MAX_WORKERS) {
            articleAddresses.add(address);
        }
        remember(prime);
    }

    synchronized void articleRefused() {
        articleRefused++;
    }

    private void remember(long prime) {
        if (lastPrimes.size() == LAST_PRIMES) {
            lastPrimes.removeFirst();
        }
        lastPrimes.addLast(prime);
    }

    private Worker worker(String name, String address, int threads) {
        Worker w = workers.get(name);
        if (w == null) {
            if (workers.size() >= MAX_WORKERS) {
                return workers.computeIfAbsent(OTHER_WORKERS, n -> new Worker(n, "-", 0));
            }
            w = new Worker(name, address, threads);
            workers.put(name, w);
        }
        return w;
    }

    /** Everything a view shows, as of now. */
    public synchronized Snapshot snapshot() {
        List<WorkerStats> stats = new ArrayList<>();
        for (Worker w : workers.values()) {
            stats.add(new WorkerStats(w.name, w.address, w.threads, w.connections, w.blocks, w.numbers, w.primes,
                    w.busyNanos, w.lastNanos == 0 ? 0 : w.lastNanos - w.firstNanos, w.rejected));
        }
        long now = endNanos != 0 ? endNanos : System.nanoTime();
        long elapsed = now - startNanos;
        long working = firstWorkerNanos == 0 ? 0 : now - firstWorkerNanos;
        return new Snapshot(range, blockSize, blockCount, resumedBlocks, resumedNumbers, blocksAccepted, blocksWritten,
                numbersDone, count, largest, rejected, elapsed, working, List.copyOf(lastPrimes), List.copyOf(stats),
                articlePrimes, articleLargest, articleAddresses.size(), articleRefused, List.copyOf(logLines), logged, paused);
    }

    /**
     * The model at one moment. Blocks are accepted when checked and written when on disk (in
     * order); {@code numbersDone}, {@code count} and {@code largest} cover the accepted blocks,
     * including those already written before a resume. {@code elapsedNanos} runs from the head's
     * start, {@code workingNanos} from the first worker's arrival, both to the end of the run. {@code log} holds the last lines logged,
     * {@code logged} counts every line ever logged, so a view can tell which lines are new.
     * {@code paused} is true while the head hands out no blocks.
     */
    public record Snapshot(PrimeRange range, long blockSize, long blockCount, long resumedBlocks, long resumedNumbers,
            long blocksAccepted, long blocksWritten, long numbersDone, long count, long largest, long rejected,
            long elapsedNanos, long workingNanos, List<Long> lastPrimes, List<WorkerStats> workers, long articlePrimes,
            long articleLargest, int articleWorkers, long articleRefused, List<String> log, long logged, boolean paused) {

        /** True when every block is written. */
        public boolean complete() {
            return blocksWritten == blockCount;
        }

        /** The part of the range done, 0 to 1. */
        public double fraction() {
            return (double) numbersDone / range.size();
        }

        /** Numbers per second since the first worker joined (not counting what a resumed checkpoint held). */
        public double rate() {
            double seconds = workingNanos / 1e9;
            return seconds > 0 ? (numbersDone - resumedNumbers) / seconds : 0;
        }

        /** Seconds left at the current rate, or -1 when there is no rate yet. */
        public double etaSeconds() {
            double rate = rate();
            return rate > 0 ? (range.size() - numbersDone) / rate : -1;
        }
    }

    private static final class Worker {
        final String name;
        final String address;
        final int threads;
        int connections;
        long blocks;
        long numbers;
        long primes;
        long busyNanos;
        long rejected;
        long firstNanos;
        long lastNanos;

        Worker(String name, String address, int threads) {
            this.name = name;
            this.address = address;
            this.threads = threads;
        }
    }
}
