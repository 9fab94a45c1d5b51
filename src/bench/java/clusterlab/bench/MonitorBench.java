package clusterlab.bench;

import clusterlab.monitor.Collector;
import clusterlab.monitor.MonitorModel;
import clusterlab.monitor.RecentLog;
import clusterlab.monitor.Report;
import clusterlab.net.ServerConfig;
import clusterlab.wire.Frames;
import clusterlab.wire.Json;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The monitor head under 1,000 simulated agents on 127.0.0.1: reports per second it absorbs, and
 * whether its memory stays flat.
 *
 * <p>Two ways of reporting, each in a group of its own against a bare server measured side by side:
 * 1,000 agents that each keep one connection open and send frame after frame on it (the head reads
 * each with a thread of its bounded pool: 1,000 readers), and 1,000 agents that, like the article's
 * Python workers, connect for each report, send it and close (the head accepts, reads one frame,
 * and ends). The bare server has a thread per connection that reads frames and drops them, so its
 * figure is what loopback TCP and threads allow on this machine at this moment (connecting slows
 * down while the ports of closed connections wait in TIME_WAIT). With open connections the head's
 * ratio to it is the cost of the head's own work (JSON, checks, the model), which the in-process
 * line measures alone. With a connection per report the bare server also starts a thread for each
 * one, which the head's pool does not: where starting threads is slow the head comes out ahead,
 * which is the article's point about a limited pool. The clients write prepared frames on raw
 * sockets, so the figures are the servers'.
 *
 * <p>The head's model holds 1,000 nodes of 120 readings, filled by an untimed warm-up; the used
 * heap after a GC before the rounds and after them shows whether anything grows with the reports.
 */
public final class MonitorBench {
    private static final String HOST = "127.0.0.1";
    private static final int AGENTS = 1_000;
    private static final int ROUNDS = 3;
    private static final int WRITER_THREADS = 4;
    private static final int CHURN_THREADS = 4;
    private static final long ROUND_MILLIS = 2_000;
    /** Fixed, not timed: every closed connection waits a minute in TIME_WAIT and holds a loopback port. */
    private static final int CHURN_REPORTS = 3_000;
    private static final int TIMEOUT_MILLIS = 15_000;
    /** Each agent's frame: its own ip, a plausible temperature, and the optional fields our agents send. */
    private static final byte[][] FRAMES = frames();

    private MonitorBench() {
    }

    private static byte[][] frames() {
        byte[][] frames = new byte[AGENTS][];
        for (int i = 0; i < AGENTS; i++) {
            Report r = new Report("10.0." + i / 250 + "." + (1 + i % 250), 40 + i % 41 + 0.5, "agent-" + i, 0.25, 300, 3800);
            frames[i] = Frames.encode(Json.writeUtf8(r.toJson()));
        }
        return frames;
    }

