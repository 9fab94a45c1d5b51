package clusterlab.primes;

/** Receives primes one at a time, in ascending order. */
@FunctionalInterface
public interface PrimeSink {
    void prime(long p);
}
