package lesson12;

/**
 * Exercise (c): what speedup to expect from N ranks, with a simple model of one generation.
 * <ul>
 *   <li>Computing: every cell costs {@code cellNanos} ns, and the ranks share the cells, so a
 *       generation's computing takes rows * cols * cellNanos / ranks ns.</li>
 *   <li>Talking: with more than one rank, each rank trades a halo row with its two neighbours
 *       every generation, and each trade costs {@code haloMicros} µs: 2 * haloMicros * 1000 ns.
 *       One rank trades nothing.</li>
 * </ul>
 * The time of a generation on N ranks is T(N) = rows * cols * cellNanos / N + (N > 1 ? 2 *
 * haloMicros * 1000 : 0), and the speedup T(1) / T(N). The computing shrinks with N but the halo
 * trades do not, so the speedup levels off below T(1) / (2 * haloMicros * 1000), however many
 * ranks. Compare the model with {@code make bench}'s measured times.
 *
 * <p>rows, cols and ranks below 1, more ranks than rows, and costs that are negative, NaN or
 * infinite (or a cell cost of 0) are an IllegalArgumentException whose message gives the value.
 */
public final class Speedup {
    private Speedup() {
    }

    public static double expected(int rows, int cols, int ranks, double cellNanos, double haloMicros) {
        // Exercise (c): check the arguments, then return T(1) / T(ranks).
        throw new UnsupportedOperationException("exercise: T(1) / T(ranks), T(n) = cells * cellNanos / n + 2 * haloMicros * 1000");
    }
}
