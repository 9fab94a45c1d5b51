package clusterlab.primes;

import clusterlab.primes.PrimeRange.Block;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The head's checks on a worker's batch, before any of it is accepted. Every prime must lie in the
 * block and come after the one before (so none twice); the count must be the one announced. A
 * sample of the primes, the first and the last among them, must pass {@link MillerRabin}; and a
 * window of {@value #WINDOW} numbers at a random place in the block is sieved here and must match
 * the batch exactly there, which catches a worker that leaves primes out. A block no longer than
 * the window is thus checked completely. One failure rejects the whole batch.
 *
 * <p>One instance per connection: it keeps a sieve for the window.
 */
final class BatchCheck {
    static final int WINDOW = 2048;

    private final int sample;
    private final SegmentedSieve sieve = new SegmentedSieve();
    private final long[] expected = new long[WINDOW / 2 + 1]; // at most one number in two is prime, and 2
    private int expectedCount;

    /** @param sample primes per batch tested with Miller-Rabin; a negative number tests them all */
    BatchCheck(int sample) {
        this.sample = sample;
    }

    /** The batch, checked; or the first thing wrong with it. */
    CheckedBlock check(Block block, long count, byte[] data) throws MalformedBatchException {
        long windowFrom = block.length() <= WINDOW ? block.from()
                : block.from() + ThreadLocalRandom.current().nextLong(block.length() - WINDOW + 1);
        long windowTo = Math.min(block.to(), windowFrom + WINDOW - 1);
        expectedCount = 0;
        sieve.primes(windowFrom, windowTo, p -> expected[expectedCount++] = p);
        long stride = sample < 0 ? 1 : Math.max(1, count / Math.max(1, sample));
        long untilSample = 0; // counts down to the next prime of the sample (no division per prime)

        GapReader primes = new GapReader(data, data.length, block.from());
        long previous = -1;
        long n = 0;
        int matched = 0;
        while (primes.hasNext()) {
            long p = primes.next();
            if (p <= previous) {
                throw new MalformedBatchException(p == previous ? p + " is sent twice" : p + " comes after " + previous
                        + ": not in ascending order");
            }
            if (p > block.to()) {
                throw new MalformedBatchException(p + " is outside the block [" + block.from() + ", " + block.to() + "]");
            }
            if (p >= windowFrom && p <= windowTo) {
                if (matched < expectedCount && expected[matched] < p) {
                    throw new MalformedBatchException("the prime " + expected[matched] + " is missing");
                }
                if (matched == expectedCount || expected[matched] != p) {
                    throw new MalformedBatchException(p + " is not prime");
                }
                matched++;
            }
            if (--untilSample < 0 || n == count - 1) {
                untilSample = stride - 1;
                if (!MillerRabin.isPrime(p)) {
                    throw new MalformedBatchException(p + " is not prime");
                }
            }
            previous = p;
            n++;
        }
        if (n != count) {
            throw new MalformedBatchException("it announced " + count + " primes but sent " + n);
        }
        if (matched < expectedCount) {
            throw new MalformedBatchException("the prime " + expected[matched] + " is missing");
        }
        return new CheckedBlock(block.id(), block.from(), block.length(), count, n == 0 ? 0 : previous, data);
    }
}
