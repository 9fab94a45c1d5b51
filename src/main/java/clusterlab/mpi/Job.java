package clusterlab.mpi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one mpirun: starts them, prefixes their output lines with {@code [rank N] },
 * and stops them all when one fails, when the time is up, or when mpirun itself is stopped
 * (Ctrl-C sends SIGINT; the shutdown hook then stops every rank).
 */
final class Job {
    /** How one rank is started: its command line and the environment variables it gets. */
    record Launch(int rank, List<String> command, Map<String, String> env) {
    }

    private static final long STOP_GRACE_MILLIS = 3000;

    private final List<Launch> launches;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration timeout;
    private final List<Process> processes = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    private final String[] lastErrorLine;

    Job(List<Launch> launches, PrintStream out, PrintStream err, Duration timeout) {
        this.launches = launches;
        this.out = out;
        this.err = err;
        this.timeout = timeout;
        this.lastErrorLine = new String[launches.size()];
    }

    /** Runs every rank to the end; returns 0 if all succeeded, else 1 after saying which rank failed and why. */
    int run() throws IOException, InterruptedException {
        Thread stopAll = new Thread(this::stop, "mpirun-stop");
        Runtime.getRuntime().addShutdownHook(stopAll);
        try {
            LinkedBlockingQueue<Integer> exited = new LinkedBlockingQueue<>();
            for (Launch launch : launches) {
                ProcessBuilder builder = new ProcessBuilder(launch.command());
                builder.environment().putAll(launch.env());
                Process p = builder.start(); // standard input stays an open pipe: see RankMain
                processes.add(p);
                pump(p.getInputStream(), out, launch.rank(), false);
                pump(p.getErrorStream(), err, launch.rank(), true);
                p.onExit().thenRun(() -> exited.add(launch.rank()));
            }
            List<Integer> failed = new ArrayList<>(); // in the order they exited
            boolean finished = waitForAll(exited, failed);
            // The last lines the ranks printed, before a failure is explained by its rank's last error line.
            for (Thread pump : pumps) {
                pump.join(10_000); // a pipe ends once its rank has exited
            }
            if (!finished) {
                err.println("clusterlab mpirun: timed out after " + timeout.toSeconds() + " s (--timeout); stopped all "
                        + processes.size() + " ranks");
                return 1;
            }
            if (!failed.isEmpty()) {
                err.println("clusterlab mpirun: " + blame(failed));
                return 1;
            }
            return 0;
        } finally {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopAll);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already: mpirun was stopped.
            }
        }
    }

    /**
     * Waits for every rank, adding those that failed to {@code failed}; after the first failure the
     * others are stopped. Returns false if the time ran out first (all are stopped then).
     */
    private boolean waitForAll(LinkedBlockingQueue<Integer> exited, List<Integer> failed) throws InterruptedException {
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        int running = processes.size();
        while (running > 0) {
            Integer rank = exited.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (rank == null) {
                stop();
                return false;
            }
            running--;
            if (processes.get(rank).exitValue() != 0 && failed.isEmpty()) {
                failed.add(rank);
                stop();
            } else if (processes.get(rank).exitValue() != 0) {
                failed.add(rank);
            }
        }
        return true;
    }

    /** The rank to blame: the first to fail on its own account, not only because another rank died. */
    private String blame(List<Integer> failed) {
        int culprit = failed.get(0);
        for (int rank : failed) {
            if (processes.get(rank).exitValue() == RankMain.FAILED) {
                culprit = rank;
                break;
            }
        }
        String line = lastErrorLine[culprit];
        return "rank " + culprit + " failed with exit status " + processes.get(culprit).exitValue()
                + (line == null ? "" : " (" + line + ")") + "; stopped the other " + (processes.size() - 1) + " ranks";
    }

    /** Asks every rank still running to stop (SIGTERM), and forces those that do not within a grace time. */
    private synchronized void stop() {
        for (Process p : processes) {
            p.destroy();
        }
        long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Copies one stream of a rank, line by line, with the rank's prefix. */
    private void pump(InputStream stream, PrintStream to, int rank, boolean isError) {
        Thread t = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (isError && !line.isBlank()) {
                        lastErrorLine[rank] = line;
                    }
                    synchronized (to) { // whole lines, never two ranks mixed in one
                        to.println("[rank " + rank + "] " + line);
                    }
                }
            } catch (IOException e) {
                // The rank is gone; so is the rest of its output.
            }
        }, "mpirun-rank-" + rank + (isError ? "-err" : "-out"));
        t.setDaemon(true);
        t.start();
        pumps.add(t);
    }
}
