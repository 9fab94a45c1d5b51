package clusterlab.jobs;

/**
 * A job did not give a result: its task threw, it could not run where it was sent, it timed out,
 * or the job server closed first. When the task threw on another process, the message ends with
 * "Remote: " and what it threw, and the stack trace is the task's own, from where it ran.
 */
public class JobFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobFailedException(String message) {
        super(message);
    }

    public JobFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure whose stack trace is {@code trace}: the frames of a task that threw elsewhere. */
    static JobFailedException withTrace(String message, StackTraceElement[] trace) {
        JobFailedException e = new JobFailedException(message);
        e.setStackTrace(trace);
        return e;
    }
}
