package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapCodecTest {
    private static List<Long> decode(byte[] data, long start) throws MalformedBatchException {
        GapReader reader = new GapReader(data, data.length, start);
        List<Long> values = new ArrayList<>();
        while (reader.hasNext()) {
            values.add(reader.next());
        }
        return values;
    }

    @Test
    void primesGoThereAndBackAtAboutAByteEach() throws Exception {
        GapEncoder encoder = new GapEncoder();
        encoder.start(1);
        List<Long> primes = new ArrayList<>();
        new SegmentedSieve().primes(1, 1_000_000, p -> { // the largest gap below 10^6 is 114
            primes.add(p);
            encoder.prime(p);
        });
        assertEquals(primes.size(), encoder.count());
        assertEquals(primes.size(), encoder.size(), "every gap below 128 takes one byte");
        assertEquals(primes, decode(Arrays.copyOf(encoder.buffer(), encoder.size()), 1));
    }

    @Test
    void largeGapsTakeMoreBytesAndTheEncoderIsReused() throws Exception {
        GapEncoder encoder = new GapEncoder();
        encoder.start(5);
        encoder.prime(7);
        assertEquals(1, encoder.size());
        encoder.start(0);
        encoder.prime(Long.MAX_VALUE);
        assertEquals(9, encoder.size());
        assertEquals(List.of(Long.MAX_VALUE), decode(Arrays.copyOf(encoder.buffer(), encoder.size()), 0));
    }

    @Test
    void brokenDataIsAnErrorNamingTheByte() {
        MalformedBatchException cut = assertThrows(MalformedBatchException.class, () -> decode(new byte[] {2, (byte) 0x81}, 0));
        assertEquals("the batch ends inside the gap that starts at byte 1", cut.getMessage());
        byte[] tenBytes = new byte[10];
        Arrays.fill(tenBytes, (byte) 0x80);
        MalformedBatchException tooLong = assertThrows(MalformedBatchException.class, () -> decode(tenBytes, 0));
        assertEquals("the gap at byte 0 is longer than 9 bytes", tooLong.getMessage());
        byte[] big = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
        MalformedBatchException overflow = assertThrows(MalformedBatchException.class, () -> decode(big, 10));
        assertTrue(overflow.getMessage().contains("past the largest long"), overflow.getMessage());
        assertFalse(new GapReader(new byte[0], 0, 0).hasNext());
    }
}
