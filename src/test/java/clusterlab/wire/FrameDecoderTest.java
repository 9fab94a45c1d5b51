package clusterlab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    /** Three frames of different sizes, including an empty one, back to back. */
    private static byte[] stream(List<byte[]> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : payloads) {
            out.writeBytes(Frames.encode(p));
        }
        return out.toByteArray();
    }

    private static List<byte[]> samplePayloads() {
        Random random = new Random(7);
        List<byte[]> payloads = new ArrayList<>();
        for (int size : new int[] {5, 0, 1, 300, 70_000, 3}) {
            byte[] p = new byte[size];
            random.nextBytes(p);
            payloads.add(p);
        }
        return payloads;
    }

    private static void assertSame(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
    }

    @Test
    void decodesOneByteAtATime() throws Exception {
        List<byte[]> payloads = samplePayloads();
        byte[] data = stream(payloads);
        FrameDecoder decoder = new FrameDecoder();
        List<byte[]> got = new ArrayList<>();
        for (byte b : data) {
            decoder.feed(ByteBuffer.wrap(new byte[] {b}), got::add);
        }
        assertSame(payloads, got);
        assertDoesNotThrow(decoder::endOfStream);
    }

    @Test
    void decodesWhateverTheSplits() throws Exception {
        List<byte[]> payloads = samplePayloads();
        byte[] data = stream(payloads);
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            FrameDecoder decoder = new FrameDecoder();
            List<byte[]> got = new ArrayList<>();
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + random.nextInt(trial % 2 == 0 ? 9 : 5000));
                decoder.feed(ByteBuffer.wrap(data, at, n), got::add);
                at += n;
            }
            assertSame(payloads, got);
        }
    }

    @Test
    void decodesAWholeStreamInOneBuffer() throws Exception {
        List<byte[]> payloads = samplePayloads();
        List<byte[]> got = new ArrayList<>();
        new FrameDecoder().feed(ByteBuffer.wrap(stream(payloads)), got::add);
        assertSame(payloads, got);
    }

    @Test
    void refusesAnOversizedHeaderAtOnce() {
        FrameDecoder decoder = new FrameDecoder(100);
        ByteBuffer header = ByteBuffer.wrap(Frames.header(101));
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> decoder.feed(header, p -> { }));
        assertEquals("frame length 101 is over the limit of 100 bytes", e.getMessage());
    }

    @Test
    void reportsWhereAStreamWasCutOff() throws Exception {
        FrameDecoder inHeader = new FrameDecoder();
        inHeader.feed(ByteBuffer.wrap(new byte[] {0, 0, 0}), p -> { });
        assertEquals("header 3/4", inHeader.state());
        assertEquals("truncated frame: connection closed after 3 of 4 header bytes",
                assertThrows(TruncatedFrameException.class, inHeader::endOfStream).getMessage());

        FrameDecoder inPayload = new FrameDecoder();
        inPayload.feed(ByteBuffer.wrap(new byte[] {0, 0, 0, 9, 1, 2}), p -> { });
        assertEquals("payload 2/9", inPayload.state());
        assertEquals("truncated frame: connection closed after 2 of 9 payload bytes",
                assertThrows(TruncatedFrameException.class, inPayload::endOfStream).getMessage());
    }
}
