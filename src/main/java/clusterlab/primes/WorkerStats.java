package clusterlab.primes;

/**
 * What one worker has done, as a view shows it: a worker is a name (one per process), with one
 * connection per thread. {@code busyNanos} adds up the time its connections spent on blocks, so a
 * worker with two threads busy for a second has two seconds; {@code activeNanos} runs from its
 * arrival to its last block.
 */
public record WorkerStats(String name, String address, int threads, int connections, long blocks,
        long numbers, long primes, long busyNanos, long activeNanos, long rejected) {

    /** Numbers sieved per second from the worker's arrival to its last block, all threads together. */
    public double rate() {
        return activeNanos == 0 ? 0 : numbers / (activeNanos / 1e9);
    }

    /** Numbers sieved per second while a connection of the worker was busy, per thread. */
    public double busyRate() {
        return busyNanos == 0 ? 0 : numbers / (busyNanos / 1e9);
    }
}
