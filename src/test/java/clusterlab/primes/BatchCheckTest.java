package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.primes.PrimeRange.Block;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BatchCheckTest {
    private final BatchCheck check = new BatchCheck(64);

    private static byte[] encode(long from, long... primes) {
        GapEncoder encoder = new GapEncoder();
        encoder.start(from);
        for (long p : primes) {
            encoder.prime(p);
        }
        return Arrays.copyOf(encoder.buffer(), encoder.size());
    }

    private static long[] sieve(long from, long to) {
        return LongStream.rangeClosed(from, to).filter(MillerRabin::isPrime).toArray();
    }

    private String rejection(Block block, long count, byte[] data) {
        return assertThrows(MalformedBatchException.class, () -> check.check(block, count, data)).getMessage();
    }

    @Test
    void aGoodBatchIsAcceptedWithItsCountAndLargest() throws Exception {
        Block block = new Block(3, 1_000_001, 1_100_000);
        long[] primes = sieve(block.from(), block.to());
        CheckedBlock checked = check.check(block, primes.length, encode(block.from(), primes));
        assertEquals(3, checked.id());
        assertEquals(primes.length, checked.count());
        assertEquals(primes[primes.length - 1], checked.largest());
        assertEquals(100_000, checked.numbers());
        CheckedBlock empty = check.check(new Block(0, 24, 28), 0, new byte[0]);
        assertEquals(0, empty.count());
    }

    @Test
    void primesOutsideTheBlockAreRejected() {
        Block block = new Block(0, 1, 1_000);
        long[] primes = Arrays.copyOf(sieve(1, 1_000), 169);
        primes[168] = 1_009;
        assertEquals("1009 is outside the block [1, 1000]", rejection(block, 169, encode(1, primes)));
    }

    @Test
    void nonPrimesAreRejected() {
        Block small = new Block(0, 1, 1_000);
        long[] primes = sieve(1, 1_000);
        long[] withNine = new long[primes.length + 1];
        withNine[0] = 2;
        withNine[1] = 3;
        withNine[2] = 5;
        withNine[3] = 7;
        withNine[4] = 9;
        System.arraycopy(primes, 4, withNine, 5, primes.length - 4);
        assertEquals("9 is not prime", rejection(small, withNine.length, encode(1, withNine)));
        // The Miller-Rabin sample, testing every prime here, catches it; unless the re-sieved window,
        // whose place in the block is random, covers it first and finds the real prime missing.
        Block large = new Block(0, 1, 100_000);
        long[] many = sieve(1, 100_000);
        long replaced = many[5_000];
        many[5_000] = replaced + 2 == many[5_001] ? replaced + 1 : replaced + 2;
        String why = assertThrows(MalformedBatchException.class,
                () -> new BatchCheck(-1).check(large, many.length, encode(1, many))).getMessage();
        assertTrue(why.equals(many[5_000] + " is not prime") || why.equals("the prime " + replaced + " is missing"), why);
    }

    @Test
    void missingDuplicatedAndUnorderedPrimesAreRejected() {
        Block block = new Block(0, 1, 1_000);
        long[] primes = sieve(1, 1_000);
        long[] missing = new long[primes.length - 1];
        System.arraycopy(primes, 0, missing, 0, 20);
        System.arraycopy(primes, 21, missing, 20, primes.length - 21);
        assertEquals("the prime " + primes[20] + " is missing", rejection(block, missing.length, encode(1, missing)));
        assertEquals("the prime 997 is missing", rejection(block, primes.length - 1, encode(1, Arrays.copyOf(primes, primes.length - 1))));
        assertEquals("it announced 200 primes but sent 168", rejection(block, 200, encode(1, primes)));
        long[] twice = {2, 3, 3};
        assertEquals("3 is sent twice", rejection(new Block(0, 1, 3), 3, encode(1, twice)));
    }
}
