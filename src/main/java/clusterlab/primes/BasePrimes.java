package clusterlab.primes;

import java.util.Arrays;

/**
 * The small primes a segmented sieve crosses off with: every prime up to the square root of the
 * largest number sieved. Computed once per process with a plain sieve of Eratosthenes and shared by
 * every thread; the table grows (doubling) when a larger block needs more.
 */
final class BasePrimes {
    /** The largest base prime kept: enough to sieve numbers up to 2^50 (see {@link SegmentedSieve}). */
    static final int LIMIT = 1 << 25;

    private static int[] primes = {};
    private static int coveredUpTo;

    private BasePrimes() {
    }

    /** Every prime up to at least {@code limit} (at most {@link #LIMIT}), ascending; do not modify. */
    static synchronized int[] upTo(int limit) {
        if (limit > LIMIT) {
            throw new IllegalArgumentException("base primes up to " + limit + " asked for; the table stops at " + LIMIT);
        }
        if (limit > coveredUpTo) {
            int grown = Math.max(limit, Math.min(LIMIT, Math.max(1 << 16, coveredUpTo * 2)));
            primes = sieve(grown);
            coveredUpTo = grown;
        }
        return primes;
    }

    /** How many of {@code primes} are at most {@code limit}. */
    static int countUpTo(int[] primes, long limit) {
        int i = Arrays.binarySearch(primes, (int) Math.min(limit, Integer.MAX_VALUE));
        return i >= 0 ? i + 1 : -i - 1;
    }

    private static int[] sieve(int limit) {
        boolean[] composite = new boolean[limit + 1];
        int[] found = new int[Math.max(16, (int) (1.3 * limit / Math.log(Math.max(limit, 3))) + 16)];
        int n = 0;
        for (int i = 2; i <= limit; i++) {
            if (!composite[i]) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = i;
                for (long j = (long) i * i; j <= limit; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        return Arrays.copyOf(found, n);
    }
}
