package clusterlab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void decodesValidTextIncludingMultiByteCharacters() throws Exception {
        assertEquals("51.2 °C ✓ 𝄞", Utf8.decode(Utf8.encode("51.2 °C ✓ 𝄞")));
    }

    @Test
    void namesTheByteWhereInvalidUtf8Starts() {
        byte[] bad = {'o', 'k', ' ', (byte) 0xC3, '(', 'x'};
        Utf8.InvalidUtf8Exception e = assertThrows(Utf8.InvalidUtf8Exception.class, () -> Utf8.decode(bad));
        assertEquals(3, e.offset());
        assertEquals("invalid UTF-8 at byte 3", e.getMessage());
    }

    @Test
    void refusesASequenceCutOffAtTheEnd() {
        byte[] cut = {'a', (byte) 0xE2, (byte) 0x9C};
        assertEquals(1, assertThrows(Utf8.InvalidUtf8Exception.class, () -> Utf8.decode(cut)).offset());
    }
}
