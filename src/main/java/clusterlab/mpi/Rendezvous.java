package clusterlab.mpi;

import clusterlab.wire.Connection;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the ranks of a job meet before they connect to each other: mpirun runs one. Each rank
 * connects and says {@code {"rank": 2, "host": "10.77.0.3", "port": 41234}}; once all have, each
 * gets the whole table {@code {"hosts": [...], "ports": [...]}} and the rendezvous closes.
 */
final class Rendezvous implements Closeable {
    private final ServerSocket server;
    private final int size;
    private final long timeoutMillis;

    private Rendezvous(ServerSocket server, int size, long timeoutMillis) {
        this.server = server;
        this.size = size;
        this.timeoutMillis = timeoutMillis;
    }

    /** Listens on {@code address} (port chosen by the system) and serves one job in a background thread. */
    static Rendezvous start(InetAddress address, int size, long timeoutMillis) throws IOException {
        Rendezvous r = new Rendezvous(new ServerSocket(0, size, address), size, timeoutMillis);
        Thread t = new Thread(r::serve, "mpi-rendezvous");
        t.setDaemon(true);
        t.start();
        return r;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    private void serve() {
        Connection[] ranks = new Connection[size];
        String[] hosts = new String[size];
        long[] ports = new long[size];
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try {
            for (int joined = 0; joined < size; joined++) {
                server.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                Connection c = new Connection(server.accept());
                c.setReadTimeout(10_000);
                Map<String, Object> hello = c.receiveJson();
                int rank = hello != null && hello.get("rank") instanceof Number n ? n.intValue() : -1;
                if (rank < 0 || rank >= size || ranks[rank] != null
                        || !(hello.get("host") instanceof String host) || !(hello.get("port") instanceof Number port)) {
                    c.close();
                    joined--; // not a rank of this job: ignore it
                    continue;
                }
                ranks[rank] = c;
                hosts[rank] = host;
                ports[rank] = port.longValue();
            }
            List<Long> portList = new ArrayList<>();
            for (long p : ports) {
                portList.add(p);
            }
            Map<String, Object> table = Map.of("hosts", Arrays.asList(hosts), "ports", portList);
            for (Connection c : ranks) {
                c.sendJson(table);
            }
        } catch (SocketTimeoutException e) {
            // Not every rank came in time; the ranks that did time out waiting for the table.
        } catch (IOException e) {
            // Closed by mpirun, or a rank vanished: the ranks time out and mpirun reports them.
        } finally {
            for (Connection c : ranks) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (IOException e) {
                        // Done with it either way.
                    }
                }
            }
            close();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Nothing listens any more either way.
        }
    }
}
