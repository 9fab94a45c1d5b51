package clusterlab.net;

import clusterlab.wire.Connection;
import clusterlab.wire.FrameTooLargeException;
import clusterlab.wire.TruncatedFrameException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Article A's SimpleServer: one thread accepts connections and hands each to a LIMITED pool of
 * threads. A thread per client would run out of memory under many clients; here the number of
 * threads never grows past the pool size, a bounded queue holds the few that wait, and a client
 * that finds both full is told "busy" at once instead of waiting for ever.
 */
public final class SimpleServer implements Server {
    private final ServerConfig config;
    private final FrameService service;
    private final PrintStream log;
    private final ServerStats stats = new ServerStats();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ThreadPoolExecutor pool;
    private ServerSocket listener;
    private int port;
    private Thread acceptThread;
    private volatile boolean closing;

    public SimpleServer(ServerConfig config, FrameService service, PrintStream log) {
        this.config = config;
        this.service = service;
        this.log = log;
    }

    /** Binds, listens, and starts the accept thread (a daemon, as in the article). */
    @Override
    public void initialise() throws IOException {
        listener = Binding.bind(config);
        port = listener.getLocalPort();
        AtomicInteger workers = new AtomicInteger();
        BlockingQueue<Runnable> queue = config.queueSize() == 0
                ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(config.queueSize());
        pool = new ThreadPoolExecutor(config.poolSize(), config.poolSize(), 0, TimeUnit.MILLISECONDS, queue, task -> {
            Thread t = new Thread(task, "worker-" + workers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        acceptThread = new Thread(this::acceptLoop, "accept-" + port());
        acceptThread.setDaemon(true);
        acceptThread.start();
        log.println("listening on " + config.host() + ":" + port() + " (pool " + config.poolSize()
                + " threads, queue " + config.queueSize() + ", timeout " + config.timeoutMillis() / 1000.0 + " s)");
    }

    /** The port bound, useful after binding port 0. */
    @Override
    public int port() {
        return port;
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    /** Threads in the pool now; never more than the pool size. */
    public int threads() {
        return pool.getPoolSize();
    }

    private void acceptLoop() {
        while (true) {
            Socket socket = Accepting.next(listener, () -> closing, log::println);
            if (socket == null) {
                return;
            }
            stats.accepted.incrementAndGet();
            try {
                pool.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                turnAway(socket);
            }
        }
    }

    private void turnAway(Socket socket) {
        stats.rejected.incrementAndGet();
        String why = "busy: " + config.poolSize() + " threads serving and " + config.queueSize()
                + " connections waiting; try again later";
        try (Connection c = new Connection(socket)) {
            c.send(EchoService.error(why));
        } catch (IOException ignored) {
            // The client left already; it was being turned away anyway.
        }
    }

    /** Runs on a pool thread: answers frames until the client closes, misbehaves or goes silent. */
    private void serve(Socket socket) {
        SocketAddress peer = socket.getRemoteSocketAddress();
        if (closing) {
            Closing.quietly(socket);
            return;
        }
        open.add(socket);
        stats.active.incrementAndGet();
        log.println("connected: " + peer + " (" + Thread.currentThread().getName() + ")");
        long frames = 0;
        String ending = null;
        Connection c = null;
        try {
            socket.setTcpNoDelay(true); // a reply goes out at once, not after the next ACK
            c = new Connection(socket, config.maxFrameLength());
            c.setReadTimeout(config.timeoutMillis());
            byte[] request;
            while ((request = c.receive()) != null) {
                byte[] reply;
                try {
                    reply = service.reply(request, Thread.currentThread().getName());
                } catch (BadRequestException e) {
                    stats.badInput.incrementAndGet();
                    ending = "bad input: " + e.getMessage();
                    c.send(EchoService.error(e.getMessage()));
                    break;
                }
                c.send(reply);
                frames++;
                stats.frames.incrementAndGet();
            }
        } catch (SocketTimeoutException e) {
            stats.timedOut.incrementAndGet();
            ending = "timed out: silent for " + config.timeoutMillis() / 1000.0 + " s";
        } catch (FrameTooLargeException e) {
            stats.badInput.incrementAndGet();
            ending = "bad input: " + e.getMessage();
            trySend(c, EchoService.error(e.getMessage()));
        } catch (TruncatedFrameException e) {
            stats.badInput.incrementAndGet();
            ending = "bad input: " + e.getMessage();
        } catch (IOException e) {
            ending = closing ? "server closing" : e.getMessage();
        } finally {
            if (c != null) {
                stats.bytesIn.addAndGet(c.bytesIn());
                stats.bytesOut.addAndGet(c.bytesOut());
            }
            Closing.quietly(socket);
            open.remove(socket);
            log.println(ServerLog.ending(peer, frames, ending));
            stats.active.decrementAndGet();
            stats.served.incrementAndGet();
        }
    }

    private static void trySend(Connection c, byte[] payload) {
        try {
            c.send(payload);
        } catch (IOException ignored) {
            // Best effort: the connection is being closed for bad input anyway.
        }
    }

    /**
     * Stops accepting, lets running connections finish within the grace period, then cuts those
     * still open, and prints the totals. Safe to call twice.
     */
    @Override
    public void close() {
        if (closing || listener == null) {
            return;
        }
        closing = true;
        Closing.quietly(listener);
        try {
            acceptThread.join(config.graceMillis());
            pool.shutdown();
            if (!pool.awaitTermination(config.graceMillis(), TimeUnit.MILLISECONDS)) {
                open.forEach(Closing::quietly);
                pool.shutdownNow();
                pool.awaitTermination(config.graceMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.println("closed port " + port() + ": " + stats.summary());
    }
}
