package clusterlab.mpi;

/**
 * Another rank died or finished, so a message this rank waits for can never come. A rank that
 * fails only because of this is a victim, not the cause: mpirun reports the rank that failed first.
 */
public final class RankFailedException extends MpiException {
    private static final long serialVersionUID = 1L;

    public RankFailedException(String message) {
        super(message);
    }
}
