package clusterlab.monitor;

/** A well-formed report the model refuses: it claims another node's square, or the grid is full. */
public final class ReportRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReportRejectedException(String message) {
        super(message);
    }
}
