package clusterlab.mpi;

/**
 * A message-passing call went wrong: a bad rank or tag, ranks calling different collectives, a
 * message of another type than the one asked for. The message names the ranks and tags involved.
 */
public class MpiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MpiException(String message) {
        super(message);
    }

    public MpiException(String message, Throwable cause) {
        super(message, cause);
    }
}
