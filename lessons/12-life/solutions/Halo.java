package lesson12;

/** Exercise (b), a reference answer (as clusterlab.life.LifeRank finds its neighbours). */
public final class Halo {
    /** No neighbour: past a dead edge. */
    public static final int NONE = -1;

    private Halo() {
    }

    public static int[] neighbours(int rank, int size, boolean torus) {
        if (size < 1) {
            throw new IllegalArgumentException("a job has at least 1 rank, not " + size);
        }
        if (rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " is not one of the ranks 0 to " + (size - 1));
        }
        if (torus) {
            // + size keeps the remainder positive for rank 0 (Java's % of a negative is negative).
            return new int[] {(rank - 1 + size) % size, (rank + 1) % size};
        }
        return new int[] {rank == 0 ? NONE : rank - 1, rank == size - 1 ? NONE : rank + 1};
    }
}
