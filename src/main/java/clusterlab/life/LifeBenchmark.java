package clusterlab.life;

/**
 * How fast one thread steps a board: {@code java -cp build/classes clusterlab.life.LifeBenchmark
 * [SIZE [GENERATIONS]]} times {@link Grid#after} on a SIZE x SIZE torus soup (default 1000 x 1000,
 * 100 generations) and prints cell updates per second, the number to compare with N ranks.
 */
public final class LifeBenchmark {
    private LifeBenchmark() {
    }

    /** Cell updates per second for {@code generations} steps of {@code board}, timed after a warm-up. */
    public static double cellUpdatesPerSecond(Grid board, int generations) {
        board.after(Math.max(1, generations / 5)); // let the JIT compile the loop before timing it
        long start = System.nanoTime();
        Grid end = board.after(generations);
        long nanos = System.nanoTime() - start;
        if (end.rows() != board.rows()) {
            throw new AssertionError(); // uses the result, so the work cannot be optimised away
        }
        return (double) board.rows() * board.cols() * generations / (nanos / 1e9);
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int generations = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Grid soup = Soup.random(size, size, Edges.TORUS, 1, 0.3);
        for (int round = 1; round <= 3; round++) {
            double rate = cellUpdatesPerSecond(soup, generations);
            System.out.printf("%dx%d torus soup, %d generations, 1 thread: %.0f million cell updates per second%n",
                    size, size, generations, rate / 1e6);
        }
    }
}
