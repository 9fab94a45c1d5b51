package clusterlab.bench;

import clusterlab.life.Grid;
import clusterlab.life.LifeRank;
import clusterlab.life.RowRange;
import clusterlab.life.Soup;
import clusterlab.life.Strip;
import clusterlab.life.Strips;
import clusterlab.mpi.Comm;
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
    private LifeBenchRanks() {
    }

    public static void main(String[] args) {
        int size = Integer.parseInt(args[0]);
        int generations = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Comm comm = Comm.world();
        List<RowRange> ranges = Strips.split(size, comm.size());
        Strip strip = new Strip(LifeBench.soup(size), ranges.get(comm.rank()));
        LifeRank.evolve(comm, strip, LifeBench.warmUp(generations)); // untimed: the JIT compiles the loop
        StringBuilder line = new StringBuilder("RESULT rate");
        for (int r = 0; r < rounds; r++) {
            comm.barrier();
            long start = System.nanoTime();
            LifeRank.evolve(comm, strip, generations);
            comm.barrier();
            double seconds = (System.nanoTime() - start) / 1e9;
            line.append(String.format(Locale.ROOT, " %.6e", (double) size * size * generations / seconds));
        }
        Grid board = LifeRank.gather(comm, strip, ranges);
        if (comm.rank() == 0) {
            System.out.println(line);
            System.out.println("RESULT fingerprint " + board.fingerprint());
        }
    }
}
