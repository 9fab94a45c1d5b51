package clusterlab.net;

import clusterlab.wire.Json;
import clusterlab.wire.JsonException;
import clusterlab.wire.Secret;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The node side of UDP discovery: answers {@code {"type":"discover","nonce":N}} datagrams with where
 * the node's TCP port is and how many workers it has, so that a client can find the nodes of a
 * classroom with one broadcast instead of a list of addresses.
 * <pre>
 *   {"type":"here","port":60000,"workers":4,"host":"pi3","proof":HMAC(secret, "here", N, "60000", "4")}
 * </pre>
 * The proof over the client's fresh nonce tells the client this node holds the same secret (an
 * insecure node sends {@code "insecure":true} instead). Anything else that arrives, up to and
 * including garbage, is counted and ignored: one bad datagram never stops the responder.
 *
 * <p>The socket is bound with SO_REUSEADDR, so several nodes on one machine can share the discovery
 * port: each gets its own copy of a broadcast query (a query sent to one address, not a broadcast,
 * reaches only one of them).
 */
public final class DiscoveryResponder implements Closeable {
    /** The largest query read; a longer datagram is ignored. */
    public static final int MAX_QUERY_BYTES = 512;

    private final DatagramSocket socket;
    private final int tcpPort;
    private final IntSupplier workers;
    private final Secret secret;
    private final String host;
    private final PrintStream log;
    private final Thread thread;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    private DiscoveryResponder(DatagramSocket socket, int tcpPort, IntSupplier workers, Secret secret, String host, PrintStream log) {
        this.socket = socket;
        this.tcpPort = tcpPort;
        this.workers = workers;
        this.secret = secret;
        this.host = host;
        this.log = log;
        this.thread = new Thread(this::serve, "discovery-" + socket.getLocalPort());
        thread.setDaemon(true);
    }

    /**
     * Binds the UDP socket and starts answering on a daemon thread.
     *
     * @param bind         the wildcard address and the discovery port (0 picks a free one), or one address
     * @param tcpPort      the node's TCP port, sent in each answer
     * @param workers      the node's current number of workers, asked at each answer
     * @param secretOrNull the shared secret, or null for an insecure node
     * @param log          where to write one line per answered query, or null for silence
     */
    public static DiscoveryResponder start(InetSocketAddress bind, int tcpPort, IntSupplier workers, Secret secretOrNull, PrintStream log)
            throws IOException {
        if (tcpPort < 1 || tcpPort > 65535) {
            throw new IllegalArgumentException("TCP port must be 1 to 65535, not " + tcpPort);
        }
        String host = HostName.localOr("unknown");
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.bind(bind);
        } catch (SocketException e) {
            socket.close();
            String message = "cannot bind discovery to UDP " + Discovery.describe(bind) + ": " + e.getMessage();
            throw e instanceof BindException ? new BindException(message) : new SocketException(message);
        }
        DiscoveryResponder responder = new DiscoveryResponder(socket, tcpPort, workers, secretOrNull, host, log);
        responder.thread.start();
        return responder;
    }

    /** The bound UDP port. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Queries answered so far. */
    public long answered() {
        return answered.get();
    }

    /** Datagrams that were not queries (too long, not JSON, wrong type, no nonce), ignored. */
    public long ignored() {
        return ignored.get();
    }

    private void serve() {
        // One byte more than a query may have: a datagram that fills the buffer was too long.
        byte[] buffer = new byte[MAX_QUERY_BYTES + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                String nonce = nonceOf(packet);
                if (nonce == null) {
                    ignored.incrementAndGet();
                } else {
                    answer(nonce, new InetSocketAddress(packet.getAddress(), packet.getPort()));
                }
            } catch (IOException e) {
                // Closed: the loop ends. Otherwise a send failed (the asker went away): that one
                // answer is lost, and the responder goes on with the next query.
            }
        }
    }

    /** The nonce of a well-formed query, or null for anything else. */
    private static String nonceOf(DatagramPacket packet) {
        if (packet.getLength() > MAX_QUERY_BYTES) {
            return null;
        }
        byte[] data = new byte[packet.getLength()];
        System.arraycopy(packet.getData(), packet.getOffset(), data, 0, data.length);
        try {
            Map<String, Object> query = Json.parseObject(data);
            return "discover".equals(query.get("type")) && query.get("nonce") instanceof String nonce
                    && Secret.isNonce(nonce) ? nonce : null;
        } catch (JsonException e) {
            return null;
        }
    }

    private void answer(String nonce, InetSocketAddress asker) throws IOException {
        int w = workers.getAsInt();
        Map<String, Object> here = new LinkedHashMap<>();
        here.put("type", "here");
        here.put("port", tcpPort);
        here.put("workers", w);
        here.put("host", host);
        if (secret == null) {
            here.put("insecure", true);
        } else {
            here.put("proof", proof(secret, nonce, tcpPort, w));
        }
        byte[] reply = Json.writeUtf8(here);
        socket.send(new DatagramPacket(reply, reply.length, asker));
        answered.incrementAndGet();
        if (log != null) {
            log.println("discovery: answered " + Discovery.describe(asker) + " (port " + tcpPort + ", " + w + " workers)");
        }
    }

    /** The proof a "here" answer carries; {@link Discovery} computes it again to check it. */
    static String proof(Secret secret, String nonce, int port, int workers) {
        return secret.hmacHex("here", nonce, String.valueOf(port), String.valueOf(workers));
    }

    /** Stops answering and waits for the thread to end. */
    @Override
    public void close() {
        socket.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
