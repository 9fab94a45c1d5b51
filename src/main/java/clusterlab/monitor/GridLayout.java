package clusterlab.monitor;

/**
 * Rows and columns of the grid, sized to the cluster. Up to 20 nodes sit in one row. From there the
 * grid keeps the article's 20 columns while that makes at most 3 rows for every 5 columns (240
 * nodes: 12 rows x 20), and beyond that it grows both ways in that 3:5 shape (1,024 nodes: 25 x 42),
 * so a big cluster still fits a screen. Nodes fill it row by row, in address order.
 */
public record GridLayout(int rows, int cols) {
    /** The article's columns: 80 desks of 3 Pis, laid out 12 x 20. */
    public static final int ARTICLE_COLUMNS = 20;

    /** The grid for {@code nodes} nodes; 0 x 0 for none ("Waiting for data..."). */
    public static GridLayout forNodes(int nodes) {
        if (nodes < 0) {
            throw new IllegalArgumentException("a grid for " + nodes + " nodes");
        }
        if (nodes == 0) {
            return new GridLayout(0, 0);
        }
        int cols = nodes <= ARTICLE_COLUMNS ? nodes
                : Math.max(ARTICLE_COLUMNS, (int) Math.ceil(Math.sqrt(nodes * 5.0 / 3.0)));
        return new GridLayout((nodes + cols - 1) / cols, cols);
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** The row of the {@code index}-th node. */
    public int row(int index) {
        return index / cols;
    }

    /** The column of the {@code index}-th node. */
    public int col(int index) {
        return index % cols;
    }
}
