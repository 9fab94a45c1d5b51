package lesson12;

import clusterlab.life.RowRange;
import java.util.ArrayList;
import java.util.List;

/** Exercise (a), a reference answer (clusterlab.life.Strips.split does the same). */
public final class Decomposition {
    private Decomposition() {
    }

    public static List<RowRange> split(int rows, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("a board must be split into at least 1 strip, not " + parts);
        }
        if (parts > rows) {
            throw new IllegalArgumentException("a board of " + rows + " rows cannot be split into " + parts
                    + " strips: each strip needs at least one row");
        }
        List<RowRange> strips = new ArrayList<>();
        int base = rows / parts;   // every strip gets this many rows
        int extra = rows % parts;  // and the first `extra` strips one more
        int first = 0;
        for (int i = 0; i < parts; i++) {
            int size = base + (i < extra ? 1 : 0);
            strips.add(new RowRange(first, first + size));
            first += size;
        }
        return strips;
    }
}
