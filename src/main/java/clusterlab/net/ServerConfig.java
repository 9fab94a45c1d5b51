package clusterlab.net;

import clusterlab.wire.Frames;

/** The settings both servers share, with the defaults of the command line. */
public final class ServerConfig {
    /** Article A's port. Above 1024, so a normal user may bind it. */
    public static final int DEFAULT_PORT = 20000;

    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private int backlog = 128;
    private int poolSize = 8;
    private int queueSize = 16;
    private int maxConnections = 10_000;
    private int timeoutMillis = 30_000;
    private int graceMillis = 2_000;
    private int maxFrameLength = Frames.DEFAULT_MAX_LENGTH;

    public ServerConfig host(String value) {
        host = value;
        return this;
    }

    /** 0 lets the system choose a free port; {@link SimpleServer#port()} tells which. */
    public ServerConfig port(int value) {
        port = value;
        return this;
    }

    /** Connections the system may hold, not yet accepted, before it refuses more. */
    public ServerConfig backlog(int value) {
        backlog = value;
        return this;
    }

    /** Threads serving clients (SimpleServer). */
    public ServerConfig poolSize(int value) {
        poolSize = value;
        return this;
    }

    /** Accepted connections that may wait for a free thread (SimpleServer). */
    public ServerConfig queueSize(int value) {
        queueSize = value;
        return this;
    }

    /** Connections open at once (NioServer). */
    public ServerConfig maxConnections(int value) {
        maxConnections = value;
        return this;
    }

    /** How long a client may stay silent before it is dropped; 0 waits for ever. */
    public ServerConfig timeoutMillis(int value) {
        timeoutMillis = value;
        return this;
    }

    /** How long close() lets running work finish before it cuts the connections. */
    public ServerConfig graceMillis(int value) {
        graceMillis = value;
        return this;
    }

    public ServerConfig maxFrameLength(int value) {
        maxFrameLength = value;
        return this;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int backlog() {
        return backlog;
    }

    public int poolSize() {
        return poolSize;
    }

    public int queueSize() {
        return queueSize;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    public int graceMillis() {
        return graceMillis;
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }
}
