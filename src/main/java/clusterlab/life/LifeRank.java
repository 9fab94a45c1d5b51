package clusterlab.life;

import clusterlab.cli.Args;
import clusterlab.cli.UsageException;
import clusterlab.mpi.Comm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Game of Life on every rank of an mpirun job: `clusterlab mpirun -np N life [life options]`.
 * Every rank builds the same starting board (the same pattern, or the same seeded soup), keeps
 * only its strip of rows, and each generation trades edge rows with its neighbours:
 *
 * <pre>
 *   rank r-1 |  ...          |
 *            |  bottom row  -|--(tag DOWN)--> rank r's halo above
 *   rank r   |  top row     -|--(tag UP)----> rank r-1's halo below
 *            |  ...          |
 *            |  bottom row  -|--(tag DOWN)--> rank r+1's halo above
 *   rank r+1 |  top row     -|--(tag UP)----> rank r's halo below
 * </pre>
 *
 * Sends do not wait for the receiver here, so every rank sends first and then receives, and no
 * order of ranks can deadlock. On a torus the first and last ranks are neighbours; with dead
 * edges they have no neighbour on the outer side. One rank is a torus with itself: it sends its
 * rows to itself. At the end, rank 0 gathers the strips and prints the same line as `clusterlab
 * life`, so the fingerprints of runs on different numbers of ranks can be compared.
 */
public final class LifeRank {
    private static final int UP = 1;   // a top row, travelling to the rank above
    private static final int DOWN = 2; // a bottom row, travelling to the rank below

    private LifeRank() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new LifeCommand().options().parse(argv);
        if (args == null) {
            System.out.print(new LifeCommand().options().help());
            return;
        }
        Comm comm = Comm.world();
        int rows = args.integer("rows", 1, 100_000);
        int cols = args.integer("cols", 1, 100_000);
        int generations = args.integer("generations", 0, Integer.MAX_VALUE - 1);
        Edges edges = LifeCommand.edges(args.string("edges"));
        List<RowRange> ranges = ranges(rows, comm.size());
        Strip strip = new Strip(LifeCommand.startBoard(args, rows, cols, edges), ranges.get(comm.rank()));
        evolve(comm, strip, generations);
        Grid board = gather(comm, strip, ranges);
        if (comm.rank() == 0) {
            System.out.println("generation " + generations + ", population " + board.population() + ", fingerprint "
                    + board.fingerprint() + " (" + comm.size() + (comm.size() == 1 ? " rank)" : " ranks)"));
            if (args.string("png") != null) {
                PngSnapshot.write(board, args.integer("cell", 1, BoardImage.MAX_SIDE), Strips.owners(ranges),
                        Path.of(args.string("png")));
            }
        }
    }

    /** Runs this rank's strip for some generations, trading edge rows with the neighbours each time. */
    public static void evolve(Comm comm, Strip strip, int generations) {
        int above = (comm.rank() - 1 + comm.size()) % comm.size();
        int below = (comm.rank() + 1) % comm.size();
        for (int g = 0; g < generations; g++) {
            if (strip.hasNeighbourAbove()) {
                comm.sendBytes(strip.topRow(), above, UP);
            }
            if (strip.hasNeighbourBelow()) {
                comm.sendBytes(strip.bottomRow(), below, DOWN);
            }
            byte[] haloAbove = strip.hasNeighbourAbove() ? comm.recvBytes(above, DOWN) : null;
            byte[] haloBelow = strip.hasNeighbourBelow() ? comm.recvBytes(below, UP) : null;
            strip.setHalos(haloAbove, haloBelow);
            strip.step();
        }
    }

    /** The whole board at rank 0, put together from every rank's strip; null on the other ranks. */
    public static Grid gather(Comm comm, Strip strip, List<RowRange> ranges) {
        List<byte[]> gathered = comm.gather(flatten(strip), 0);
        if (comm.rank() != 0) {
            return null;
        }
        List<Strip> strips = new ArrayList<>();
        for (int r = 0; r < comm.size(); r++) {
            byte[][] rows = unflatten(gathered.get(r), ranges.get(r).count(), strip.cols());
            strips.add(new Strip(ranges.get(r), strip.boardRows(), strip.edges(), rows));
        }
        return Strips.join(strips);
    }

    private static List<RowRange> ranges(int rows, int ranks) throws UsageException {
        try {
            return Strips.split(rows, ranks);
        } catch (IllegalArgumentException e) {
            throw new UsageException("clusterlab life: " + e.getMessage() + " (use fewer ranks or more --rows)");
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
