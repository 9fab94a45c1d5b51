package lesson12;

/**
 * Exercise (c), a reference answer: T(n) = rows * cols * cellNanos / n + 2 * haloMicros * 1000 ns
 * (no halo trade on one rank), speedup T(1) / T(n).
 */
public final class Speedup {
    private Speedup() {
    }

    public static double expected(int rows, int cols, int ranks, double cellNanos, double haloMicros) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a board needs at least 1 row and 1 column, not " + rows + " x " + cols);
        }
        if (ranks < 1 || ranks > rows) {
            throw new IllegalArgumentException("ranks must be 1 to " + rows + " (one row each at least), not " + ranks);
        }
        if (!(cellNanos > 0) || Double.isInfinite(cellNanos)) { // !(x > 0) also refuses NaN
            throw new IllegalArgumentException("the cost of a cell must be a positive number of ns, not " + cellNanos);
        }
        if (!(haloMicros >= 0) || Double.isInfinite(haloMicros)) {
            throw new IllegalArgumentException("the cost of a halo trade must be 0 µs or more, not " + haloMicros);
        }
        return time(rows, cols, 1, cellNanos, haloMicros) / time(rows, cols, ranks, cellNanos, haloMicros);
    }

    /** Nanoseconds per generation on {@code ranks} ranks. */
    private static double time(int rows, int cols, int ranks, double cellNanos, double haloMicros) {
        double compute = (double) rows * cols * cellNanos / ranks; // double first: rows * cols can pass 2^31
        double halo = ranks > 1 ? 2 * haloMicros * 1000 : 0;
        return compute + halo;
    }
}
