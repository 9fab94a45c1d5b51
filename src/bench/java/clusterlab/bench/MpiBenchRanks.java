package clusterlab.bench;

import clusterlab.mpi.Comm;
import clusterlab.mpi.Op;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;

/**
 * The ranks of {@link MpiBench}, started by {@code clusterlab mpirun}: {@code pingpong} on 2 ranks,
 * {@code collectives} on 4. Rank 0 prints one line per measurement, {@code RESULT name r1 r2 r3},
 * a figure per round, for MpiBench to read. Every measurement runs once untimed first (warm-up).
 *
 * <p>The bare socket baseline runs between ranks 0 and 1 of the same job: a plain java.net TCP
 * connection over 127.0.0.1 with TCP_NODELAY, fixed-size messages written in one call and read
 * fully, no framing, no threads besides the caller's. In each round it takes turns with the
 * Comm measurements.
 */
public final class MpiBenchRanks {
    static final int ROUNDS = 3;
    static final int SMALL = 8;
    static final int LARGE = 1 << 20;
    private static final int SMALL_TRIPS = 4_000;
    private static final int LARGE_TRIPS = 150;
    private static final int BCASTS = 60;
    private static final int REDUCES = 2_000;
    private static final int TAG = 7;

    private MpiBenchRanks() {
    }

    public static void main(String[] args) throws IOException {
        Comm comm = Comm.world();
        try (Bare bare = Bare.connect(comm)) {
            if (args[0].equals("pingpong")) {
                pingPong(comm, bare);
            } else {
                collectives(comm, bare);
            }
        }
    }

    /** One-way seconds: latency (median round trip / 2) and 1 MiB transfers (mean round trip / 2). */
    private static void pingPong(Comm comm, Bare bare) throws IOException {
        double[][] r = new double[5][ROUNDS];
        for (int round = -1; round < ROUNDS; round++) { // round -1: warm-up
            int trips = round < 0 ? SMALL_TRIPS / 2 : SMALL_TRIPS;
            double[] v = {
                bare.latency(comm, trips),
                commLatency(comm, trips),
                bare.oneWayLarge(comm, LARGE_TRIPS),
                commBytes(comm, LARGE_TRIPS),
                commDoubles(comm, LARGE_TRIPS),
            };
            if (round >= 0) {
                for (int i = 0; i < v.length; i++) {
                    r[i][round] = v[i];
                }
            }
        }
        report(comm, "bare.latency", r[0]);
        report(comm, "comm.latency", r[1]);
        report(comm, "bare.large", r[2]);
        report(comm, "comm.bytes", r[3]);
        report(comm, "comm.doubles", r[4]);
    }

    /** Seconds per operation on 4 ranks, with the bare ping-pong of ranks 0 and 1 in the same rounds. */
    private static void collectives(Comm comm, Bare bare) throws IOException {
        double[][] r = new double[5][ROUNDS];
        byte[] mib = new byte[LARGE];
        Arrays.fill(mib, (byte) 3);
        for (int round = -1; round < ROUNDS; round++) {
            double[] v = new double[5];
            v[0] = comm.rank() < 2 ? bare.latency(comm, SMALL_TRIPS) : 0;
            v[1] = comm.rank() < 2 ? bare.oneWayLarge(comm, LARGE_TRIPS) : 0;
            comm.barrier();
            long start = System.nanoTime();
            for (int i = 0; i < BCASTS; i++) {
                byte[] got = comm.bcast(comm.rank() == 0 ? mib : null, 0);
                if (got.length != LARGE || got[LARGE - 1] != 3) {
                    throw new IllegalStateException("bcast delivered a wrong array");
                }
            }
            comm.barrier();
            v[2] = (System.nanoTime() - start) / 1e9 / BCASTS;
            start = System.nanoTime();
            for (int i = 0; i < REDUCES; i++) {
                double sum = comm.reduce(comm.rank() + 1.0, Op.SUM, 0);
                if (comm.rank() == 0 && sum != comm.size() * (comm.size() + 1) / 2.0) {
                    throw new IllegalStateException("reduce gave " + sum);
                }
            }
            comm.barrier();
            v[3] = (System.nanoTime() - start) / 1e9 / REDUCES;
            start = System.nanoTime();
            for (int i = 0; i < REDUCES; i++) {
                double sum = comm.allreduce(comm.rank() + 1.0, Op.SUM);
                if (sum != comm.size() * (comm.size() + 1) / 2.0) {
                    throw new IllegalStateException("allreduce gave " + sum);
                }
            }
            comm.barrier();
            v[4] = (System.nanoTime() - start) / 1e9 / REDUCES;
            if (round >= 0) {
                for (int i = 0; i < v.length; i++) {
                    r[i][round] = v[i];
                }
            }
        }
        report(comm, "bare.latency", r[0]);
        report(comm, "bare.large", r[1]);
        report(comm, "bcast", r[2]);
        report(comm, "reduce", r[3]);
        report(comm, "allreduce", r[4]);
    }