    public static void main(String[] args) throws Exception {
        RecentLog log = new RecentLog(100, null);
        MonitorModel model = new MonitorModel(MonitorModel.DEFAULT_MAX_NODES, MonitorModel.DEFAULT_HISTORY,
                Duration.ofSeconds(5), false, log);
        ServerConfig config = new ServerConfig().host(HOST).port(0).backlog(1024)
                .poolSize(MonitorModel.DEFAULT_MAX_NODES + 32).timeoutMillis(TIMEOUT_MILLIS);
        double[][] open = new double[3][ROUNDS]; // bare, head, in-process
        double[][] churn = new double[2][ROUNDS]; // bare, head
        int readers;
        long heapBefore;
        long heapAfter;
        try (Collector head = new Collector(config, model); BareServer bare = new BareServer()) {
            head.start();
            BenchTable.progress("warm-up: filling 1,000 nodes' histories in-process, then connecting 1,000 agents to each server");
            inProcess(model, ROUND_MILLIS);
            try (Agents toHead = new Agents(head.port()); Agents toBare = new Agents(bare.port())) {
                readers = awaitOpen(head::open);
                awaitOpen(bare::open);
                persistent(model::reports, toHead, ROUND_MILLIS / 2);
                persistent(bare::frames, toBare, ROUND_MILLIS / 2);
                perReport(model::reports, head.port(), CHURN_REPORTS / 4);
                perReport(bare::frames, bare.port(), CHURN_REPORTS / 4);
                heapBefore = heapAfterGc();
                for (int r = 0; r < ROUNDS; r++) {
                    BenchTable.progress("round " + (r + 1) + " of " + ROUNDS + ": 1,000 open connections " + ROUND_MILLIS / 1000.0
                            + " s to each server, in-process " + ROUND_MILLIS / 1000.0 + " s, " + String.format("%,d", CHURN_REPORTS)
                            + " connections of one report to each server");
                    open[0][r] = persistent(bare::frames, toBare, ROUND_MILLIS);
                    open[1][r] = persistent(model::reports, toHead, ROUND_MILLIS);
                    open[2][r] = inProcess(model, ROUND_MILLIS);
                    churn[0][r] = perReport(bare::frames, bare.port(), CHURN_REPORTS);
                    churn[1][r] = perReport(model::reports, head.port(), CHURN_REPORTS);
                }
                heapAfter = heapAfterGc();
            }
        }
        BenchTable table = new BenchTable("MonitorBench: the monitor head absorbing reports from " + String.format("%,d", AGENTS)
                + " simulated agents over " + HOST + "; figures: median of " + ROUNDS + " rounds, ratios: median of the per-round ratios");
        table.group("1,000 agents, one open connection each, sending frame after frame, " + ROUND_MILLIS / 1000.0 + " s rounds",
                "bare server: thread per connection, frames dropped", open[0], "reports/s",
                WRITER_THREADS + " client threads writing");
        table.row("monitor head (Collector + MonitorModel)", open[1], "reports/s", String.format("parse, check, file; %,d reader threads", readers));
        table.row("in-process: Report.parse + MonitorModel.accept", open[2], "reports/s", WRITER_THREADS + " threads, no sockets");
        table.group("1,000 agents, a connection per report (the article's workers), " + String.format("%,d", CHURN_REPORTS) + " per round",
                "bare server: thread per connection, frames dropped", churn[0], "reports/s",
                CHURN_THREADS + " client threads: connect, send one frame, close");
        table.row("monitor head (Collector + MonitorModel)", churn[1], "reports/s", "pool threads reused between connections");
        table.line("head: used heap after a GC, after the rounds", mib(heapAfter), "MiB", (double) heapAfter / heapBefore,
                String.format("ratio after/before the rounds, before %.1f MiB; %,d nodes, %,d reports in all, %d rejected",
                        mib(heapBefore), model.nodeCount(), model.reports(), model.rejected()));
        table.print();
    }

