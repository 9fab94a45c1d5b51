package lesson11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The checker of lesson 11: one block of a segmented sieve, and primes sent as varint gaps. */
@DisplayName("Lesson 11: the prime finder")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson11Check {
    /** The primes up to n by trial division: slow, obviously right, for small n. */
    private static List<Long> slowPrimes(long from, long to) {
        List<Long> primes = new ArrayList<>();
        for (long n = Math.max(2, from); n <= to; n++) {
            boolean prime = true;
            for (long d = 2; d * d <= n && prime; d++) {
                prime = n % d != 0;
            }
            if (prime) {
                primes.add(n);
            }
        }
        return primes;
    }

    private static int[] base(int limit) {
        return slowPrimes(2, limit).stream().mapToInt(Long::intValue).toArray();
    }

    @Test
    @DisplayName("(a) BlockSieve: small blocks, including 1, 2 and base primes inside the block")
    void smallBlocks() {
        int[] base = base(100);
        long[][] blocks = {{1, 100}, {1, 1}, {2, 2}, {1, 2}, {90, 97}, {9000, 9100}, {24, 28}};
        for (long[] b : blocks) {
            assertEquals(slowPrimes(b[0], b[1]), BlockSieve.primes(b[0], b[1], base), "primes of " + b[0] + ".." + b[1]);
        }
    }

    @Test
    @DisplayName("(a) BlockSieve: 78,498 primes below a million, block by block")
    void aMillion() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            int[] base = base(1000);
            long count = 0;
            for (long from = 1; from <= 1_000_000; from += 100_000) {
                count += BlockSieve.primes(from, from + 99_999, base).size();
            }
            assertEquals(78_498, count);
        });
    }

    @Test
    @DisplayName("(a) BlockSieve: a block near ten billion")
    void farBlock() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            List<Long> primes = BlockSieve.primes(10_000_000_000L, 10_000_000_100L, base(100_000));
            assertEquals(List.of(10_000_000_019L, 10_000_000_033L, 10_000_000_061L, 10_000_000_069L, 10_000_000_097L), primes);
        });
    }

    @Test
    @DisplayName("(b) Gaps: round trip, and one byte for a small gap")
    void gapsRoundTrip() {
        long[] primes = slowPrimes(1000, 2000).stream().mapToLong(Long::longValue).toArray();
        byte[] bytes = Gaps.encode(primes, 1000);
        assertEquals(primes.length, bytes.length, "every gap below 128 takes one byte");
        assertArrayEquals(primes, Gaps.decode(bytes, 1000));
        assertArrayEquals(new long[0], Gaps.decode(Gaps.encode(new long[0], 5), 5), "no primes, no bytes");
    }

    @Test
    @DisplayName("(b) Gaps: large gaps take several bytes, least significant group first")
    void gapsLarge() {
        assertArrayEquals(new byte[] {(byte) 0x80, 0x01}, Gaps.encode(new long[] {128}, 0), "128 = 0x80 0x01");
        assertArrayEquals(new byte[] {0x7F}, Gaps.encode(new long[] {127}, 0), "127 fits one byte");
        long[] far = {3, 3 + 300, 3 + 300 + 1_000_000_007L};
        assertArrayEquals(far, Gaps.decode(Gaps.encode(far, 0), 0));
        assertThrows(IllegalArgumentException.class, () -> Gaps.decode(new byte[] {5, (byte) 0x80}, 0), "ends inside a varint");
        byte[] million = Gaps.encode(slowPrimes(1, 100_000).stream().mapToLong(Long::longValue).toArray(), 0);
        assertTrue(million.length < 9_600, "the 9,592 primes below 100,000 fit in fewer bytes than primes: " + million.length);
    }
}
