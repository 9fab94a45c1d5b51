package clusterlab.life;

/**
 * One rank's share of the board: a run of whole rows, plus a halo row above and below that are
 * copies of the neighbours' edge rows. Each generation a rank
 * <ol>
 *   <li>sends {@link #topRow()} to the strip above and {@link #bottomRow()} to the strip below,</li>
 *   <li>receives their rows and hands them to {@link #setHalos},</li>
 *   <li>calls {@link #step()}.</li>
 * </ol>
 * The halos are all a strip needs to know about the rest of the board: a cell's neighbours are at
 * most one row away. This class does no networking; {@link StripBoard} exchanges halos between
 * strips in one JVM by plain method calls.
 *
 * <p>With wrapping edges the first strip's neighbour above is the last strip (and with a single
 * strip, itself: its halos are its own last and first rows). With dead edges the first strip has
 * no neighbour above and the last none below: that halo is all dead.
 */
public final class Strip {
    private final RowRange range;
    private final int boardRows;
    private final Edges edges;
    private byte[][] rows;
    private byte[][] next;
    private byte[] haloAbove;
    private byte[] haloBelow;

    /** The strip of {@code board} covering {@code range}, with a copy of those rows. */
    public Strip(Grid board, RowRange range) {
        this(range, board.rows(), board.edges(), rowsOf(board, range));
    }

    /** A strip from rows received from elsewhere (copied): {@code rows.length} must be {@code range.count()}. */
    public Strip(RowRange range, int boardRows, Edges edges, byte[][] rows) {
        if (range.end() > boardRows) {
            throw new IllegalArgumentException(range + " is outside a board of " + boardRows + " rows");
        }
        if (rows.length != range.count()) {
            throw new IllegalArgumentException(range + " needs " + range.count() + " rows, not " + rows.length);
        }
        this.range = range;
        this.boardRows = boardRows;
        this.edges = edges;
        this.rows = new byte[rows.length][];
        this.next = new byte[rows.length][rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("all rows of a strip must have the same length");
            }
            this.rows[i] = rows[i].clone();
        }
    }

    private static byte[][] rowsOf(Grid board, RowRange range) {
        byte[][] rows = new byte[range.count()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = board.row(range.first() + i);
        }
        return rows;
    }

    public RowRange range() {
        return range;
    }

    /** How many rows this strip owns. */
    public int rowCount() {
        return rows.length;
    }

    public int cols() {
        return rows[0].length;
    }

    /** How many rows the whole board has. */
    public int boardRows() {
        return boardRows;
    }

    public Edges edges() {
        return edges;
    }

    /** False only for the top strip of a dead-edged board: its halo above is always dead. */
    public boolean hasNeighbourAbove() {
        return edges == Edges.TORUS || range.first() > 0;
    }

    /** False only for the bottom strip of a dead-edged board: its halo below is always dead. */
    public boolean hasNeighbourBelow() {
        return edges == Edges.TORUS || range.end() < boardRows;
    }

    /** A copy of this strip's first row: what the strip above needs as its halo below. */
    public byte[] topRow() {
        return rows[0].clone();
    }

    /** A copy of this strip's last row: what the strip below needs as its halo above. */
    public byte[] bottomRow() {
        return rows[rows.length - 1].clone();
    }

    /** A copy of one of this strip's own rows, 0 being its first. */
    public byte[] row(int i) {
        return rows[i].clone();
    }

    public boolean isAlive(int i, int col) {
        return rows[i][col] == 1;
    }

    public int population() {
        int count = 0;
        for (byte[] row : rows) {
            for (byte cell : row) {
                count += cell;
            }
        }
        return count;
    }

    /**
     * The halos for the next {@link #step()}: {@code above} is the bottom row of the strip above,
     * {@code below} the top row of the strip below. Where there is no neighbour (the outer side of
     * a dead-edged board) pass null, or an all-dead row; a live cell there would be a bug.
     */
    public void setHalos(byte[] above, byte[] below) {
        this.haloAbove = checkHalo("above", above, hasNeighbourAbove());
        this.haloBelow = checkHalo("below", below, hasNeighbourBelow());
    }

    private byte[] checkHalo(String side, byte[] halo, boolean hasNeighbour) {
        if (halo == null) {
            if (hasNeighbour) {
                throw new IllegalArgumentException("the strip of " + range + " has a neighbour " + side
                        + ": its halo " + side + " must be that neighbour's row, not null");
            }
            return new byte[cols()];
        }
        if (halo.length != cols()) {
            throw new IllegalArgumentException("the halo " + side + " has " + halo.length + " cells; the strip of "
                    + range + " is " + cols() + " wide");
        }
        if (!hasNeighbour) {
            for (byte cell : halo) {
                if (cell != 0) {
                    throw new IllegalArgumentException("the strip of " + range + " is at the dead edge of the board: its halo "
                            + side + " must be all dead");
                }
            }
        }
        return halo.clone();
    }

    /**
     * Computes the next generation of this strip's own rows from them and the halos, which are
     * then used up: the next step needs the neighbours' new rows, so {@link #setHalos} again.
     */
    public void step() {
        if (haloAbove == null || haloBelow == null) {
            throw new IllegalStateException("the strip of " + range + " has no halos for this generation: call setHalos first");
        }
        boolean wrap = edges == Edges.TORUS;
        int last = rows.length - 1;
        for (int i = 0; i <= last; i++) {
            byte[] above = i > 0 ? rows[i - 1] : haloAbove;
            byte[] below = i < last ? rows[i + 1] : haloBelow;
            Rules.stepRow(above, rows[i], below, next[i], wrap);
        }
        byte[][] swap = rows;
        rows = next;
        next = swap;
        haloAbove = null;
        haloBelow = null;
    }
}