    private static double commLatency(Comm comm, int trips) {
        byte[] message = new byte[SMALL];
        double[] seconds = new double[trips];
        for (int i = 0; i < trips; i++) {
            long start = System.nanoTime();
            if (comm.rank() == 0) {
                comm.sendBytes(message, 1, TAG);
                message = comm.recvBytes(1, TAG);
            } else if (comm.rank() == 1) {
                comm.sendBytes(comm.recvBytes(0, TAG), 0, TAG);
            }
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return BenchTable.median(seconds) / 2;
    }

    private static double commBytes(Comm comm, int trips) {
        byte[] message = new byte[LARGE];
        long start = System.nanoTime();
        for (int i = 0; i < trips; i++) {
            if (comm.rank() == 0) {
                comm.sendBytes(message, 1, TAG);
                message = comm.recvBytes(1, TAG);
            } else if (comm.rank() == 1) {
                comm.sendBytes(comm.recvBytes(0, TAG), 0, TAG);
            }
        }
        if (message.length != LARGE) {
            throw new IllegalStateException("got " + message.length + " bytes");
        }
        return (System.nanoTime() - start) / 1e9 / trips / 2;
    }

    private static double commDoubles(Comm comm, int trips) {
        double[] message = new double[LARGE / Double.BYTES];
        long start = System.nanoTime();
        for (int i = 0; i < trips; i++) {
            if (comm.rank() == 0) {
                comm.sendDoubles(message, 1, TAG);
                message = comm.recvDoubles(1, TAG);
            } else if (comm.rank() == 1) {
                comm.sendDoubles(comm.recvDoubles(0, TAG), 0, TAG);
            }
        }
        if (message.length != LARGE / Double.BYTES) {
            throw new IllegalStateException("got " + message.length + " doubles");
        }
        return (System.nanoTime() - start) / 1e9 / trips / 2;
    }

    private static void report(Comm comm, String name, double[] rounds) {
        if (comm.rank() == 0) {
            StringBuilder line = new StringBuilder("RESULT ").append(name);
            for (double r : rounds) {
                line.append(' ').append(String.format(Locale.ROOT, "%.6e", r));
            }
            System.out.println(line);
            System.out.flush();
        }
    }

    /** The plain TCP connection between ranks 0 and 1; the other ranks hold none. */
    private static final class Bare implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        private Bare(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            InputStream raw = socket.getInputStream();
            this.in = new DataInputStream(raw);
            this.out = socket.getOutputStream();
        }

        static Bare connect(Comm comm) throws IOException {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            if (comm.rank() == 0) {
                try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
                    server.setSoTimeout(20_000);
                    comm.send(server.getLocalPort(), 1, TAG);
                    Bare bare = new Bare(server.accept());
                    bare.socket.setSoTimeout(20_000);
                    return bare;
                }
            } else if (comm.rank() == 1) {
                int port = comm.<Integer>recv(0, TAG);
                Bare bare = new Bare(new Socket(loopback, port));
                bare.socket.setSoTimeout(20_000);
                return bare;
            }
            return null;
        }

        double latency(Comm comm, int trips) throws IOException {
            byte[] message = new byte[SMALL];
            double[] seconds = new double[trips];
            for (int i = 0; i < trips; i++) {
                long start = System.nanoTime();
                trip(comm, message);
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            return BenchTable.median(seconds) / 2;
        }

        double oneWayLarge(Comm comm, int trips) throws IOException {
            byte[] message = new byte[LARGE];
            long start = System.nanoTime();
            for (int i = 0; i < trips; i++) {
                trip(comm, message);
            }
            return (System.nanoTime() - start) / 1e9 / trips / 2;
        }

        private void trip(Comm comm, byte[] message) throws IOException {
            if (comm.rank() == 0) {
                out.write(message);
                in.readFully(message);
            } else {
                in.readFully(message);
                out.write(message);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
