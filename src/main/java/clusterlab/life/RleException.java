package clusterlab.life;

/** A mistake in an RLE pattern, with where it is: the message starts "line L, column C: ". */
public final class RleException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public RleException(int line, int column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** Counted from 1. */
    public int line() {
        return line;
    }

    /** Counted from 1. */
    public int column() {
        return column;
    }
}
