package clusterlab.bench;

import clusterlab.net.EchoService;
import clusterlab.net.NioServer;
import clusterlab.net.ServerConfig;
import clusterlab.net.SimpleServer;
import clusterlab.wire.Connection;
import clusterlab.wire.Utf8;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The two servers under load, on 127.0.0.1. First 64 clients, each on its own connection and thread,
 * send small text frames and wait for each reply, for a fixed time: replies per second for
 * SimpleServer and NioServer, both running EchoService. Then connection churn: 10,000 clients that
 * each connect, send one frame, read the reply and close, with the JVM's thread count and used heap
 * sampled meanwhile, to show that neither server's threads nor heap grow with the clients.
 *
 * <p>The baseline is a bare echo server on raw sockets with a thread per connection: it sends back
 * the bytes it gets (a frame comes back as the same frame), so the clients are the same for every
 * server, and the ratio says what each server's work (framing, JSON, its threading) costs against
 * moving the bytes alone. Absolute figures depend on the machine; the ratios, measured side by side
 * in the same run, are the results to compare (see {@link BenchTable}). Every server first gets an
 * untimed warm-up; then each of the 3 rounds runs them all in turn, so that a slow moment of the
 * machine hits them alike.
 *
 * <p>The servers listen with a backlog of 128, the servers' default. With the article's 5, the churn
 * clients overflow the queue of connections waiting to be accepted, the system drops their
 * connection requests, and each client retries only a second later: the bench would measure that
 * retry delay, not the server.
 */
