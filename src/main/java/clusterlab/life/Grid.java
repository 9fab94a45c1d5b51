package clusterlab.life;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A rectangular Game of Life board: {@code rows} x {@code cols} cells, and what lies beyond its
 * {@link Edges}.
 *
 * <p>Each cell is one byte (1 alive, 0 dead), one array per row. Packing 8 cells into a byte
 * would use an eighth of the memory, but then counting neighbours means shifting and masking
 * bits; with a byte per cell the rule is plain addition (see {@link Rules}), a row is exactly
 * what a strip sends its neighbour, and a 1000 x 1000 board is still only 1 MB.
 *
 * <p>{@link #set} changes a board while it is being set up; {@link #step} leaves it as it is and
 * returns the next generation as a new board.
 */
public final class Grid {
    private final int rows;
    private final int cols;
    private final Edges edges;
    private final byte[][] cells;

    /** An all-dead board. */
    public Grid(int rows, int cols, Edges edges) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a grid needs at least 1 row and 1 column, not " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.edges = Objects.requireNonNull(edges, "edges");
        this.cells = new byte[rows][cols];
    }

    /** A board from rows of cells (1 alive, 0 dead), which it copies. */
    static Grid fromRows(byte[][] rows, Edges edges) {
        Grid grid = new Grid(rows.length, rows[0].length, edges);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != grid.cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " cells, not " + grid.cols);
            }
            System.arraycopy(rows[r], 0, grid.cells[r], 0, grid.cols);
        }
        return grid;
    }

    /** A small board drawn as text, one string per row: {@code 'O'} or {@code '#'} alive, anything else dead. */
    public static Grid parse(Edges edges, String... lines) {
        Grid grid = new Grid(lines.length, lines[0].length(), edges);
        for (int r = 0; r < lines.length; r++) {
            for (int c = 0; c < lines[r].length(); c++) {
                char ch = lines[r].charAt(c);
                grid.set(r, c, ch == 'O' || ch == '#');
            }
        }
        return grid;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public Edges edges() {
        return edges;
    }

    public boolean isAlive(int row, int col) {
        return cells[row][col] == 1;
    }

    public void set(int row, int col, boolean alive) {
        cells[row][col] = (byte) (alive ? 1 : 0);
    }

    /** A copy of one row, 1 for alive and 0 for dead. */
    public byte[] row(int row) {
        return cells[row].clone();
    }

    /** The number of live cells. */
    public int population() {
        int count = 0;
        for (byte[] row : cells) {
            for (byte cell : row) {
                count += cell;
            }
        }
        return count;
    }

    /** The next generation, as a new board; this one is unchanged. */
    public Grid step() {
        Grid next = new Grid(rows, cols, edges);
        stepInto(cells, next.cells, edges);
        return next;
    }

    /**
     * The board after {@code generations} steps. It reuses two buffers instead of making a board
     * per generation, so it is also the loop to time for a benchmark (see {@link LifeBenchmark}).
     */
    public Grid after(int generations) {
        byte[][] current = copyOf(cells);
        byte[][] next = new byte[rows][cols];
        for (int g = 0; g < generations; g++) {
            stepInto(current, next, edges);
            byte[][] swap = current;
            current = next;
            next = swap;
        }
        return fromRows(current, edges);
    }

    /** One generation from {@code from} into {@code to}; the halo of the whole board is its wrap or dead rows. */
    private static void stepInto(byte[][] from, byte[][] to, Edges edges) {
        int rows = from.length;
        boolean wrap = edges == Edges.TORUS;
        byte[] dead = new byte[from[0].length];
        for (int r = 0; r < rows; r++) {
            byte[] above = r > 0 ? from[r - 1] : wrap ? from[rows - 1] : dead;
            byte[] below = r < rows - 1 ? from[r + 1] : wrap ? from[0] : dead;
            Rules.stepRow(above, from[r], below, to[r], wrap);
        }
    }

    private static byte[][] copyOf(byte[][] cells) {
        byte[][] copy = new byte[cells.length][];
        for (int r = 0; r < cells.length; r++) {
            copy[r] = cells[r].clone();
        }
        return copy;
    }

    /**
     * SHA-256, in hex, of the board's size and cells: 4 bytes of rows and 4 of columns (big-endian),
     * then the cells row by row, one bit each, first cell in the high bit, the last byte padded
     * with zeros. Equal fingerprints mean equal boards, whichever program or rank computed them.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(new byte[] {
                (byte) (rows >>> 24), (byte) (rows >>> 16), (byte) (rows >>> 8), (byte) rows,
                (byte) (cols >>> 24), (byte) (cols >>> 16), (byte) (cols >>> 8), (byte) cols,
            });
            byte[] packed = new byte[(int) (((long) rows * cols + 7) / 8)];
            long bit = 0;
            for (byte[] row : cells) {
                for (byte cell : row) {
                    if (cell == 1) {
                        packed[(int) (bit >>> 3)] |= (byte) (0x80 >>> (bit & 7));
                    }
                    bit++;
                }
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : sha.digest(packed)) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The board as text, {@code 'O'} alive and {@code '.'} dead, one line per row. */
    public String text() {
        StringBuilder s = new StringBuilder();
        for (byte[] row : cells) {
            for (byte cell : row) {
                s.append(cell == 1 ? 'O' : '.');
            }
            s.append('\n');
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Grid g && g.rows == rows && g.cols == cols && g.edges == edges
                && Arrays.deepEquals(g.cells, cells);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(cells) + rows) + edges.hashCode();
    }

    @Override
    public String toString() {
        return rows + "x" + cols + " " + edges.label() + " grid, population " + population();
    }
}
