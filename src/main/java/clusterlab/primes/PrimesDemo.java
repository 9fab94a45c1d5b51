package clusterlab.primes;

import clusterlab.cluster.LocalJava;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lesson 11 on one machine: a primes head counting the primes up to 10^8, and two workers, each a
 * JVM of its own as it would be on a Pi of its own, connected over loopback. On a terminal the
 * head's progress bar moves as the blocks come in; elsewhere (a file, a pipe) only the log and the
 * bar's last state are printed, since a bar redrawn with carriage returns is unreadable there.
 */
public final class PrimesDemo {
    /** pi(10^8), from the tables: what the run must find. */
    private static final long EXPECTED = 5_761_455;
    private static final PrimeRange RANGE = new PrimeRange(1, 100_000_000L);
    private static final long BLOCK = 5_000_000;
    private static final int WORKERS = 2;
    private static final long RUN_SECONDS = 120;
    /** A worker JVM starts in a second or so; a machine busy with other work may take much longer. */
    private static final long JOIN_SECONDS = 40;
    /** The head tells each worker it is done before it closes; a worker needs a moment to hear it and exit. */
    private static final long EXIT_SECONDS = 40;
    private static final int OUTPUT_LINES_KEPT = 20;

    private PrimesDemo() {
    }

    public static void run(PrintStream out) throws Exception {
        boolean terminal = out == System.out && System.console() != null;
        // The head waits for both workers before it hands out a block: on a busy machine one JVM may
        // start a second later than the other, and 10^8 takes one worker less than that.
        HeadSettings settings = new HeadSettings().range(RANGE).blockSize(BLOCK).host("127.0.0.1").port(0).paused(true);
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            PrimesModel.Snapshot last;
            try (PrimesHead head = new PrimesHead(settings, terminal ? new PrintStream(PrintStream.nullOutputStream()) : out)) {
                out.println("-- 1. a head on 127.0.0.1 hands out " + RANGE + " in blocks of " + BLOCK
                        + " (counting only, nothing written)");
                head.start();
                out.println("-- 2. " + WORKERS + " workers, each a separate JVM with one thread, as on two Pis");
                for (int i = 1; i <= WORKERS; i++) {
                    WorkerProcess w = WorkerProcess.start("local-" + i, head.port());
                    workers.add(w);
                    out.println("started worker " + w.name + " (pid " + w.process.pid() + "): clusterlab primes-worker --head 127.0.0.1:"
                            + head.port() + " --threads 1 --name " + w.name);
                }
                awaitWorkers(head, workers);
                out.println("-- 3. both have joined, and the head starts: each worker asks for a block, sieves it and sends its"
                        + " primes back; the head checks each batch");
                head.resume();
                last = watch(head, workers, terminal ? new TerminalProgress(out) : null, out);
            }
            out.println("-- 4. the head has closed: the workers were told the work is done and exit");
            for (WorkerProcess w : workers) {
                w.awaitExit(out);
            }
            out.println("-- 5. the head's summary");
            Summary.print(last, out);
            if (last.count() != EXPECTED) {
                throw new IllegalStateException("primes demo: found " + last.count() + " primes, but pi(10^8) is " + EXPECTED);
            }
            out.println("the count matches pi(10^8) = " + EXPECTED + ", the known number of primes up to 10^8");
        } finally {
            for (WorkerProcess w : workers) {
                w.destroy();
            }
        }
    }

    private static void awaitWorkers(PrimesHead head, List<WorkerProcess> workers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_SECONDS);
        while (head.model().snapshot().workers().stream().filter(w -> w.connections() > 0).count() < workers.size()) {
            if (workers.stream().anyMatch(w -> !w.process.isAlive())) {
                throw new IllegalStateException("primes demo: a worker exited before it joined");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("primes demo: the workers did not join within " + JOIN_SECONDS + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Shows the run until every block is counted; the last snapshot. */
    private static PrimesModel.Snapshot watch(PrimesHead head, List<WorkerProcess> workers, ProgressView bar, PrintStream out)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_SECONDS);
        while (!head.awaitComplete(250)) {
            if (workers.stream().noneMatch(w -> w.process.isAlive())) {
                throw new IllegalStateException("primes demo: every worker exited before the run was complete");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("primes demo: the run took over " + RUN_SECONDS + " s; is the machine very busy?");
            }
            if (bar != null) {
                bar.update(head.model().snapshot());
            }
        }
        PrimesModel.Snapshot last = head.model().snapshot();
        if (bar != null) {
            bar.finish(last);
        } else {
            out.println(TerminalProgress.line(last));
        }
        return last;
    }

    /** A worker JVM, its output kept (the last lines) to be shown when it has exited. */
    private static final class WorkerProcess {
        final String name;
        final Process process;
        private final ArrayDeque<String> output = new ArrayDeque<>();
        private final Thread reader;

        private WorkerProcess(String name, Process process) {
            this.name = name;
            this.process = process;
            this.reader = new Thread(this::read, "primes-demo-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        static WorkerProcess start(String name, int port) throws IOException {
            List<String> command = LocalJava.command(null, List.of(), "clusterlab.Main",
                    List.of("primes-worker", "--head", "127.0.0.1:" + port, "--threads", "1", "--name", name));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            return new WorkerProcess(name, p);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (output) {
                        if (output.size() == OUTPUT_LINES_KEPT) {
                            output.removeFirst();
                        }
                        output.addLast(line);
                    }
                }
            } catch (IOException ended) {
                // The process was destroyed: what it printed so far is kept.
            }
        }

        /** Waits for the worker to exit, then prints its exit status and what it printed. */
        void awaitExit(PrintStream out) throws InterruptedException {
            boolean exited = process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                destroy();
            }
            reader.join(2_000);
            out.println("worker " + name + (exited ? " exited with status " + process.exitValue()
                    : " was still running after " + EXIT_SECONDS + " s: stopped"));
            synchronized (output) {
                output.forEach(line -> out.println("  " + name + " | " + line));
            }
        }

        /** Ends the process if it still runs, and waits for it. */
        void destroy() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }
}
