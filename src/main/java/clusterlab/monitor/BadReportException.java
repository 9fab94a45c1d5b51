package clusterlab.monitor;

/** A report frame that is not a report: not JSON, not an object, or a field missing or out of range. */
public final class BadReportException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadReportException(String message) {
        super(message);
    }
}
