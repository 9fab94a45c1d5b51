package clusterlab.life;

import java.util.Arrays;

/**
 * A small arrangement of cells to put on a board, such as a glider: its bounding box,
 * {@code width} columns by {@code height} rows, and which cells in it are alive.
 */
public final class Pattern {
    private final String name;
    private final boolean[][] cells;

    /** {@code cells[row][col]}, which it copies; every row must have the same length. */
    public Pattern(String name, boolean[][] cells) {
        if (cells.length == 0 || cells[0].length == 0) {
            throw new IllegalArgumentException("a pattern needs at least one row and one column");
        }
        this.name = name;
        this.cells = new boolean[cells.length][];
        for (int r = 0; r < cells.length; r++) {
            if (cells[r].length != cells[0].length) {
                throw new IllegalArgumentException("every row of a pattern must have the same length");
            }
            this.cells[r] = cells[r].clone();
        }
    }

    /** What to call it in messages, e.g. {@code glider}; may be empty. */
    public String name() {
        return name;
    }

    public int width() {
        return cells[0].length;
    }

    public int height() {
        return cells.length;
    }

    public boolean isAlive(int row, int col) {
        return cells[row][col];
    }

    public int population() {
        int count = 0;
        for (boolean[] row : cells) {
            for (boolean cell : row) {
                count += cell ? 1 : 0;
            }
        }
        return count;
    }

    /** Sets the pattern's live cells on {@code grid} with its top-left corner at ({@code top}, {@code left}). */
    public void placeAt(Grid grid, int top, int left) {
        if (top < 0 || left < 0 || top + height() > grid.rows() || left + width() > grid.cols()) {
            throw new IllegalArgumentException(describe() + " does not fit in a " + grid.rows() + "x" + grid.cols()
                    + " grid at row " + top + ", column " + left);
        }
        for (int r = 0; r < height(); r++) {
            for (int c = 0; c < width(); c++) {
                if (cells[r][c]) {
                    grid.set(top + r, left + c, true);
                }
            }
        }
    }

    /** A new board of the given size with this pattern in its centre; IllegalArgumentException if it does not fit. */
    public Grid centredIn(int rows, int cols, Edges edges) {
        if (height() > rows || width() > cols) {
            throw new IllegalArgumentException(describe() + " does not fit in a grid of " + rows + " rows x " + cols
                    + " columns: it needs at least --rows " + height() + " --cols " + width());
        }
        Grid grid = new Grid(rows, cols, edges);
        placeAt(grid, (rows - height()) / 2, (cols - width()) / 2);
        return grid;
    }

    private String describe() {
        return (name.isEmpty() ? "the pattern" : "the pattern " + name) + " (" + width() + " wide, " + height() + " high)";
    }

    /** Equal patterns have the same size and live cells; the name does not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Pattern p && Arrays.deepEquals(p.cells, cells);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(cells);
    }

    @Override
    public String toString() {
        return describe();
    }
}
