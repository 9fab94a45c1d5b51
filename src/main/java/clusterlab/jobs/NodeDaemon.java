package clusterlab.jobs;

import clusterlab.net.Accepting;
import clusterlab.net.Binding;
import clusterlab.net.Closing;
import clusterlab.net.DiscoveryResponder;
import clusterlab.net.HostName;
import clusterlab.net.ServerConfig;
import clusterlab.wire.Connection;
import clusterlab.wire.FrameReader;
import clusterlab.wire.Frames;
import clusterlab.wire.Handshake;
import clusterlab.wire.Json;
import clusterlab.wire.Secret;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node daemon, what Parallel Python calls ppserver: it accepts job servers on a TCP port (60000
 * by default), and after the shared-secret handshake runs their jobs on one pool of worker threads
 * shared by all sessions, one job per worker at a time. Each session has a class loader of its
 * own for the classes its job server ships, and may hold at most a bounded number of jobs; more
 * are answered "busy" and go back to the job server's queue.
 *
 * <p>Bounds: at most {@link Config#maxSessions} sessions (more are refused with a reason), the
 * handshake must finish within {@link #HANDSHAKE_TIMEOUT_MILLIS} with frames of at most
 * {@link Handshake#MAX_FRAME_LENGTH} bytes; after it, frames up to 16 MiB, and a session silent
 * for the idle timeout ({@link #DEFAULT_IDLE_TIMEOUT} unless configured) is closed. A job server
 * may wait a long time between jobs, but it pings every {@link NodeLink#PING_EVERY} when it has
 * nothing else to send, so only a dead or unreachable one goes silent that long.
 */
public final class NodeDaemon implements Closeable {
    public static final int DEFAULT_PORT = Nodes.DEFAULT_PORT;
    public static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /** Jobs a session may hold per worker, unless told otherwise: a job server's window at its deepest. */
    public static final int QUEUE_PER_WORKER = 512;
    /** A session silent this long is closed: six of a job server's pings missed. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_IDLE_TIMEOUT = Duration.ofHours(24);

    /** How a node is set up. */
    public static final class Config {
        private String host;
        private int port = DEFAULT_PORT;
        private int workers = Runtime.getRuntime().availableProcessors();
        private Secret secret;
        private boolean insecure;
        private int queue;
        private int maxSessions = 64;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private boolean discoverable;
        private int discoveryPort = -1;
        private boolean verbose;
        private PrintStream log = System.out;

        /** The address to listen on: default 0.0.0.0 (every interface), or 127.0.0.1 for an insecure node. */
        public Config host(String value) {
            host = value;
            return this;
        }

        /** The TCP port; 0 picks a free one ({@link NodeDaemon#port()} tells which). */
        public Config port(int value) {
            port = value;
            return this;
        }

        public Config workers(int value) {
            workers = value;
            return this;
        }

        /** The shared secret job servers must prove. */
        public Config secret(Secret value) {
            secret = value;
            insecure = false;
            return this;
        }

        /** No secret: any local program may run code here, so the node listens on loopback only. */
        public Config insecure() {
            insecure = true;
            secret = null;
            return this;
        }

        /** Jobs one session may hold, queued or running; default {@link #QUEUE_PER_WORKER} x workers. */
        public Config queue(int value) {
            queue = value;
            return this;
        }

        public Config maxSessions(int value) {
            maxSessions = value;
            return this;
        }

        /**
         * Close a session that sends nothing for this long (default {@link #DEFAULT_IDLE_TIMEOUT}). Job
         * servers ping every {@link NodeLink#PING_EVERY} when idle, so it must be well above that.
         */
        public Config idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        /** Answer UDP discovery queries, on {@code udpPort} (-1: the TCP port's number, 0: a free one). */
        public Config discoverable(int udpPort) {
            discoverable = true;
            discoveryPort = udpPort;
            return this;
        }

        /** A log line per message, besides the sessions. */
        public Config verbose(boolean value) {
            verbose = value;
            return this;
        }

        /** Where the log lines go; null for none. */
        public Config log(PrintStream value) {
            log = value;
            return this;
        }
    }

    private final Config config;
    private final Secret secret;
    private final int queue;
    private final PrintStream log;
    private final ServerSocket server;
    private final ExecutorService pool;
    private final DiscoveryResponder responder;
    private final String hostName;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> sessionThreads = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong jobs = new AtomicLong();
    private volatile boolean closed;

    private NodeDaemon(Config config, ServerSocket server, DiscoveryResponder responder) {
        this.config = config;
        this.secret = config.secret;
        this.queue = config.queue > 0 ? config.queue : QUEUE_PER_WORKER * config.workers;
        this.log = config.log;
        this.server = server;
        this.responder = responder;
        this.hostName = HostName.localOr("unknown");
        this.pool = Executors.newFixedThreadPool(config.workers, task -> {
            Thread t = new Thread(task, "jobs-node-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Binds, starts the accept thread (and the discovery responder) and says so in the log.
     *
     * @throws IllegalArgumentException for a setup that is not allowed (insecure on a public address, no secret)
     */
    public static NodeDaemon start(Config config) throws IOException {
        if (config.secret == null && !config.insecure) {
            throw new IllegalArgumentException("a node needs the shared secret, or insecure() to run without one on loopback");
        }
        if (config.workers < 1 || config.maxSessions < 1 || config.queue < 0) {
            throw new IllegalArgumentException("a node needs at least one worker and one session, and a queue of 0 (default) or more");
        }
        if (config.idleTimeout.toMillis() < 1 || config.idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("a node's idle timeout must be from 1 ms to 24 h, not " + config.idleTimeout);
        }
        String host = config.host != null ? config.host : config.insecure ? "127.0.0.1" : "0.0.0.0";
        InetAddress address = InetAddress.getByName(host);
        if (config.insecure && !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("an insecure node listens on loopback only (127.0.0.1), not " + host
                    + ": anyone who reaches it may run code on it");
        }
        ServerSocket server = Binding.bind(new ServerConfig().host(address.getHostAddress()).port(config.port));
        DiscoveryResponder responder = null;
        try {
            if (config.discoverable) {
                int udp = config.discoveryPort < 0 ? server.getLocalPort() : config.discoveryPort;
                responder = DiscoveryResponder.start(new InetSocketAddress(address, udp), server.getLocalPort(),
                        () -> config.workers, config.secret, config.verbose ? config.log : null);
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        NodeDaemon node = new NodeDaemon(config, server, responder);
        Thread accept = new Thread(node::acceptLoop, "jobs-node-accept");
        accept.setDaemon(true);
        accept.start();
        node.say("node listening on " + host + ":" + node.port() + " with " + config.workers
                + (config.workers == 1 ? " worker" : " workers") + (config.secret == null ? " (insecure: no secret)"
                : " (secret fingerprint " + config.secret.fingerprint() + ")")
                + (responder == null ? "" : "; answering discovery on UDP port " + responder.port()));
        return node;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The UDP port discovery is answered on, or -1 when the node is not discoverable. */
    public int discoveryPort() {
        return responder == null ? -1 : responder.port();
    }

    public int workers() {
        return config.workers;
    }

    /** Sessions that got past the handshake, so far. */
    public long sessions() {
        return sessions.get();
    }

    /** Connections refused: handshake failures and sessions over the limit. */
    public long refused() {
        return refused.get();
    }

    /** Stops accepting, ends every session and the worker pool, and says what it served. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closed either way
        }
        if (responder != null) {
            responder.close();
        }
        for (Socket socket : open) {
            Closing.quietly(socket);
        }
        pool.shutdownNow();
        // With their sockets closed, the sessions end at once; wait a moment so the totals count them.
        for (Thread session : sessionThreads) {
            try {
                session.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        say("node stopped: " + sessions.get() + " sessions, " + jobs.get() + " jobs, " + refused.get() + " refused");
    }

    private void acceptLoop() {
        while (true) {
            Socket socket = Accepting.next(server, () -> closed, this::say);
            if (socket == null) {
                return;
            }
            String peer = address(socket);
            if (open.size() >= config.maxSessions) {
                refuse(socket, peer, "node busy: " + config.maxSessions + " sessions already");
                continue;
            }
            open.add(socket);
            Thread session = new Thread(() -> {
                try {
                    serve(socket, peer);
                } finally {
                    sessionThreads.remove(Thread.currentThread());
                }
            }, "jobs-node-session " + peer);
            session.setDaemon(true);
            sessionThreads.add(session);
            session.start();
        }
    }

    /** Refuses a connection over the session limit the way a handshake refuses: a "refused" frame, then close. */
    private void refuse(Socket socket, String peer, String reason) {
        refused.incrementAndGet();
        say("refused " + peer + ": " + reason);
        try (socket) {
            socket.setSoTimeout(1000);
            new Connection(socket, Handshake.MAX_FRAME_LENGTH).send(Json.writeUtf8(Map.of("type", "refused", "reason", reason)));
        } catch (IOException e) {
            // the peer is gone: nothing to tell
        }
    }

    private void serve(Socket socket, String peer) {
        try {
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            String client;
            try {
                client = Handshake.server(new Connection(socket, Handshake.MAX_FRAME_LENGTH), secret, welcome());
            } catch (SocketTimeoutException e) {
                release(socket);
                refused.incrementAndGet();
                say("refused " + peer + ": no handshake within " + HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s");
                return;
            } catch (IOException e) {
                release(socket);
                refused.incrementAndGet();
                say("refused " + peer + ": " + e.getMessage());
                return;
            }
            // The client sends nothing after its proof until the welcome arrives, so nothing is
            // buffered yet: the session reads the same socket with the full frame limit.
            socket.setSoTimeout((int) config.idleTimeout.toMillis());
            sessions.incrementAndGet();
            say("session from " + peer + " (client " + client + ") opened");
            FrameReader frames = new FrameReader(new BufferedInputStream(socket.getInputStream(), 1 << 16), Frames.DEFAULT_MAX_LENGTH);
            MessageWriter out = new MessageWriter(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            ExecutorSession session = new ExecutorSession(new MessageReader(frames::read, "client " + peer), out, pool, queue,
                    "client " + peer, socket, config.verbose ? line -> say(peer + ": " + line) : null);
            String end;
            try {
                session.serve();
                end = jobs(session.jobs());
            } catch (SocketTimeoutException e) {
                // Job servers ping when idle: this one is gone (or cut off) without a word.
                end = "silent for " + span(config.idleTimeout) + ", " + jobs(session.jobs());
            } catch (IOException e) {
                end = jobs(session.jobs()) + " (" + (closed ? "node stopping" : e.getMessage()) + ")";
            }
            jobs.addAndGet(session.jobs());
            release(socket);
            say("session from " + peer + " closed: " + end);
        } catch (IOException e) {
            release(socket);
            say("session from " + peer + " failed: " + e.getMessage());
        } finally {
            release(socket);
        }
    }

    /**
     * Closes a session's socket and frees its place among {@link Config#maxSessions}. Done before
     * the session's last line is logged, so that whoever reads that line may connect again at once.
     */
    private void release(Socket socket) {
        open.remove(socket);
        Closing.quietly(socket);
    }

    private Map<String, Object> welcome() {
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("workers", config.workers);
        welcome.put("queue", queue);
        welcome.put("host", hostName);
        welcome.put("pid", ProcessHandle.current().pid());
        return welcome;
    }

    private static String jobs(long n) {
        return n + (n == 1 ? " job" : " jobs");
    }

    /** "30 s", or "1500 ms" when not whole seconds. */
    static String span(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private void say(String line) {
        if (log != null) {
            log.println(line);
        }
    }

    private static String address(Socket socket) {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }
}
