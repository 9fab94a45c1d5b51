package clusterlab.monitor;

import clusterlab.net.Accepting;
import clusterlab.net.Binding;
import clusterlab.net.Closing;
import clusterlab.net.EchoService;
import clusterlab.net.ServerConfig;
import clusterlab.wire.Connection;
import clusterlab.wire.FrameTooLargeException;
import clusterlab.wire.TruncatedFrameException;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The head's collector, built like SimpleServer: one thread accepts connections and a bounded pool
 * of threads reads them. A connection may carry one report (the article's workers: connect, send one
 * frame, close) or a report every period (our agents keep theirs open). Every read waits at most the
 * configured timeout (three periods: an agent that has said nothing for that long is gone).
 *
 * <p>Nothing is sent back for a good report, so the article's workers, which never read, are served
 * as they expect. A bad frame, a report that is not one, or a report the model refuses ends that one
 * connection: the head logs one line saying why, sends the reason as {@code {"error": ...}} for a
 * client that reads, and closes it; every other connection goes on. When every pool thread is busy a
 * new connection is turned away at once (logged, and closed) rather than queued for ever.
 */
public final class Collector implements Closeable {
    /**
     * A reader parses one small JSON object at a time: a quarter of the usual stack is plenty, and a
     * thousand such threads then reserve far less address space (which a 32-bit Pi has little of).
     */
    private static final long READER_STACK_BYTES = 256 * 1024;

    private final ServerConfig config;
    private final MonitorModel model;
    private final RecentLog log;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong turnedAway = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private ThreadPoolExecutor pool;
    private ServerSocket listener;
    private Thread acceptThread;
    private volatile boolean closing;

    /**
     * @param config host, port, backlog, pool size (connections read at once), timeout (silence
     *               allowed on a connection), grace (for close) and the largest frame accepted
     */
    public Collector(ServerConfig config, MonitorModel model) {
        this.config = config;
        this.model = model;
        this.log = model.log();
    }

    /** Binds and starts accepting; returns at once. */
    public void start() throws IOException {
        listener = Binding.bind(config);
        AtomicInteger readers = new AtomicInteger();
        // No core threads and no queue: a thread per open connection, up to the pool size, each
        // ending when it has been idle a while; one more connection than that is turned away.
        pool = new ThreadPoolExecutor(0, config.poolSize(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread t = new Thread(null, task, "reader-" + readers.incrementAndGet(), READER_STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        acceptThread = new Thread(this::acceptLoop, "collector-" + port());
        acceptThread.setDaemon(true);
        acceptThread.start();
    }

    /** The port bound, useful after binding port 0. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted and read. */
    public long connections() {
        return connections.get();
    }

    /** Connections turned away because every reader thread was busy. */
    public long turnedAway() {
        return turnedAway.get();
    }

    /** Connections dropped after a silence longer than the timeout. */
    public long timedOut() {
        return timedOut.get();
    }

    /** Connections being read now. */
    public int open() {
        return open.size();
    }

    private void acceptLoop() {
        while (true) {
            Socket socket = Accepting.next(listener, () -> closing, log::add);
            if (socket == null) {
                return;
            }
            try {
                pool.execute(() -> read(socket));
            } catch (RejectedExecutionException e) {
                turnedAway.incrementAndGet();
                log.add("turned away " + peer(socket) + ": all " + config.poolSize() + " reader threads are busy");
                Closing.quietly(socket);
            }
        }
    }

    /** Runs on a reader thread: files each report until the peer closes, goes silent, or sends something bad. */
    private void read(Socket socket) {
        if (closing) {
            Closing.quietly(socket);
            return;
        }
        open.add(socket);
        connections.incrementAndGet();
        String peerAddress = socket.getInetAddress().getHostAddress();
        String peer = peer(socket);
        Connection c = null;
        try {
            c = new Connection(socket, config.maxFrameLength());
            c.setReadTimeout(config.timeoutMillis());
            byte[] frame;
            while ((frame = c.receive()) != null) {
                model.accept(Report.parse(frame), peerAddress);
            }
        } catch (SocketTimeoutException e) {
            timedOut.incrementAndGet();
            log.add("dropped " + peer + ": silent for " + Seconds.of(Duration.ofMillis(config.timeoutMillis())));
        } catch (BadReportException | ReportRejectedException | FrameTooLargeException | TruncatedFrameException e) {
            if (!(e instanceof ReportRejectedException)) {
                model.countRejected(); // the model counted its own refusal
            }
            log.add("dropped " + peer + ": " + e.getMessage());
            tryToSay(c, e.getMessage());
        } catch (IOException e) {
            if (!closing) {
                log.add("dropped " + peer + ": " + e.getMessage());
            }
        } finally {
            if (c != null) {
                bytesIn.addAndGet(c.bytesIn());
            }
            Closing.quietly(socket);
            open.remove(socket);
        }
    }

    private static String peer(Socket socket) {
        return socket.getRemoteSocketAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort()
                : String.valueOf(socket.getRemoteSocketAddress());
    }

    /** Best effort: a client that reads learns why; the article's workers have already gone. */
    private static void tryToSay(Connection c, String message) {
        if (c == null) {
            return;
        }
        try {
            c.send(EchoService.error(message));
        } catch (IOException ignored) {
            // The connection is being closed anyway.
        }
    }

    /** Stops accepting, closes every open connection, and waits (up to the grace time) for the readers. */
    @Override
    public void close() {
        if (closing || listener == null) {
            return;
        }
        closing = true;
        Closing.quietly(listener);
        open.forEach(Closing::quietly);
        pool.shutdown();
        try {
            acceptThread.join(config.graceMillis());
            pool.awaitTermination(config.graceMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line of totals, for the end of a run. */
    public String summary() {
        return connections + " connections, " + turnedAway + " turned away, " + timedOut + " dropped as silent, "
                + bytesIn + " bytes in";
    }
}
