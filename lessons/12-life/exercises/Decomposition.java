package lesson12;

import clusterlab.life.RowRange;
import java.util.List;

/**
 * Exercise (a): cut a board of {@code rows} rows into {@code parts} horizontal strips, one per
 * rank, top to bottom. The strips cover every row once, in order; their sizes differ by at most
 * one row, and the first strips are the larger: 10 rows in 4 parts are rows 0-2, 3-5, 6-7, 8-9,
 * that is {@code RowRange(0, 3), RowRange(3, 6), RowRange(6, 8), RowRange(8, 10)} (first
 * inclusive, end exclusive).
 *
 * <p>Fewer than 1 part, or more parts than rows (a strip needs at least one row), is an
 * IllegalArgumentException whose message gives the numbers.
 */
public final class Decomposition {
    private Decomposition() {
    }

    public static List<RowRange> split(int rows, int parts) {
        // Exercise (a): check the arguments, then give each part rows / parts rows, and one more to
        // the first rows % parts parts.
        throw new UnsupportedOperationException("exercise: parts strips of rows/parts rows, the first rows%parts one row longer");
    }
}
