package clusterlab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A stream that hands out at most one byte per read, as a slow network might. */
    private static InputStream trickle(byte[] data) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void writerAndReaderRoundTripSeveralFrames() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        w.write(bytes("hello"));
        w.write(new byte[0]);
        w.write(new byte[100_000]);
        FrameReader r = new FrameReader(trickle(out.toByteArray()));
        assertArrayEquals(bytes("hello"), r.read());
        assertArrayEquals(new byte[0], r.read());
        assertEquals(100_000, r.read().length);
        assertNull(r.read(), "a clean close between frames is null, not an error");
    }

    @Test
    void headerIsBigEndianAsPythonsStructPackWritesIt() {
        // struct.pack('>I', 258) == b'\x00\x00\x01\x02'
        assertArrayEquals(new byte[] {0, 0, 1, 2}, Frames.header(258));
        assertArrayEquals(new byte[] {0, 0, 0, 2, 'h', 'i'}, Frames.encode(bytes("hi")));
    }

    @Test
    void oversizedLengthIsRefusedNamingLengthAndLimit() {
        // 0xFFFFFFFF is 4 GiB - 1 as an unsigned length: refused before any allocation.
        byte[] data = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3};
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class,
                () -> new FrameReader(new ByteArrayInputStream(data), 1024).read());
        assertEquals("frame length 4294967295 is over the limit of 1024 bytes", e.getMessage());
    }

    @Test
    void limitIsInclusive() throws IOException {
        byte[] frame = Frames.encode(new byte[10]);
        assertEquals(10, new FrameReader(new ByteArrayInputStream(frame), 10).read().length);
        assertThrows(FrameTooLargeException.class, () -> new FrameReader(new ByteArrayInputStream(frame), 9).read());
    }

    @Test
    void eofInsideHeaderIsATruncatedFrame() {
        TruncatedFrameException e = assertThrows(TruncatedFrameException.class,
                () -> new FrameReader(trickle(new byte[] {0, 0})).read());
        assertEquals("truncated frame: connection closed after 2 of 4 header bytes", e.getMessage());
    }

    @Test
    void eofInsidePayloadIsATruncatedFrame() {
        byte[] data = {0, 0, 0, 10, 'a', 'b', 'c'};
        TruncatedFrameException e = assertThrows(TruncatedFrameException.class,
                () -> new FrameReader(trickle(data)).read());
        assertEquals("truncated frame: connection closed after 3 of 10 payload bytes", e.getMessage());
    }

    @Test
    void aFrameSplitsIntoAHeadAndABodyWithoutCopying() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FrameWriter(out).write(bytes("HEADbody"));
        FrameReader r = new FrameReader(trickle(out.toByteArray()));
        byte[] head = new byte[4];
        assertArrayEquals(bytes("body"), r.read(head));
        assertArrayEquals(bytes("HEAD"), head);
        assertNull(r.read(head));
    }

    @Test
    void aFrameShorterThanItsHeadOrCutOffIsRefused() {
        byte[] head = new byte[4];
        IOException shortFrame = assertThrows(IOException.class,
                () -> new FrameReader(new ByteArrayInputStream(Frames.encode(bytes("ab")))).read(head));
        assertEquals("frame of 2 bytes is shorter than its 4-byte header", shortFrame.getMessage());
        byte[] cut = {0, 0, 0, 9, 'H', 'E', 'A', 'D', 'b'};
        assertEquals("truncated frame: connection closed after 5 of 9 payload bytes",
                assertThrows(TruncatedFrameException.class, () -> new FrameReader(trickle(cut)).read(head)).getMessage());
    }
}
