package clusterlab.life;

import java.util.Random;

/** A "soup": a board filled at random, the same board for the same seed on every JVM. */
public final class Soup {
    private Soup() {
    }

    /**
     * Each cell alive with probability {@code density}, drawn row by row from {@code new Random(seed)}.
     * java.util.Random's algorithm is fixed by its specification, so every rank and every JDK
     * builds the same soup from the same seed.
     */
    public static Grid random(int rows, int cols, Edges edges, long seed, double density) {
        if (!(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException("density must be from 0 to 1, not " + density);
        }
        Random random = new Random(seed);
        Grid grid = new Grid(rows, cols, edges);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                grid.set(r, c, random.nextDouble() < density);
            }
        }
        return grid;
    }
}
