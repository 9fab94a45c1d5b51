package clusterlab.life;

/**
 * Conway's rule B3/S23, one row at a time. Both {@link Grid} and {@link Strip} step through this
 * one method, so a board split into strips follows exactly the same arithmetic as the whole board;
 * the only thing that differs is where the rows above and below come from.
 *
 * <p>A cell is a byte, 1 for alive and 0 for dead, so neighbours can simply be added up.
 */
final class Rules {
    private Rules() {
    }

    /** The next state of one cell: born with exactly 3 neighbours, survives with 2 or 3. */
    static byte next(byte alive, int neighbours) {
        return (byte) (neighbours == 3 || (neighbours == 2 && alive == 1) ? 1 : 0);
    }

    /**
     * Writes into {@code out} the next generation of {@code row}, given the rows just above and
     * below it (which may be halo rows belonging to another strip). When {@code wrap} is true the
     * column left of column 0 is the last column, and the other way round; otherwise it is dead.
     */
    static void stepRow(byte[] above, byte[] row, byte[] below, byte[] out, boolean wrap) {
        int cols = row.length;
        int last = cols - 1;
        // Slide a window of three column sums (above + row + below) along the row: each column is
        // summed once, and a cell's neighbours are the window's total minus the cell itself.
        int left = wrap ? above[last] + row[last] + below[last] : 0;
        int middle = above[0] + row[0] + below[0];
        for (int c = 0; c < cols; c++) {
            int right;
            if (c < last) {
                right = above[c + 1] + row[c + 1] + below[c + 1];
            } else {
                right = wrap ? above[0] + row[0] + below[0] : 0;
            }
            out[c] = next(row[c], left + middle + right - row[c]);
            left = middle;
            middle = right;
        }
    }
}
