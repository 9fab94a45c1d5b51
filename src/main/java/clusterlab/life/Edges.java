package clusterlab.life;

import java.util.Locale;

/** What lies beyond the board's edges. */
public enum Edges {
    /** The board wraps around: the row above the top row is the bottom row, and likewise for columns. */
    TORUS,
    /** Beyond the edges every cell is dead, forever. */
    DEAD;

    /** The name used on the command line: {@code torus} or {@code dead}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code torus} or {@code dead}; throws IllegalArgumentException naming both otherwise. */
    public static Edges parse(String text) {
        for (Edges edges : values()) {
            if (edges.label().equals(text)) {
                return edges;
            }
        }
        throw new IllegalArgumentException("edges must be torus or dead, not '" + text + "'");
    }
}
