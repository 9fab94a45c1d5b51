package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import clusterlab.cli.UsageException;
import org.junit.jupiter.api.Test;

class PrimeRangeTest {
    private static String error(String text) {
        return assertThrows(UsageException.class, () -> PrimeRange.parse(text, "primes-head")).getMessage();
    }

    @Test
    void parsesRanges() throws Exception {
        assertEquals(new PrimeRange(1, 1_000_000_000), PrimeRange.parse("1:1000000000", "primes-head"));
        assertEquals(new PrimeRange(1, 1_000_000_000), PrimeRange.parse("1:1e9", "primes-head"));
        assertEquals(new PrimeRange(7, 7), PrimeRange.parse("7:7", "primes-head"));
        assertEquals(new PrimeRange(0, Long.MAX_VALUE), PrimeRange.parse("0:9223372036854775807", "primes-head"));
    }

    @Test
    void badRangesSayWhatWasWrongAndWhatWasExpected() {
        String expected = "(expected MIN:MAX with whole numbers from 0 to 9223372036854775807, such as 1:1000000000)";
        assertEquals("clusterlab primes-head: --range 10:5 is empty: MIN 10 is larger than MAX 5 " + expected, error("10:5"));
        assertEquals("clusterlab primes-head: --range MIN 'abc' in 'abc:100' is not a whole number " + expected, error("abc:100"));
        assertEquals("clusterlab primes-head: --range MAX '' in '5:' is not a whole number " + expected, error("5:"));
        assertEquals("clusterlab primes-head: --range MIN '-5' in '-5:10' is not a whole number " + expected, error("-5:10"));
        assertEquals("clusterlab primes-head: --range MAX '1.5' in '1:1.5' is not a whole number " + expected, error("1:1.5"));
        assertEquals("clusterlab primes-head: --range MAX '99999999999999999999' in '1:99999999999999999999' is too large "
                + expected, error("1:99999999999999999999"));
        assertEquals("clusterlab primes-head: --range MAX '1e19' in '1:1e19' is too large " + expected, error("1:1e19"));
        assertEquals("clusterlab primes-head: --range must be MIN:MAX with whole numbers from 0 to 9223372036854775807,"
                + " such as 1:1000000000, not '1000'", error("1000"));
    }

    @Test
    void blocksCoverTheRangeWithAShortLastOne() {
        PrimeRange range = new PrimeRange(1, 1_000);
        assertEquals(4, range.blockCount(300));
        assertEquals(new PrimeRange.Block(0, 1, 300), range.block(0, 300));
        assertEquals(new PrimeRange.Block(3, 901, 1_000), range.block(3, 300));
        assertEquals(1, new PrimeRange(5, 5).blockCount(10));
        PrimeRange top = new PrimeRange(Long.MAX_VALUE - 10, Long.MAX_VALUE);
        assertEquals(3, top.blockCount(4));
        assertEquals(new PrimeRange.Block(2, Long.MAX_VALUE - 2, Long.MAX_VALUE), top.block(2, 4));
        assertEquals(Long.MAX_VALUE, new PrimeRange(0, Long.MAX_VALUE).size());
    }
}
