package lesson12;

/**
 * Exercise (b): whom a strip trades its halo rows with. Rank r owns strip r; the strip above it
 * belongs to rank r - 1 and the one below to rank r + 1. On a torus the board wraps round: above
 * rank 0 is the last rank, below the last rank is rank 0, and a single rank is its own neighbour on
 * both sides. With dead edges there is nobody above rank 0 or below the last rank: -1.
 *
 * <p>Returns {@code {above, below}}. A size below 1, or a rank outside 0 .. size - 1, is an
 * IllegalArgumentException whose message gives the values.
 */
public final class Halo {
    private Halo() {
    }

    public static int[] neighbours(int rank, int size, boolean torus) {
        // Exercise (b): check the arguments, then work out above and below.
        throw new UnsupportedOperationException("exercise: {rank - 1, rank + 1}, wrapped on a torus, -1 past a dead edge");
    }
}
