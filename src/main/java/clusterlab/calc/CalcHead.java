package clusterlab.calc;

import clusterlab.net.Accepting;
import clusterlab.net.Binding;
import clusterlab.net.ServerConfig;
import clusterlab.wire.Connection;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Article A's part 2: the server that spreads evaluations over the clients connected to it. Nodes
 * connect to the head (as the article's clients connect to its server); the head cuts a run into
 * batches and puts them in one queue; every node has a thread here that takes the next batch when
 * its node is free. Results land at each batch's offset, so they come back in the order submitted.
 */
public final class CalcHead implements Closeable {
    private static final int HELLO_MILLIS = 5_000;

    private final ServerConfig config;
    private final PrintStream log;
    private final BlockingDeque<Batch> work = new LinkedBlockingDeque<>();
    private final List<NodeLink> nodes = new CopyOnWriteArrayList<>();
    private final List<NodeLink> everNodes = new CopyOnWriteArrayList<>();
    private ServerSocket listener;
    private volatile boolean closing;
    private volatile boolean progress;
    private int nextBatchId;

    /** The config's timeoutMillis is how long a node may take over one batch; maxConnections caps the nodes. */
    public CalcHead(ServerConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    /** Print a progress line about once a second during each run. */
    public CalcHead showProgress(boolean on) {
        progress = on;
        return this;
    }

    public void start() throws IOException {
        listener = Binding.bind(config);
        Thread accept = new Thread(this::acceptLoop, "calc-accept-" + port());
        accept.setDaemon(true);
        accept.start();
        log.println("head listening on " + config.host() + ":" + port() + "; start nodes with: clusterlab calc-node --head HOST:" + port());
    }

    public int port() {
        return listener.getLocalPort();
    }

    public int nodeCount() {
        return nodes.size();
    }

    private void acceptLoop() {
        while (true) {
            Socket socket = Accepting.next(listener, () -> closing, log::println);
            if (socket == null) {
                return;
            }
            Thread t = new Thread(() -> welcome(socket), "calc-node-link");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Reads the node's hello, then serves it on this thread until it leaves. */
    private void welcome(Socket socket) {
        Connection c = null;
        try {
            socket.setTcpNoDelay(true);
            c = new Connection(socket, config.maxFrameLength());
            c.setReadTimeout(HELLO_MILLIS);
            Map<String, Object> hello = c.receiveJson();
            if (hello == null || !"hello".equals(hello.get("type")) || !(hello.get("threads") instanceof Long threads)) {
                throw new IOException("expected {\"type\":\"hello\",\"name\":...,\"threads\":N}, got " + hello);
            }
            if (nodes.size() >= config.maxConnections()) {
                c.sendJson(Map.of("type", "error", "message", "busy: " + config.maxConnections() + " nodes already"));
                c.close();
                return;
            }
            c.setReadTimeout(config.timeoutMillis());
            String name = hello.get("name") + " (" + socket.getInetAddress().getHostAddress() + ")";
            NodeLink link = new NodeLink(name, threads.intValue(), c, work, log, nodes::remove);
            everNodes.add(link);
            nodes.add(link);
            log.println("node joined: " + name + " with " + threads + " threads (" + nodes.size() + " nodes)");
            link.run();
            if (!closing) {
                log.println("node left: " + name + " (" + nodes.size() + " nodes)");
            }
        } catch (IOException e) {
            log.println("refused a connection from " + socket.getRemoteSocketAddress() + ": " + e.getMessage());
            try {
                socket.close();
            } catch (IOException ignored) {
                // It was being refused anyway.
            }
        }
    }

    /** Waits until {@code count} nodes have joined, printing each arrival; fails after {@code millis}. */
    public void awaitNodes(int count, long millis) throws EvaluationException, InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (nodes.size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new EvaluationException("only " + nodes.size() + " of " + count + " nodes joined within "
                        + millis / 1000 + " s");
            }
            Thread.sleep(20);
        }
    }

    /** The function's value at every point, spread over the nodes in batches of {@code batchSize} points. */
    public synchronized double[] evaluatePoints(String function, List<String> variables, double[][] points, int batchSize)
            throws EvaluationException, InterruptedException {
        Run run = new Run(points.length, (points.length + batchSize - 1) / batchSize);
        for (int offset = 0; offset < points.length; offset += batchSize) {
            double[][] rows = Arrays.copyOfRange(points, offset, Math.min(points.length, offset + batchSize));
            work.add(new Batch.Points(run, nextBatchId++, offset, function, variables, rows));
        }
        return await(run);
    }

    /** What each command leaves in y, evaluated on the nodes with the named engine, in order. */
    public synchronized double[] evaluateCommands(String engine, List<String> commands, int batchSize)
            throws EvaluationException, InterruptedException {
        Run run = new Run(commands.size(), (commands.size() + batchSize - 1) / batchSize);
        for (int offset = 0; offset < commands.size(); offset += batchSize) {
            List<String> slice = List.copyOf(commands.subList(offset, Math.min(commands.size(), offset + batchSize)));
            work.add(new Batch.Commands(run, nextBatchId++, offset, engine, slice));
        }
        return await(run);
    }

    /** A PointEvaluator that spreads every call over the nodes (for the minimum search). */
    public PointEvaluator evaluator(String function, List<String> variables, int batchSize) {
        return points -> {
            try {
                return evaluatePoints(function, variables, points, batchSize);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvaluationException("interrupted");
            }
        };
    }

    private double[] await(Run run) throws EvaluationException, InterruptedException {
        long lonelySince = System.currentTimeMillis();
        long lastReport = System.currentTimeMillis();
        while (!run.await(100)) {
            long now = System.currentTimeMillis();
            if (!nodes.isEmpty()) {
                lonelySince = now;
            } else if (now - lonelySince > config.timeoutMillis()) {
                run.fail("no nodes connected for " + config.timeoutMillis() / 1000 + " s");
            }
            if (progress && now - lastReport >= 1000) {
                lastReport = now;
                log.println("progress: " + run.pointsDone() + "/" + run.size() + " done, " + nodes.size() + " nodes");
            }
        }
        if (run.failure() != null) {
            work.removeIf(b -> b.run == run);
            throw new EvaluationException(run.failure());
        }
        return run.results();
    }

    /** One line per node that ever joined: batches, results and rate while busy. */
    public void printStats(PrintStream out) {
        out.printf("%-40s %8s %10s %12s%n", "node", "batches", "results", "results/s");
        for (NodeLink n : everNodes) {
            double seconds = n.busyNanos / 1e9;
            out.printf("%-40s %8d %10d %12.0f%n", n.name, n.batches, n.points, seconds > 0 ? n.points / seconds : 0);
        }
    }

    /** Says goodbye to every node (they exit) and stops listening. */
    @Override
    public void close() {
        if (closing || listener == null) {
            return;
        }
        closing = true;
        nodes.forEach(NodeLink::stop);
        try {
            listener.close();
            long deadline = System.currentTimeMillis() + config.graceMillis();
            while (!nodes.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
        } catch (IOException | InterruptedException ignored) {
            // Closing anyway: the nodes notice the closed connection and give up on their own.
        }
    }
}
