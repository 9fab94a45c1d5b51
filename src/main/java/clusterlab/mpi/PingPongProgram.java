package clusterlab.mpi;

/**
 * `mpirun -np 2 pingpong`: ranks 0 and 1 send a message back and forth. Half the round trip of
 * 8 bytes is the latency; 1 MiB each way gives the bandwidth. Other ranks just wait.
 */
public final class PingPongProgram {
    private static final int TAG = 0;

    private PingPongProgram() {
    }

    public static void main(String[] args) {
        Comm comm = Comm.world();
        if (comm.size() < 2) {
            throw new MpiException("pingpong needs at least 2 ranks, not " + comm.size());
        }
        double latency = roundTripSeconds(comm, 8, 2000) / 2;
        int mib = 1 << 20;
        double oneWay = roundTripSeconds(comm, mib, 30) / 2;
        if (comm.rank() == 0) {
            System.out.printf("latency   (8 bytes):  %8.1f us one way%n", latency * 1e6);
            System.out.printf("bandwidth (1 MiB):    %8.1f MB/s (%.2f ms one way)%n", mib / oneWay / 1e6, oneWay * 1e3);
        }
    }

    /** Seconds per round trip of a {@code bytes} message, after a few untimed rounds to warm up. */
    private static double roundTripSeconds(Comm comm, int bytes, int rounds) {
        byte[] message = new byte[bytes];
        int warmUp = Math.max(1, rounds / 10);
        long start = 0;
        for (int i = -warmUp; i < rounds; i++) {
            if (i == 0) {
                start = System.nanoTime();
            }
            if (comm.rank() == 0) {
                comm.sendBytes(message, 1, TAG);
                comm.recvBytes(1, TAG);
            } else if (comm.rank() == 1) {
                comm.sendBytes(comm.recvBytes(0, TAG), 0, TAG);
            }
        }
        return (System.nanoTime() - start) / 1e9 / rounds;
    }
}
