package clusterlab.primes;

/**
 * The segmented sieve of Eratosthenes every worker thread runs on its blocks.
 *
 * <p>Only odd numbers are kept, one bit each (bit i stands for 2i + 1), so one long holds
 * 128 numbers. The numbers are sieved a segment at a time: 4096 longs, 32 KiB, the
 * size of a core's first-level data cache, so the crossing-off that dominates the run hits that
 * cache. Each segment starts as a copy of a precomputed pattern with the multiples of 3, 5, 7, 11
 * and 13 already crossed off (the pattern repeats every 3*5*7*11*13 = 15015 longs), then every
 * base prime from 17 up to the square root of the segment's end crosses off its odd multiples,
 * starting where it stopped in the previous segment.
 *
 * <p>Above 2^50 the base primes (up to 2^25) would no longer reach the square root, and a block
 * holds few primes for the many base primes each segment would need, so there each odd number is
 * tested with {@link MillerRabin} instead: correct, and much slower.
 *
 * <p>One instance per thread: it keeps its segment and offsets between calls.
 */
public final class SegmentedSieve {
    static final int SEGMENT_WORDS = 4096;
    private static final int SEGMENT_BITS = SEGMENT_WORDS * 64;
    /** The largest number the sieve itself handles; above it, Miller-Rabin. */
    static final long SIEVE_LIMIT = (long) BasePrimes.LIMIT * BasePrimes.LIMIT;
    /** Index in the base primes of 17, the first prime not in the pattern. */
    private static final int FIRST_CROSSED = 6;

    private final long[] bits = new long[SEGMENT_WORDS];
    private int[] offsets = new int[64];

    /** Calls {@code sink} with every prime from {@code from} to {@code to} (both included), ascending. */
    public void primes(long from, long to, PrimeSink sink) {
        if (from <= 2 && 2 <= to) {
            sink.prime(2);
        }
        if (to > SIEVE_LIMIT) {
            long sieved = Math.min(to, SIEVE_LIMIT);
            if (from <= sieved) {
                sieveOdd(from, sieved, sink);
            }
            testOdd(Math.max(from, SIEVE_LIMIT + 1), to, sink);
        } else {
            sieveOdd(from, to, sink);
        }
    }

    /** How many primes there are from {@code from} to {@code to}, both included. */
    public long count(long from, long to) {
        long[] count = {0};
        if (to > SIEVE_LIMIT) {
            primes(from, to, p -> count[0]++);
            return count[0];
        }
        if (from <= 2 && 2 <= to) {
            count[0]++;
        }
        sieveOdd(from, to, null, count);
        return count[0];
    }

    private void sieveOdd(long from, long to, PrimeSink sink) {
        sieveOdd(from, to, sink, null);
    }

    /**
     * Sieves the odd numbers from max(from, 3) to {@code to}: hands each prime to {@code sink}, or
     * when it is null adds their number to {@code count[0]}.
     */
    private void sieveOdd(long from, long to, PrimeSink sink, long[] count) {
        long firstOdd = Math.max(from, 3) | 1;
        long lastOdd = (to & 1) == 0 ? to - 1 : to;
        if (firstOdd > lastOdd) {
            return;
        }
        long first = firstOdd >>> 1; // bit index of firstOdd
        long last = lastOdd >>> 1;
        int[] base = BasePrimes.upTo((int) Math.max(17, isqrt(lastOdd)));
        int usable = BasePrimes.countUpTo(base, isqrt(lastOdd));
        if (offsets.length < usable) {
            offsets = new int[Math.max(usable, offsets.length * 2)];
        }
        int active = FIRST_CROSSED;
        for (long start = first & ~63L; start <= last; start += SEGMENT_BITS) {
            int words = (int) ((Math.min(last, start + SEGMENT_BITS - 1) - start >>> 6) + 1);
            long segmentLast = 2 * (start + (long) words * 64 - 1) + 1; // the last odd number the segment holds
            Pattern.fill(bits, start >>> 6, words);
            if (start == 0) {
                bits[0] = (bits[0] | 1L) & ~Pattern.SMALL_PRIME_BITS; // 1 is not prime; 3..13 are
            }
            while (active < usable && (long) base[active] * base[active] <= segmentLast) {
                offsets[active] = firstOffset(base[active], start);
                active++;
            }
            cross(base, active, words * 64);
            if (sink == null) {
                count[0] += countClear(start, words, first, last);
            } else {
                emit(start, words, first, last, sink);
            }
        }
    }

    /** Bit offset, from bit {@code start}, of the first odd multiple of p that is at least p * p. */
    private static int firstOffset(int p, long start) {
        long low = 2 * start + 1;
        long square = (long) p * p;
        long multiple;
        if (square >= low) {
            multiple = square;
        } else {
            multiple = (low + p - 1) / p * p;
            if ((multiple & 1) == 0) {
                multiple += p;
            }
        }
        return (int) ((multiple >>> 1) - start);
    }

    /** Crosses off, in the segment's {@code size} bits, the odd multiples of the first {@code active} base primes. */
    private void cross(int[] base, int active, int size) {
        long[] b = bits;
        int[] off = offsets;
        for (int k = FIRST_CROSSED; k < active; k++) {
            int p = base[k];
            int j = off[k];
            for (; j < size; j += p) {
                b[j >>> 6] |= 1L << j;
            }
            off[k] = j - SEGMENT_BITS;
        }
    }

    /** The clear (prime) bits of the segment that lie between bits {@code first} and {@code last}. */
    private int countClear(long start, int words, long first, long last) {
        int n = 0;
        for (int w = 0; w < words; w++) {
            n += Long.bitCount(~bits[w] & mask(start + 64L * w, first, last));
        }
        return n;
    }

    private void emit(long start, int words, long first, long last, PrimeSink sink) {
        for (int w = 0; w < words; w++) {
            long clear = ~bits[w] & mask(start + 64L * w, first, last);
            long wordBase = 2 * (start + 64L * w) + 1;
            while (clear != 0) {
                sink.prime(wordBase + 2L * Long.numberOfTrailingZeros(clear));
                clear &= clear - 1;
            }
        }
    }

    /** The bits of the word starting at bit {@code wordStart} that lie between {@code first} and {@code last}. */
    private static long mask(long wordStart, long first, long last) {
        long m = -1L;
        if (first > wordStart) {
            m <<= first - wordStart;
        }
        if (last < wordStart + 63) {
            m &= -1L >>> (63 - (last - wordStart));
        }
        return m;
    }

    /** Beyond the sieve's reach: each odd number from {@code from} to {@code to}, by Miller-Rabin. */
    private static void testOdd(long from, long to, PrimeSink sink) {
        for (long n = from | 1; n <= to && n > 0; n += 2) {
            if (MillerRabin.isPrime(n)) {
                sink.prime(n);
            }
        }
    }

    /** The largest r with r * r <= n, for n >= 0. */
    static long isqrt(long n) {
        long r = (long) Math.sqrt((double) n);
        while (r * r > n || r > 3_037_000_499L) {
            r--;
        }
        while ((r + 1) <= 3_037_000_499L && (r + 1) * (r + 1) <= n) {
            r++;
        }
        return r;
    }
}
