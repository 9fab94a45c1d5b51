package clusterlab.bench;

import clusterlab.life.Edges;
import clusterlab.life.Grid;
import clusterlab.life.RowRange;
import clusterlab.life.Soup;
import clusterlab.life.Strip;
import clusterlab.life.Strips;
import clusterlab.mpi.Comm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ranks of {@link LifeBench}, started by {@code clusterlab mpirun}: the generation loop of
 * clusterlab.life.LifeRank (send edge rows, receive halos, step the strip) on a seeded torus soup,
 * timed on rank 0 between barriers. Arguments: SIZE GENERATIONS ROUNDS. Rank 0 prints
 * {@code RESULT rate r1 r2 r3} (cell updates per second of the whole board, per round) and
 * {@code RESULT fingerprint HEX} of the board at the end, for LifeBench to check.
 */
public final class LifeBenchRanks {
    private static final int UP = 1;
    private static final int DOWN = 2;

    private LifeBenchRanks() {
    }

    public static void main(String[] args) {
        int size = Integer.parseInt(args[0]);
        int generations = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Comm comm = Comm.world();
        List<RowRange> ranges = Strips.split(size, comm.size());
        Strip strip = new Strip(LifeBench.soup(size), ranges.get(comm.rank()));
        int above = (comm.rank() - 1 + comm.size()) % comm.size();
        int below = (comm.rank() + 1) % comm.size();

        run(comm, strip, above, below, LifeBench.warmUp(generations)); // untimed: the JIT compiles the loop
        StringBuilder line = new StringBuilder("RESULT rate");
        for (int r = 0; r < rounds; r++) {
            comm.barrier();
            long start = System.nanoTime();
            run(comm, strip, above, below, generations);
            comm.barrier();
            double seconds = (System.nanoTime() - start) / 1e9;
            line.append(String.format(Locale.ROOT, " %.6e", (double) size * size * generations / seconds));
        }
        List<byte[]> gathered = comm.gather(flatten(strip), 0);
        if (comm.rank() == 0) {
            List<Strip> strips = new ArrayList<>();
            for (int r = 0; r < comm.size(); r++) {
                strips.add(new Strip(ranges.get(r), size, Edges.TORUS, unflatten(gathered.get(r), ranges.get(r).count(), size)));
            }
            Grid board = Strips.join(strips);
            System.out.println(line);
            System.out.println("RESULT fingerprint " + board.fingerprint());
        }
    }

    /** LifeRank's loop: every rank sends first, then receives, so no order of ranks deadlocks. */
    private static void run(Comm comm, Strip strip, int above, int below, int generations) {
        for (int g = 0; g < generations; g++) {
            comm.sendBytes(strip.topRow(), above, UP);
            comm.sendBytes(strip.bottomRow(), below, DOWN);
            strip.setHalos(comm.recvBytes(above, DOWN), comm.recvBytes(below, UP));
            strip.step();
        }
    }

    private static byte[] flatten(Strip strip) {
        byte[] flat = new byte[strip.rowCount() * strip.cols()];
        for (int i = 0; i < strip.rowCount(); i++) {
            System.arraycopy(strip.row(i), 0, flat, i * strip.cols(), strip.cols());
        }
        return flat;
    }

    private static byte[][] unflatten(byte[] flat, int rows, int cols) {
        byte[][] out = new byte[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }
}
