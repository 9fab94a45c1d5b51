package lesson02;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Exercises (a) and (b): clusterlab's wire format, read and written by hand. A frame is a 4-byte
 * big-endian UNSIGNED length N, then N bytes of payload. TCP delivers a stream of bytes, not
 * messages: the length is what tells the reader where one message ends.
 */
public final class FrameIO {
    private FrameIO() {
    }

    /**
     * (a) Reads one frame from a blocking stream and returns its payload.
     * <ul>
     *   <li>One {@code read} may return fewer bytes than asked for, even a single byte: keep
     *       reading until the header, then the payload, is complete.</li>
     *   <li>The stream ends cleanly before the first byte of a header: return null (the peer is
     *       done).</li>
     *   <li>The stream ends inside a header or a payload: throw {@code java.io.EOFException} (the
     *       frame was cut short).</li>
     *   <li>The length is over {@code maxLength}: throw an {@code IOException} whose message names
     *       the length and the limit, BEFORE allocating or reading the payload, so a broken or
     *       hostile peer cannot make you allocate gigabytes. The length is unsigned: FF FF FF FF
     *       means 4294967295, not -1.</li>
     * </ul>
     */
    public static byte[] readFrame(InputStream in, int maxLength) throws IOException {
        throw new UnsupportedOperationException("exercise: read a 4-byte length, check it, then read the payload");
    }

    /**
     * (b) Writes {@code payload} as one frame: the 4-byte big-endian length, then the bytes, then
     * a flush so that the frame leaves now instead of waiting in a buffer.
     */
    public static void writeFrame(OutputStream out, byte[] payload) throws IOException {
        throw new UnsupportedOperationException("exercise: write the 4-byte length, the payload, then flush");
    }
}
