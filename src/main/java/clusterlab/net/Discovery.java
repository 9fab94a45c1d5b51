package clusterlab.net;

import clusterlab.wire.Json;
import clusterlab.wire.JsonException;
import clusterlab.wire.Secret;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The client side of UDP discovery: one query, to a broadcast address or to one host, and the
 * answers of the {@link DiscoveryResponder}s that heard it. UDP may lose a datagram, so a node that
 * does not answer one query may answer the next; and any machine can send an answer, which is why
 * an answer counts only with a proof made from the shared secret and this query's fresh nonce.
 */
public final class Discovery {
    /** The most nodes one query returns. */
    public static final int MAX_NODES = 4096;
    /** The most rejected answers reported one by one; the rest are counted in one last line. */
    static final int MAX_REPORTED = 100;
    private static final int MAX_REPLY_BYTES = 1024;
    private static final int MAX_HOST_LENGTH = 255;

    /** A node that answered: its TCP address (the answer's source address and its "port"). */
    public record Found(InetSocketAddress node, int workers, String host) {
    }

    private Discovery() {
    }

    /**
     * Sends one query to {@code target} (a broadcast address such as 255.255.255.255:60000, or one
     * host such as 127.0.0.1:60000), collects the answers that arrive within {@code wait}, and
     * returns the nodes whose answers check: with a secret, only those with a correct proof;
     * without, only insecure ones. Each answer that fails is reported to {@code rejected} as one
     * line, e.g. "ignored 127.0.0.1:60001: wrong secret".
     *
     * @return the nodes in the order they answered, each once
     */
    public static List<Found> find(InetSocketAddress target, Secret secret, Duration wait, Consumer<String> rejected)
            throws IOException {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative, not " + wait);
        }
        String nonce = Secret.nonce();
        byte[] query = Json.writeUtf8(Map.of("type", "discover", "nonce", nonce));
        Map<InetSocketAddress, Found> found = new LinkedHashMap<>();
        int rejections = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            socket.send(new DatagramPacket(query, query.length, target));
            byte[] buffer = new byte[MAX_REPLY_BYTES + 1];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            long deadline = System.nanoTime() + wait.toNanos();
            while (found.size() < MAX_NODES) {
                long left = Math.max(0, deadline - System.nanoTime()) / 1_000_000;
                if (left == 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                packet.setLength(buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                InetSocketAddress from = new InetSocketAddress(packet.getAddress(), packet.getPort());
                try {
                    Found node = check(packet, nonce, secret);
                    found.putIfAbsent(node.node(), node);
                } catch (Rejected r) {
                    if (++rejections <= MAX_REPORTED) {
                        rejected.accept("ignored " + describe(from) + ": " + r.getMessage());
                    }
                }
            }
        }
        if (rejections > MAX_REPORTED) {
            rejected.accept("ignored " + (rejections - MAX_REPORTED) + " more answers");
        }
        return new ArrayList<>(found.values());
    }

    /** Why one answer was not accepted. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The node an answer describes, if the answer is well formed and its proof checks. */
    private static Found check(DatagramPacket packet, String nonce, Secret secret) throws Rejected {
        if (packet.getLength() > MAX_REPLY_BYTES) {
            throw new Rejected("answer longer than " + MAX_REPLY_BYTES + " bytes");
        }
        byte[] data = new byte[packet.getLength()];
        System.arraycopy(packet.getData(), packet.getOffset(), data, 0, data.length);
        Map<String, Object> here;
        try {
            here = Json.parseObject(data);
        } catch (JsonException e) {
            throw new Rejected("not a discovery answer: " + e.getMessage());
        }
        if (!"here".equals(here.get("type"))) {
            throw new Rejected("not a discovery answer (type is not \"here\")");
        }
        int port = number(here, "port", 1, 65535);
        int workers = number(here, "workers", 0, Integer.MAX_VALUE);
        if (!(here.get("host") instanceof String host && isHostName(host))) {
            throw new Rejected("\"host\" must be 1 to " + MAX_HOST_LENGTH + " printable characters");
        }
        boolean insecure = Boolean.TRUE.equals(here.get("insecure"));
        if (secret == null && !insecure) {
            throw new Rejected("the node requires a shared secret and this query has none");
        }
        if (secret != null) {
            if (insecure) {
                throw new Rejected("the node runs without a shared secret (insecure)");
            }
            Object proof = here.get("proof");
            if (!Secret.matches(DiscoveryResponder.proof(secret, nonce, port, workers), proof instanceof String s ? s : null)) {
                throw new Rejected("wrong secret");
            }
        }
        return new Found(new InetSocketAddress(packet.getAddress(), port), workers, host);
    }

    private static int number(Map<String, Object> here, String field, int min, int max) throws Rejected {
        if (here.get(field) instanceof Long n && n >= min && n <= max) {
            return n.intValue();
        }
        throw new Rejected("\"" + field + "\" must be a whole number from " + min + " to " + max);
    }

    private static boolean isHostName(String host) {
        return !host.isEmpty() && host.length() <= MAX_HOST_LENGTH && host.codePoints().noneMatch(Character::isISOControl);
    }

    /** "127.0.0.1:60000": an address as a log line shows it, without a name lookup. */
    static String describe(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }
}
