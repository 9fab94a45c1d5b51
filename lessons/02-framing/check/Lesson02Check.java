package lesson02;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * The checker of lesson 02: feeds FrameIO and Decoder frames whole, in pieces, cut short and too
 * long. Every check gives up after 10 seconds, so code that loops for ever fails instead of hanging.
 */
@DisplayName("Lesson 02: framing")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson02Check {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    // ---- (a) FrameIO.readFrame ----

    @Test
    @DisplayName("(a) readFrame: reads a frame, then null at the clean end of the stream")
    void readsAFrameThenNull() {
        within(() -> {
            InputStream in = new ByteArrayInputStream(frame(text("hello")));
            assertArrayEquals(text("hello"), FrameIO.readFrame(in, 1024));
            assertNull(FrameIO.readFrame(in, 1024), "the stream has ended between frames: return null");
        });
    }

    @Test
    @DisplayName("(a) readFrame: an empty stream gives null")
    void emptyStreamGivesNull() {
        within(() -> assertNull(FrameIO.readFrame(new ByteArrayInputStream(new byte[0]), 1024),
                "no byte at all: the peer closed before sending anything, which is a clean end"));
    }

    @Test
    @DisplayName("(a) readFrame: reads frames when each read() returns one byte")
    void readsFramesOneBytePerRead() {
        within(() -> {
            List<byte[]> payloads = samplePayloads();
            InputStream in = new OneByteAtATime(frames(payloads));
            for (int i = 0; i < payloads.size(); i++) {
                assertArrayEquals(payloads.get(i), FrameIO.readFrame(in, 1 << 20),
                        "frame " + i + " (" + payloads.get(i).length + " bytes): one read() may return a single"
                                + " byte, so keep reading until you have them all");
            }
            assertNull(FrameIO.readFrame(in, 1 << 20), "after the last frame, the stream ends: return null");
        });
    }

    @Test
    @DisplayName("(a) readFrame: a frame of exactly maxLength bytes is accepted")
    void acceptsTheLimitItself() {
        within(() -> {
            byte[] payload = new byte[16];
            Arrays.fill(payload, (byte) 7);
            assertArrayEquals(payload, FrameIO.readFrame(new ByteArrayInputStream(frame(payload)), 16),
                    "maxLength is the largest payload allowed, not the first one refused");
        });
    }

    @Test
    @DisplayName("(a) readFrame: a stream that ends inside a header throws EOFException")
    void endInsideAHeader() {
        within(() -> assertThrows(EOFException.class,
                () -> FrameIO.readFrame(new ByteArrayInputStream(new byte[] {0, 0}), 1024),
                "2 of the 4 header bytes, then the end: the frame was cut short, which is not a clean end"));
    }

    @Test
    @DisplayName("(a) readFrame: a stream that ends inside a payload throws EOFException")
    void endInsideAPayload() {
        within(() -> {
            byte[] cut = Arrays.copyOf(frame(text("0123456789")), 4 + 3);
            assertThrows(EOFException.class, () -> FrameIO.readFrame(new ByteArrayInputStream(cut), 1024),
                    "the header announces 10 bytes but only 3 come: the frame was cut short");
        });
    }

    @Test
    @DisplayName("(a) readFrame: refuses a length over the limit before reading the payload")
    void refusesTooLongBeforeReading() {
        within(() -> {
            HeaderOnly in = new HeaderOnly(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            IOException e = assertThrows(IOException.class, () -> FrameIO.readFrame(in, 1024),
                    "a header of 2147483647 bytes with a limit of 1024: throw an IOException before allocating");
            assertFalse(e instanceof EOFException, "the frame is too long, not cut short: throw an IOException"
                    + " that is not an EOFException (" + e + ")");
            assertFalse(in.readPastHeader, "readFrame read past the header of a frame it should have refused");
            assertMentions(e, "2147483647", "1024");
        });
    }

    @Test
    @DisplayName("(a) readFrame: the length is unsigned: FF FF FF FF is 4294967295, refused")
    void lengthIsUnsigned() {
        within(() -> {
            HeaderOnly in = new HeaderOnly(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            IOException e = assertThrows(IOException.class, () -> FrameIO.readFrame(in, 1024),
                    "FF FF FF FF is 4294967295 bytes, over the limit of 1024 (readInt would say -1)");
            assertFalse(in.readPastHeader, "readFrame read past the header of a frame it should have refused");
            assertMentions(e, "4294967295", "1024");
        });
    }

    // ---- (b) FrameIO.writeFrame ----

    @Test
    @DisplayName("(b) writeFrame: writes the length big-endian, then the payload, and flushes")
    void writesHeaderPayloadAndFlushes() {
        within(() -> {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            BufferedOutputStream out = new BufferedOutputStream(wire, 8192);
            byte[] payload = new byte[300];
            new Random(1).nextBytes(payload);
            FrameIO.writeFrame(out, payload);
            byte[] written = wire.toByteArray();
            assertTrue(written.length > 0, "nothing reached the stream under the buffer: flush after writing");
            assertArrayEquals(new byte[] {0, 0, 0x01, 0x2C}, Arrays.copyOf(written, 4),
                    "300 bytes is 0x0000012C: four bytes, most significant first");
            assertArrayEquals(frame(payload), written, "the frame is the 4-byte header, then the payload");

            wire.reset();
            FrameIO.writeFrame(out, new byte[0]);
            assertArrayEquals(new byte[] {0, 0, 0, 0}, wire.toByteArray(), "an empty payload is a header of 0");
        });
    }

    @Test
    @DisplayName("(b) writeFrame then readFrame: every frame comes back as it was")
    void roundTrip() {
        within(() -> {
            List<byte[]> payloads = samplePayloads();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (byte[] p : payloads) {
                FrameIO.writeFrame(wire, p);
            }
            InputStream in = new ByteArrayInputStream(wire.toByteArray());
            for (int i = 0; i < payloads.size(); i++) {
                assertArrayEquals(payloads.get(i), FrameIO.readFrame(in, 1 << 20), "frame " + i);
            }
            assertNull(FrameIO.readFrame(in, 1 << 20), "after the last frame: null");
        });
    }

    // ---- (c) Decoder ----

    @Test
    @DisplayName("(c) Decoder: one frame in one chunk")
    void decoderOneFrame() {
        within(() -> {
            Decoder decoder = new Decoder();
            assertFrames(List.of(text("hello")), decoder.feed(frame(text("hello"))), "one whole frame");
            assertFrames(List.of(), decoder.feed(new byte[0]), "an empty chunk completes nothing");
        });
    }

    @Test
    @DisplayName("(c) Decoder: two frames in one chunk come out together, in order")
    void decoderTwoFramesInOneChunk() {
        within(() -> {
            List<byte[]> two = List.of(text("first"), text("second, longer"));
            assertFrames(two, new Decoder().feed(frames(two)), "one chunk holding two whole frames");
        });
    }

    @Test
    @DisplayName("(c) Decoder: a chunk may end inside a header, the next finish it")
    void decoderSplitHeader() {
        within(() -> {
            byte[] stream = frames(List.of(text("abc"), text("de"), text("f")));
            int cut = (4 + 3) + (4 + 2) + 2; // frames 1 and 2, then half of frame 3's header
            Decoder decoder = new Decoder();
            assertFrames(List.of(), decoder.feed(Arrays.copyOfRange(stream, 0, 2)), "half a header");
            assertFrames(List.of(text("abc"), text("de")), decoder.feed(Arrays.copyOfRange(stream, 2, cut)),
                    "the rest of frame 1, all of frame 2 and half of the next header");
            assertFrames(List.of(text("f")), decoder.feed(Arrays.copyOfRange(stream, cut, stream.length)),
                    "the rest of frame 3");
        });
    }

    @Test
    @DisplayName("(c) Decoder: one byte at a time, each frame comes out with its last byte")
    void decoderOneByteAtATime() {
        within(() -> {
            List<byte[]> payloads = samplePayloads();
            byte[] stream = frames(payloads);
            Decoder decoder = new Decoder();
            int next = 0; // the frame to come out next
            int end = 4 + payloads.get(0).length; // where it ends in the stream
            for (int at = 0; at < stream.length; at++) {
                List<byte[]> got = decoder.feed(new byte[] {stream[at]});
                if (at + 1 == end) {
                    assertFrames(List.of(payloads.get(next)), got, "byte " + at + " is the last of frame " + next);
                    next++;
                    end += next < payloads.size() ? 4 + payloads.get(next).length : 0;
                } else {
                    assertFrames(List.of(), got, "byte " + at + " does not end a frame");
                }
            }
            assertEquals(payloads.size(), next);
        });
    }

    @Test
    @DisplayName("(c) Decoder: any split of the stream gives the same frames")
    void decoderRandomSplits() {
        within(() -> {
            List<byte[]> payloads = samplePayloads();
            byte[] stream = frames(payloads);
            long seed = 20_000;
            for (int trial = 0; trial < 300; trial++, seed++) {
                Random random = new Random(seed);
                Decoder decoder = new Decoder();
                List<byte[]> got = new ArrayList<>();
                List<Integer> chunks = new ArrayList<>();
                for (int at = 0; at < stream.length; ) {
                    int n = Math.min(stream.length - at, random.nextInt(random.nextBoolean() ? 8 : 3000));
                    chunks.add(n);
                    got.addAll(decoder.feed(Arrays.copyOfRange(stream, at, at + n)));
                    at += n;
                }
                assertFrames(payloads, got, "chunks of " + describe(chunks) + " (Random seed " + seed + ")");
            }
        });
    }

    // ---- helpers ----

    /** Runs a check with the time limit; a check that takes longer fails. */
    private static void within(Executable check) {
        assertTimeoutPreemptively(LIMIT, check, "gave up after " + LIMIT.toSeconds() + " s: does the code loop"
                + " for ever, for instance by not stopping when read() returns -1?");
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Header and payload, built here so that the checker does not depend on the code it checks. */
    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    private static byte[] frames(List<byte[]> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : payloads) {
            out.writeBytes(frame(p));
        }
        return out.toByteArray();
    }

    /** Frames of several sizes, among them an empty one, two in a row and one of 5000 bytes. */
    private static List<byte[]> samplePayloads() {
        byte[] big = new byte[5000];
        new Random(2).nextBytes(big);
        return List.of(text("hello"), new byte[0], text("π ≈ 3.14159"), big, new byte[0], new byte[] {0, -1, 0});
    }

    private static void assertFrames(List<byte[]> expected, List<byte[]> actual, String when) {
        assertNotNull(actual, when + ": feed returned null; return an empty list when no frame is complete");
        assertEquals(expected.size(), actual.size(), when + ": number of frames returned");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), when + ": frame " + i);
        }
    }

    private static void assertMentions(IOException e, String length, String limit) {
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains(length) && message.contains(limit),
                "the message should name the length " + length + " and the limit " + limit + "; it was: " + message);
    }

    private static String describe(List<Integer> chunks) {
        String all = chunks.toString();
        return all.length() <= 200 ? all : all.substring(0, 200) + "...]";
    }

    /** A stream whose every read returns at most one byte, as a slow network may. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] data;
        private int at;

        OneByteAtATime(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return at < data.length ? data[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }

    /** A header and then nothing: reading further fails the check and is remembered. */
    private static final class HeaderOnly extends InputStream {
        private final byte[] header;
        private int at;
        boolean readPastHeader;

        HeaderOnly(byte[] header) {
            this.header = header;
        }

        @Override
        public int read() {
            if (at < header.length) {
                return header[at++] & 0xFF;
            }
            readPastHeader = true;
            throw new AssertionError("readFrame read past the header of a frame it should have refused");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, header.length - at);
            if (n <= 0) {
                return read();
            }
            System.arraycopy(header, at, b, off, n);
            at += n;
            return n;
        }
    }
}
