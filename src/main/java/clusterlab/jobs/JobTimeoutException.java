package clusterlab.jobs;

/** A job ran longer than its time limit, counted from when it was sent to a worker. */
public final class JobTimeoutException extends JobFailedException {
    private static final long serialVersionUID = 1L;

    public JobTimeoutException(String message) {
        super(message);
    }
}
