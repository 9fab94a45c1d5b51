package clusterlab.mpi;

import clusterlab.wire.Connection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;

/**
 * The TCP connections of one rank: one to every other rank (a full mesh), each with a receiver
 * thread that puts arriving messages in the rank's {@link Mailbox}.
 *
 * <p>Setting up, with the rank table from the {@link Rendezvous}: every rank listens on a port of
 * its own, connects to each lower rank and says who it is, and accepts one connection from each
 * higher rank. Rank 2 of 4: connects to 0 and 1, accepts from 3.
 */
final class Mesh {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** How long setup may wait for the other ranks to start and connect. */
    private static final int SETUP_TIMEOUT_MILLIS = 120_000;
    /** The largest message accepted; the ranks trust each other, so this is generous. */
    private static final int MAX_MESSAGE_BYTES = 1 << 30;

    private final int rank;
    private final Connection[] peers;
    private final Mailbox mailbox;
    private volatile boolean closing;

    private Mesh(int rank, Connection[] peers, Mailbox mailbox) {
        this.rank = rank;
        this.peers = peers;
        this.mailbox = mailbox;
    }

    static Mesh connect(int rank, int size, InetSocketAddress rendezvous, Mailbox mailbox) throws IOException {
        Connection[] peers = new Connection[size];
        try (Connection table = Connection.open(rendezvous.getHostString(), rendezvous.getPort(), CONNECT_TIMEOUT_MILLIS)) {
            // Listen on the address that reached the rendezvous: the other ranks can reach it too.
            InetAddress me = table.socket().getLocalAddress();
            try (ServerSocket listener = new ServerSocket(0, size, me)) {
                table.sendJson(Map.of("rank", rank, "host", me.getHostAddress(), "port", listener.getLocalPort()));
                table.setReadTimeout(SETUP_TIMEOUT_MILLIS);
                Map<String, Object> answer = table.receiveJson();
                if (answer == null || !(answer.get("hosts") instanceof List<?> hosts)
                        || !(answer.get("ports") instanceof List<?> ports)) {
                    throw new IOException("rank " + rank + ": the rendezvous sent no rank table: " + answer);
                }
                for (int lower = 0; lower < rank; lower++) {
                    peers[lower] = open((String) hosts.get(lower), ((Number) ports.get(lower)).intValue());
                    peers[lower].sendJson(Map.of("rank", rank));
                }
                listener.setSoTimeout(SETUP_TIMEOUT_MILLIS);
                for (int accepted = rank + 1; accepted < size; accepted++) {
                    Socket socket = listener.accept();
                    socket.setTcpNoDelay(true);
                    Connection c = new Connection(socket, MAX_MESSAGE_BYTES);
                    c.setReadTimeout(SETUP_TIMEOUT_MILLIS);
                    Map<String, Object> hello = c.receiveJson();
                    int higher = hello == null || !(hello.get("rank") instanceof Number n) ? -1 : n.intValue();
                    if (higher <= rank || higher >= size || peers[higher] != null) {
                        c.close();
                        throw new IOException("rank " + rank + ": unexpected hello " + hello);
                    }
                    c.setReadTimeout(0); // from now on a rank may wait for a message as long as it likes
                    peers[higher] = c;
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(peers);
            throw e;
        }
        Mesh mesh = new Mesh(rank, peers, mailbox);
        for (int peer = 0; peer < size; peer++) {
            if (peer != rank) {
                int source = peer;
                Thread t = new Thread(() -> mesh.receive(source), "mpi-rank-" + rank + "-from-" + source);
                t.setDaemon(true);
                t.start();
            }
        }
        return mesh;
    }

    private static Connection open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            // Small messages go out at once instead of waiting to be merged (Nagle's algorithm).
            socket.setTcpNoDelay(true);
            return new Connection(socket, MAX_MESSAGE_BYTES);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The receiver thread of one connection. */
    private void receive(int source) {
        String why;
        try {
            byte[] head = new byte[Message.HEADER_BYTES];
            while (true) {
                byte[] data = peers[source].receive(head); // the data lands in its own array: no copy
                if (data == null) {
                    why = "rank " + source + " died (its connection closed without a goodbye)";
                    break;
                }
                Message m = Message.decode(head, data);
                if (m.kind() == Kind.GOODBYE) {
                    why = "rank " + source + " has finished";
                    break;
                }
                mailbox.deliver(m);
            }
        } catch (IOException e) {
            why = "rank " + source + " died (" + e.getMessage() + ")";
        }
        if (!closing) {
            mailbox.gone(source, why);
        }
    }

    void send(int dest, Message message) {
        if (dest == rank) {
            mailbox.deliver(message);
            return;
        }
        Connection c = peers[dest];
        try {
            synchronized (c) { // one message at a time on a connection, whole
                // Straight to the socket (Connection's frame writer does not buffer either), so
                // that large data is not first copied into a frame: see Message.writeFrame.
                message.writeFrame(c.socket().getOutputStream());
            }
        } catch (IOException e) {
            throw new RankFailedException("rank " + rank + " cannot send to rank " + dest + ": " + e.getMessage());
        }
    }

    /** Says goodbye to every rank, so that they know this one finished on purpose, and closes. */
    void close() {
        closing = true;
        byte[] goodbye = Message.pointToPoint(Kind.GOODBYE, rank, 0, new byte[0]).encode();
        for (Connection c : peers) {
            if (c != null) {
                try {
                    synchronized (c) {
                        c.send(goodbye);
                    }
                } catch (IOException e) {
                    // That rank is gone already; nothing to tell it.
                }
            }
        }
        closeAll(peers);
    }

    /** Closes without a goodbye: the other ranks see this one die. */
    void abort() {
        closing = true;
        closeAll(peers);
    }

    private static void closeAll(Connection[] connections) {
        for (Connection c : connections) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    // Closing: nothing more to do with it.
                }
            }
        }
    }
}
