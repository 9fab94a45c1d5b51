package clusterlab.cli;

/** A mistake on the command line: the message is printed as one line and the exit status is 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
