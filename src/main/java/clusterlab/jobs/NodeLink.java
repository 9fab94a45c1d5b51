package clusterlab.jobs;

import clusterlab.wire.Connection;
import clusterlab.wire.Handshake;
import clusterlab.wire.Secret;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A link to a node daemon over TCP, after the shared-secret handshake.
 *
 * <p>The heartbeat: when the job server has sent the node nothing for {@link #PING_EVERY}, it sends
 * a ping, and the node answers a pong. A node that sends nothing at all (no pong, no outcome) for
 * {@link #SILENT_PINGS} times that is lost, and its jobs go back to the queue. The pings also keep
 * an idle session within the node's idle timeout, so a job server may wait between jobs for hours.
 */
final class NodeLink extends Link {
    static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /** A job server pings a node it has sent nothing for this long. */
    static final Duration PING_EVERY = Duration.ofSeconds(5);
    /** A node silent for this many ping intervals is gone: a living one answers every ping well within that. */
    static final int SILENT_PINGS = 3;

    private final Connection connection;
    private final MessageWriter writer;
    private final long pingNanos;
    private final Thread pinger;
    /** When it joined (System.nanoTime), to list nodes in that order. */
    volatile long joined;

    private NodeLink(String address, int workers, int limit, Connection connection, MessageWriter writer, Duration pingEvery,
            Owner owner) {
        super(address, "node " + address, workers, limit, address, owner);
        this.connection = connection;
        this.writer = writer;
        this.pingNanos = pingEvery.toNanos();
        this.pinger = new Thread(this::pingLoop, "jobs-ping " + address);
        pinger.setDaemon(true);
    }

    /**
     * Connects, proves the secret (null: insecure node) and starts the link and its heartbeat.
     *
     * @throws clusterlab.wire.AuthException if the node refused or could not prove the secret
     */
    static NodeLink connect(InetSocketAddress node, Secret secret, Duration pingEvery, Owner owner) throws IOException {
        String address = Nodes.key(node);
        Connection c = Connection.open(node.getAddress().getHostAddress(), node.getPort(), CONNECT_TIMEOUT_MILLIS);
        try {
            c.setReadTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            Map<String, Object> welcome = Handshake.client(c, secret, "job server pid " + ProcessHandle.current().pid());
            int workers = field(welcome, "workers", address);
            int limit = welcome.containsKey("queue") ? field(welcome, "queue", address) : Integer.MAX_VALUE;
            Duration silence = pingEvery.multipliedBy(SILENT_PINGS);
            c.setReadTimeout((int) silence.toMillis());
            MessageReader.FrameSource frames = () -> {
                try {
                    return c.receive();
                } catch (SocketTimeoutException e) {
                    throw new IOException("silent for " + NodeDaemon.span(silence), e);
                }
            };
            MessageWriter writer = new MessageWriter(new BufferedOutputStream(c.socket().getOutputStream(), 1 << 16));
            NodeLink link = new NodeLink(address, workers, limit, c, writer, pingEvery, owner);
            link.start(new MessageReader(frames, "node " + address), writer);
            link.pinger.start();
            return link;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static int field(Map<String, Object> welcome, String name, String address) throws ProtocolException {
        if (!(welcome.get(name) instanceof Long n) || n < 1 || n > 1_000_000) {
            throw new ProtocolException("node " + address + " sent a welcome without a whole number of " + name);
        }
        return n.intValue();
    }

    /** Pings whenever nothing else has gone to the node for a ping interval; ends with the link. */
    private void pingLoop() {
        try {
            while (!ended()) {
                long quiet = System.nanoTime() - writer.lastWrite();
                if (quiet >= pingNanos) {
                    sendNow(new Message.Ping());
                } else {
                    TimeUnit.NANOSECONDS.sleep(pingNanos - quiet);
                }
            }
        } catch (InterruptedException e) {
            // the link ended
        }
    }

    @Override
    protected void shutdown() {
        pinger.interrupt();
        try {
            connection.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    @Override
    protected void expired(Job<?> job) {
        sendNow(new Message.Cancel(List.of(job.id())));
    }
}
