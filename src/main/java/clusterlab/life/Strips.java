package clusterlab.life;

import java.util.ArrayList;
import java.util.List;

/**
 * Cutting a board into horizontal strips, one per rank, and putting it back together.
 *
 * <p>Strips run the full width of the board, so each strip has at most two neighbours, above and
 * below, and exchanges one row with each per generation. (Square tiles would send less for very
 * many ranks, but need eight neighbours including the corners: strips are the simple first step.)
 */
public final class Strips {
    private Strips() {
    }

    /**
     * The row ranges of {@code parts} strips covering {@code rows} rows, top to bottom, their sizes
     * differing by at most one row: the first {@code rows % parts} strips get the extra row.
     */
    public static List<RowRange> split(int rows, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("a grid must be split into at least 1 strip, not " + parts);
        }
        if (parts > rows) {
            throw new IllegalArgumentException("a grid of " + rows + " row" + (rows == 1 ? "" : "s")
                    + " cannot be split into " + parts + " strips");
        }
        List<RowRange> ranges = new ArrayList<>();
        int base = rows / parts;
        int extra = rows % parts;
        int first = 0;
        for (int i = 0; i < parts; i++) {
            int size = base + (i < extra ? 1 : 0);
            ranges.add(new RowRange(first, first + size));
            first += size;
        }
        return ranges;
    }

    /** The strips of a whole board, each with a copy of its own rows and no halos yet. */
    public static List<Strip> cut(Grid board, int parts) {
        List<Strip> strips = new ArrayList<>();
        for (RowRange range : split(board.rows(), parts)) {
            strips.add(new Strip(board, range));
        }
        return strips;
    }

    /** The whole board again from its strips, which must cover it top to bottom in order. */
    public static Grid join(List<Strip> strips) {
        Strip firstStrip = strips.get(0);
        byte[][] rows = new byte[firstStrip.boardRows()][];
        int expected = 0;
        for (Strip strip : strips) {
            if (strip.range().first() != expected) {
                throw new IllegalArgumentException("strips must cover the board in order: expected a strip starting at row "
                        + expected + ", found " + strip.range());
            }
            for (int i = 0; i < strip.rowCount(); i++) {
                rows[expected + i] = strip.row(i);
            }
            expected = strip.range().end();
        }
        if (expected != rows.length) {
            throw new IllegalArgumentException("the strips stop at row " + expected + " of " + rows.length);
        }
        return Grid.fromRows(rows, firstStrip.edges());
    }

    /** For each row of the board, the index of the strip (the rank) that owns it. */
    public static int[] owners(List<RowRange> ranges) {
        int[] owner = new int[ranges.get(ranges.size() - 1).end()];
        for (int i = 0; i < ranges.size(); i++) {
            for (int r = ranges.get(i).first(); r < ranges.get(i).end(); r++) {
                owner[r] = i;
            }
        }
        return owner;
    }
}