public final class ServerBench {
    private static final String HOST = "127.0.0.1";
    private static final int BACKLOG = 128;
    private static final int ROUNDS = 3;
    private static final int CLIENTS = 64;
    private static final long ROUND_MILLIS = 3_000;
    private static final long WARM_UP_MILLIS = 1_000;
    private static final int CHURN_THREADS = 32;
    private static final int CHURN_WARM_UP = 1_000;
    private static final int CHURN_ROUND = 3_000;
    private static final int CHURN_CLIENTS = CHURN_WARM_UP + ROUNDS * CHURN_ROUND;
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final byte[] REQUEST = Utf8.encode("hello from a benchmark client");
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final LongAdder IN_PROCESS_BYTES = new LongAdder();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ServerBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchTable table = new BenchTable("ServerBench: SimpleServer and NioServer with EchoService against a bare "
                + "echo server, 127.0.0.1, backlog " + BACKLOG + "; figures: median of " + ROUNDS
                + " rounds, ratios: median of the per-round ratios");
        requestReply(table);
        churn(table);
        table.print();
    }

    // ---- request/reply ------------------------------------------------------------------------

    /** One client's side of the conversation. */
    private interface Client extends Closeable {
        /** One request and its reply. */
        void call() throws IOException;
    }

    private interface ClientFactory {
        Client open() throws IOException;
    }

    /** Runs clients against whatever it starts; returns replies per second. */
    private interface Trial {
        double run(long millis) throws Exception;
    }

    private static void requestReply(BenchTable table) throws Exception {
        List<String> names = List.of("bare echo", "in-process EchoService.reply", "SimpleServer", "NioServer");
        List<Trial> trials = List.of(
                millis -> overNetwork(startRawEcho(), millis),
                millis -> clients(inProcess(), millis),
                millis -> overNetwork(startSimple(CLIENTS, CLIENTS), millis),
                millis -> overNetwork(startNio(), millis));
        double[][] rounds = new double[trials.size()][ROUNDS];
        BenchTable.progress("request/reply: " + CLIENTS + " clients, warm-up of " + WARM_UP_MILLIS / 1000.0 + " s each");
        for (Trial trial : trials) {
            trial.run(WARM_UP_MILLIS);
        }
        for (int r = 0; r < ROUNDS; r++) {
            BenchTable.progress("request/reply: round " + (r + 1) + " of " + ROUNDS + ", " + trials.size() + " x "
                    + ROUND_MILLIS / 1000.0 + " s (" + String.join(", ", names) + ")");
            for (int t = 0; t < trials.size(); t++) {
                rounds[t][r] = trials.get(t).run(ROUND_MILLIS);
            }
        }
        table.group(CLIENTS + " clients, one connection and thread each, request/reply with small text frames, "
                        + ROUND_MILLIS / 1000.0 + " s rounds",
                "bare echo: raw sockets, thread per connection", rounds[0], "replies/s", "moves the bytes only");
        table.row("in-process EchoService.reply, no network", rounds[1], "replies/s",
                "the service alone, no sockets, " + CLIENTS + " threads");
        table.row("SimpleServer (pool " + CLIENTS + ", queue " + CLIENTS + ")", rounds[2], "replies/s",
                "framing + EchoService + pool threads");
        table.row("NioServer (one selector thread)", rounds[3], "replies/s",
                "framing + EchoService, all on one thread");
    }

    /** Network clients against a running server, which is closed afterwards. */
    private static double overNetwork(Running server, long millis) throws Exception {
        try (server) {
            return clients(() -> connect(server.port()), millis);
        }
    }

    private static Client connect(int port) throws IOException {
        Connection c = Connection.open(HOST, port, TIMEOUT_MILLIS);
        c.setReadTimeout(TIMEOUT_MILLIS);
        return new Client() {
            @Override
            public void call() throws IOException {
                c.send(REQUEST);
                if (c.receive() == null) {
                    throw new EOFException("the server closed the connection");
                }
            }

            @Override
            public void close() throws IOException {
                c.close();
            }
        };
    }

    private static ClientFactory inProcess() {
        EchoService service = new EchoService();
        return () -> new Client() {
            private long replyBytes; // used, so that the calls cannot be optimised away

            @Override
            public void call() throws IOException {
                replyBytes += service.reply(REQUEST, Thread.currentThread().getName()).length;
            }

            @Override
            public void close() {
                IN_PROCESS_BYTES.add(replyBytes);
            }
        };
    }

    /** CLIENTS threads, each with its own client, call until the time is up; returns calls per second. */
    private static double clients(ClientFactory factory, long millis) throws Exception {
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong deadline = new AtomicLong();
        LongAdder calls = new LongAdder();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread thread = new Thread(() -> {
                Client opened = null;
                try {
                    opened = factory.open();
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    ready.countDown();
                }
                if (opened == null) {
                    return;
                }
                try (Client client = opened) {
                    go.await();
                    long end = deadline.get();
                    long n = 0;
                    while (System.nanoTime() < end) {
                        client.call();
                        n++;
                    }
                    calls.add(n);
                } catch (IOException | InterruptedException e) {
                    failure.compareAndSet(null, e);
                }
            }, "client-" + i);
            thread.start();
            threads.add(thread);
        }
        ready.await();
        long start = System.nanoTime();
        deadline.set(start + millis * 1_000_000);
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw failure.get();
        }
        return calls.sum() / seconds;
    }

    // ---- connection churn ---------------------------------------------------------------------

    private interface Starter {
        Running start() throws IOException;
    }

    /** One server's churn results, added up over its runs. */
    private static final class Churn {
        final Starter starter;
        final Outcomes outcomes = new Outcomes();
        final double[] rates = new double[ROUNDS];
        long rejected;
        int threadsBefore = Integer.MAX_VALUE;
        int threadsPeak;
        long heapBefore = Long.MAX_VALUE;
        long heapPeak;
        long heapAfter;

        Churn(Starter starter) {
            this.starter = starter;
        }
    }

    private static void churn(BenchTable table) throws Exception {
        AtomicInteger clientNumber = new AtomicInteger();
        ThreadPoolExecutor clientThreads = new ThreadPoolExecutor(CHURN_THREADS, CHURN_THREADS, 0,
                TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(task, "churn-client-" + clientNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        clientThreads.prestartAllCoreThreads();
        Churn raw = new Churn(ServerBench::startRawEcho);
        Churn simple = new Churn(() -> startSimple(16, 256));
        Churn nio = new Churn(ServerBench::startNio);
        List<Churn> servers = List.of(raw, simple, nio);
        try (Sampler sampler = new Sampler()) {
            // From here on, the bench's own threads (clients and sampler) are in every "before".
            int quiet = THREADS.getThreadCount();
            BenchTable.progress(String.format("churn: warm-up, %,d clients per server", CHURN_WARM_UP));
            for (Churn c : servers) {
                run(c, CHURN_WARM_UP, clientThreads, sampler, quiet);
            }
            for (int r = 0; r < ROUNDS; r++) {
                BenchTable.progress(String.format("churn: round %d of %d, %,d clients per server (bare echo, "
                        + "SimpleServer, NioServer)", r + 1, ROUNDS, CHURN_ROUND));
                for (Churn c : servers) {
                    c.rates[r] = run(c, CHURN_ROUND, clientThreads, sampler, quiet);
                }
            }
        } finally {
            clientThreads.shutdown();
            clientThreads.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
        table.group(String.format("connection churn: %,d clients per server (%,d warm-up, then %d x %,d), "
                        + "%d client threads; each connects, sends 1 frame, reads the reply, closes",
                        CHURN_CLIENTS, CHURN_WARM_UP, ROUNDS, CHURN_ROUND, CHURN_THREADS),
                "bare echo: raw sockets, thread per connection", raw.rates, "connections/s", outcome(raw));
        resources(table, raw, "one per open connection, so as many as there are clients at once");
        table.row("SimpleServer (pool 16, queue 256)", simple.rates, "connections/s", outcome(simple));
        resources(table, simple, "the pool and the accept thread");
        table.row("NioServer (one selector thread)", nio.rates, "connections/s", outcome(nio));
        resources(table, nio, "the selector thread");
    }

    private static String outcome(Churn c) {
        String line = "server rejected " + c.rejected + "; clients: " + c.outcomes.busy.sum() + " told busy, "
                + c.outcomes.failed.sum() + " failed";
        String first = c.outcomes.firstFailure.get();
        return first == null ? line : line + " (first: " + first + ")";
    }

    private static void resources(BenchTable table, Churn c, String threadsNote) {
        table.line("  server's threads: JVM peak - before", c.threadsPeak - c.threadsBefore, "threads",
                (double) c.threadsPeak / c.threadsBefore, String.format("ratio JVM peak/before, %d -> %d (the %d "
                        + "client threads and the sampler are in both); %s", c.threadsBefore, c.threadsPeak,
                        CHURN_THREADS, threadsNote));
        table.line("  used heap after a GC, server still open", mib(c.heapAfter), "MiB",
                (double) c.heapAfter / c.heapBefore, String.format("ratio after/before, before %.1f MiB; "
                        + "peak used during the runs %.0f MiB, mostly garbage not yet collected",
                        mib(c.heapBefore), mib(c.heapPeak)));
    }

    /**
     * Starts the server, sends {@code count} clients at it while the sampler watches, reads the used
     * heap after a GC while the server is still open, and closes it; returns connections per second.
     */
    private static double run(Churn c, int count, ThreadPoolExecutor clientThreads, Sampler sampler, int quiet)
            throws Exception {
        settle(quiet);
        System.gc();
        c.heapBefore = Math.min(c.heapBefore, usedHeap());
        c.threadsBefore = Math.min(c.threadsBefore, THREADS.getThreadCount());
        sampler.reset();
        double rate;
        try (Running server = c.starter.start()) {
            rate = connectAll(clientThreads, server.port(), count, c.outcomes);
            c.rejected += server.rejected().getAsLong();
            c.threadsPeak = Math.max(c.threadsPeak, sampler.peakThreads());
            c.heapPeak = Math.max(c.heapPeak, sampler.peakHeap());
            System.gc();
            c.heapAfter = Math.max(c.heapAfter, usedHeap());
        }
        return rate;
    }

    /** How the churn clients fared. */
    private static final class Outcomes {
        final LongAdder busy = new LongAdder();
        final LongAdder failed = new LongAdder();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
    }

    /** {@code count} clients shared among the client threads; returns connections per second. */
    private static double connectAll(ThreadPoolExecutor clientThreads, int port, int count, Outcomes outcomes)
            throws Exception {
        AtomicInteger left = new AtomicInteger(count);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < CHURN_THREADS; i++) {
            done.add(clientThreads.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    oneClient(port, outcomes);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void oneClient(int port, Outcomes outcomes) {
        try (Connection c = Connection.open(HOST, port, TIMEOUT_MILLIS)) {
            c.setReadTimeout(TIMEOUT_MILLIS);
            c.send(REQUEST);
            String reply = c.receiveText();
            if (reply == null) {
                throw new EOFException("closed without a reply");
            }
            if (reply.startsWith("{\"error\"")) {
                outcomes.busy.increment();
            }
        } catch (IOException e) {
            outcomes.failed.increment();
            outcomes.firstFailure.compareAndSet(null, e.toString());
        }
    }

    /** Waits (at most 5 s) for the threads of the last server to end. */
    private static void settle(int quiet) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (THREADS.getThreadCount() > quiet && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static long usedHeap() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** Every 10 ms, notes the JVM's live thread count and used heap, and keeps the highest of each. */
    private static final class Sampler implements Closeable {
        private final AtomicInteger peakThreads = new AtomicInteger();
        private final AtomicLong peakHeap = new AtomicLong();
        private final Thread thread = new Thread(this::loop, "sampler");
        private volatile boolean running = true;

        Sampler() {
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (running) {
                sample();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            peakThreads.accumulateAndGet(THREADS.getThreadCount(), Math::max);
            peakHeap.accumulateAndGet(usedHeap(), Math::max);
        }

        void reset() {
            peakThreads.set(0);
            peakHeap.set(0);
            sample();
        }

        int peakThreads() {
            sample();
            return peakThreads.get();
        }

        long peakHeap() {
            sample();
            return peakHeap.get();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- the servers --------------------------------------------------------------------------

    /** A server under test, whatever its kind: its port, how many clients it turned away, and how to close it. */
    private record Running(int port, LongSupplier rejected, Closeable server) implements Closeable {
        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static ServerConfig config() {
        return new ServerConfig().host(HOST).port(0).backlog(BACKLOG).timeoutMillis(TIMEOUT_MILLIS);
    }

    private static Running startSimple(int pool, int queue) throws IOException {
        SimpleServer server = new SimpleServer(config().poolSize(pool).queueSize(queue), new EchoService(), QUIET);
        server.initialise();
        return new Running(server.port(), () -> server.stats().rejected(), server);
    }

    private static Running startNio() throws IOException {
        NioServer server = new NioServer(config(), new EchoService(), QUIET, false);
        server.initialise();
        return new Running(server.port(), () -> server.stats().rejected(), server);
    }

    private static Running startRawEcho() throws IOException {
        RawEcho server = new RawEcho();
        return new Running(server.listener.getLocalPort(), () -> 0, server);
    }

    /** The baseline: bare sockets, a new thread for each connection, every byte sent straight back. */
    private static final class RawEcho implements Closeable {
        final ServerSocket listener;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final Thread acceptThread;

        RawEcho() throws IOException {
            listener = new ServerSocket(0, BACKLOG, InetAddress.getByName(HOST));
            acceptThread = new Thread(this::acceptLoop, "raw-accept");
            acceptThread.setDaemon(true);
            acceptThread.start();
        }

        private void acceptLoop() {
            while (true) {
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (IOException e) {
                    return; // closed
                }
                open.add(socket);
                Thread echo = new Thread(() -> echo(socket), "raw-echo");
                echo.setDaemon(true);
                echo.start();
            }
        }

        private void echo(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // the client left, or the server is closing
            } finally {
                open.remove(socket);
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : open) {
                socket.close();
            }
            try {
                acceptThread.join(TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
