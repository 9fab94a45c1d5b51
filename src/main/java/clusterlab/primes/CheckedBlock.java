package clusterlab.primes;

/**
 * A block's primes that passed the head's checks, still encoded as gaps ({@link GapEncoder}):
 * {@code count} primes from {@code from}, the largest {@code largest} (0 when there are none).
 */
record CheckedBlock(long id, long from, long numbers, long count, long largest, byte[] data) {
}
