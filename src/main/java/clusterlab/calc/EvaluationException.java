package clusterlab.calc;

/** Evaluating a function failed for a reason that retrying elsewhere will not mend. */
public final class EvaluationException extends Exception {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
