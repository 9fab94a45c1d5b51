package clusterlab.life;

/** Rows {@code first} (inclusive) to {@code end} (exclusive) of a board: the rows one strip owns. */
public record RowRange(int first, int end) {
    public RowRange {
        if (first < 0 || end <= first) {
            throw new IllegalArgumentException("a row range needs 0 <= first < end, not " + first + " to " + end);
        }
    }

    /** How many rows. */
    public int count() {
        return end - first;
    }

    public boolean contains(int row) {
        return row >= first && row < end;
    }

    @Override
    public String toString() {
        return "rows " + first + "-" + (end - 1);
    }
}
