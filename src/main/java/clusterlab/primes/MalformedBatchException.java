package clusterlab.primes;

/** A worker's batch of primes that the head cannot accept; the message says what was wrong with it. */
final class MalformedBatchException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedBatchException(String message) {
        super(message);
    }
}
