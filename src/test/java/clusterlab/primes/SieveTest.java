package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SieveTest {
    private final SegmentedSieve sieve = new SegmentedSieve();

    private List<Long> primes(long from, long to) {
        List<Long> found = new ArrayList<>();
        sieve.primes(from, to, found::add);
        return found;
    }

    /** The primes from..to by BigInteger's test: slow, independent of the code under test. */
    private static List<Long> slowPrimes(long from, long to) {
        List<Long> found = new ArrayList<>();
        for (long n = from; n <= to && n >= 0; n++) {
            if (BigInteger.valueOf(n).isProbablePrime(60)) {
                found.add(n);
            }
        }
        return found;
    }

    @Test
    void countsBelowPowersOfTenAreTheKnownOnes() {
        assertEquals(4, sieve.count(1, 10));
        assertEquals(25, sieve.count(1, 100));
        assertEquals(168, sieve.count(1, 1000));
        assertEquals(78_498, sieve.count(1, 1_000_000));
        assertEquals(664_579, sieve.count(1, 10_000_000));
        assertEquals(5_761_455, sieve.count(0, 100_000_000));
    }

    @Test
    void listingAndCountingAgree() {
        assertEquals(78_498, primes(1, 1_000_000).size());
        assertEquals(sieve.count(123_456_789, 124_000_000), primes(123_456_789, 124_000_000).size());
    }

    @Test
    void tinyRangesAtTheStart() {
        assertEquals(List.of(), primes(0, 0));
        assertEquals(List.of(), primes(1, 1));
        assertEquals(List.of(2L), primes(1, 2));
        assertEquals(List.of(2L), primes(2, 2));
        assertEquals(List.of(3L), primes(3, 3));
        assertEquals(List.of(), primes(4, 4));
        assertEquals(List.of(), primes(9, 9));
        assertEquals(List.of(2L, 3L, 5L, 7L, 11L, 13L, 17L, 19L), primes(0, 20));
        assertEquals(List.of(13L, 17L), primes(13, 17));
        assertEquals(0, sieve.count(1, 1));
        assertEquals(1, sieve.count(2, 2));
    }

    @Test
    void rangesAcrossSegmentEdgesMatchTheSlowTest() {
        long segment = 2L * 64 * SegmentedSieve.SEGMENT_WORDS; // numbers in one segment
        for (long edge : new long[] {segment, 2 * segment, 7 * segment, 1_000_000_000L - 1_000_000_000L % segment}) {
            assertEquals(slowPrimes(edge - 300, edge + 300), primes(edge - 300, edge + 300), "around " + edge);
            assertEquals(slowPrimes(edge - 1, edge + 1), primes(edge - 1, edge + 1), "at " + edge);
        }
    }

    @Test
    void randomWindowsMatchTheSlowTest() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 40; i++) {
            long from = i < 20 ? random.nextLong(0, 10_000) : random.nextLong(0, 1L << 45);
            long to = from + random.nextLong(0, 3_000);
            assertEquals(slowPrimes(from, to), primes(from, to), from + ":" + to);
        }
    }

    @Test
    void largeNumbersBeyondTheSieveUseMillerRabin() {
        long limit = SegmentedSieve.SIEVE_LIMIT;
        assertEquals(slowPrimes(limit - 500, limit + 500), primes(limit - 500, limit + 500));
        assertEquals(slowPrimes(Long.MAX_VALUE - 300, Long.MAX_VALUE), primes(Long.MAX_VALUE - 300, Long.MAX_VALUE));
        List<Long> top = primes(Long.MAX_VALUE - 300, Long.MAX_VALUE);
        assertEquals(9_223_372_036_854_775_783L, top.get(top.size() - 1), "the largest prime below 2^63");
    }

    @Test
    void aSieveIsReusableFromRangeToRange() {
        assertEquals(1_229, sieve.count(1, 10_000));
        assertEquals(78_498, sieve.count(1, 1_000_000));
        assertEquals(1_229, sieve.count(1, 10_000));
        assertEquals(slowPrimes(999_000, 1_001_000), primes(999_000, 1_001_000));
    }
}