    /** Waits until {@code open} says every agent's connection is being read; returns how many are. */
    private static int awaitOpen(IntSupplier open) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (open.getAsInt() < AGENTS && System.nanoTime() < deadline) {
            Thread.sleep(10); // each accepted connection gets its reader thread a moment later
        }
        return open.getAsInt();
    }

    /** Threads parsing and filing the agents' reports in turn, for {@code millis}; returns reports per second. */
    private static double inProcess(MonitorModel model, long millis) throws Exception {
        LongAdder filed = new LongAdder();
        long deadline = System.nanoTime() + millis * 1_000_000;
        long start = System.nanoTime();
        runAll(WRITER_THREADS, t -> {
            long n = 0;
            for (int i = t; System.nanoTime() < deadline; i = (i + WRITER_THREADS) % AGENTS) {
                byte[] frame = FRAMES[i];
                byte[] payload = new byte[frame.length - Frames.HEADER_BYTES];
                System.arraycopy(frame, Frames.HEADER_BYTES, payload, 0, payload.length);
                model.accept(Report.parse(payload), HOST);
                n++;
            }
            filed.add(n);
        });
        return filed.sum() / ((System.nanoTime() - start) / 1e9);
    }

    /** The open connections send for {@code millis}; returns the reports the server took in per second meanwhile. */
    private static double persistent(LongSupplier filed, Agents agents, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long before = filed.getAsLong();
        long start = System.nanoTime();
        agents.sendUntil(deadline);
        double rate = (filed.getAsLong() - before) / ((System.nanoTime() - start) / 1e9);
        settle(filed);
        return rate;
    }

    /** {@code count} reports, each on a connection of its own; returns reports per second until the server has them all. */
    private static double perReport(LongSupplier filed, int port, int count) throws Exception {
        long target = filed.getAsLong() + count;
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        runAll(CHURN_THREADS, t -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(HOST, port), TIMEOUT_MILLIS);
                    s.getOutputStream().write(FRAMES[i % AGENTS]);
                }
            }
        });
        while (filed.getAsLong() < target) {
            if (System.nanoTime() - start > TIMEOUT_MILLIS * 1_000_000L) {
                throw new IOException("the server took in only " + (count - (target - filed.getAsLong())) + " of " + count + " reports");
            }
            Thread.sleep(1);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Waits until the server has taken in what was still in flight, so the next trial starts from quiet. */
    private static void settle(LongSupplier filed) throws InterruptedException {
        long last = -1;
        while (filed.getAsLong() != last) {
            last = filed.getAsLong();
            Thread.sleep(200);
        }
    }

    /** The baseline: bare sockets, a new thread per connection that reads frames and drops them. */
    private static final class BareServer implements Closeable {
        private final ServerSocket listener = new ServerSocket(0, 1024, InetAddress.getByName(HOST));
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final LongAdder frames = new LongAdder();

        BareServer() throws IOException {
            Thread accept = new Thread(this::acceptLoop, "bare-accept");
            accept.setDaemon(true);
            accept.start();
        }

        private void acceptLoop() {
            while (true) {
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (IOException closed) {
                    return;
                }
                open.add(socket);
                Thread reader = new Thread(() -> read(socket), "bare-reader");
                reader.setDaemon(true);
                reader.start();
            }
        }

        private void read(Socket socket) {
            try (socket; DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()))) {
                while (true) {
                    in.readFully(new byte[in.readInt()]);
                    frames.increment();
                }
            } catch (IOException endOfStream) {
                // the client closed, or the bench is over
            } finally {
                open.remove(socket);
            }
        }

        int port() {
            return listener.getLocalPort();
        }

        int open() {
            return open.size();
        }

        long frames() {
            return frames.sum();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /** 1,000 open connections to the head, shared among the writer threads. */
    private static final class Agents implements Closeable {
        private final List<Socket> sockets = new ArrayList<>();
        private final List<OutputStream> outs = new ArrayList<>();

        Agents(int port) throws IOException {
            for (int i = 0; i < AGENTS; i++) {
                Socket s = new Socket();
                sockets.add(s);
                s.connect(new InetSocketAddress(HOST, port), TIMEOUT_MILLIS);
                s.setTcpNoDelay(true);
                outs.add(s.getOutputStream());
            }
        }

        /** Each writer thread sends one frame on each of its connections in turn, until the deadline. */
        void sendUntil(long deadline) throws Exception {
            runAll(WRITER_THREADS, t -> {
                while (System.nanoTime() < deadline) {
                    for (int i = t; i < AGENTS; i += WRITER_THREADS) {
                        outs.get(i).write(FRAMES[i]);
                    }
                }
            });
        }

        @Override
        public void close() throws IOException {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private interface Work {
        void run(int thread) throws Exception;
    }

    /** Runs {@code work} on {@code n} threads and waits for all; rethrows the first failure. */
    private static void runAll(int n, Work work) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                try {
                    work.run(thread);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-client-" + t);
            th.start();
            started.add(th);
        }
        for (Thread th : started) {
            th.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
