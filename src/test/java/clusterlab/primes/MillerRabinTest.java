package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MillerRabinTest {
    @Test
    void smallNumbers() {
        assertFalse(MillerRabin.isPrime(-7));
        assertFalse(MillerRabin.isPrime(0));
        assertFalse(MillerRabin.isPrime(1));
        assertTrue(MillerRabin.isPrime(2));
        assertTrue(MillerRabin.isPrime(3));
        assertFalse(MillerRabin.isPrime(4));
        assertTrue(MillerRabin.isPrime(37));
        assertFalse(MillerRabin.isPrime(41L * 41));
        for (int n = 0; n < 20_000; n++) {
            assertEquals(BigInteger.valueOf(n).isProbablePrime(60), MillerRabin.isPrime(n), "n = " + n);
        }
    }

    @Test
    void strongPseudoprimesToSmallBasesAreCaught() {
        long[] composites = {2_047L, 1_373_653L, 25_326_001L, 3_215_031_751L, 4_759_123_141L, 2_152_302_898_747L,
            3_474_749_660_383L, 341_550_071_728_321L, 3_825_123_056_546_413_051L, Long.MAX_VALUE,
            3_037_000_493L * 3_037_000_453L};
        for (long n : composites) {
            assertFalse(MillerRabin.isPrime(n), n + " is composite");
        }
    }

    @Test
    void largePrimes() {
        assertTrue(MillerRabin.isPrime(999_999_937L));
        assertTrue(MillerRabin.isPrime(4_294_967_291L));
        assertTrue(MillerRabin.isPrime(1_000_000_000_000_000_003L));
        assertTrue(MillerRabin.isPrime(9_223_372_036_854_775_783L)); // the largest prime below 2^63
    }

    @Test
    void agreesWithBigIntegerAcrossTheLongRange() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            long n = random.nextLong(1, Long.MAX_VALUE) >>> random.nextInt(63);
            assertEquals(BigInteger.valueOf(n).isProbablePrime(60), MillerRabin.isPrime(n), "n = " + n);
        }
    }
}
