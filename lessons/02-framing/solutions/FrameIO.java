package lesson02;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Exercises (a) and (b), a reference answer. */
public final class FrameIO {
    private static final int HEADER_BYTES = 4;

    private FrameIO() {
    }

    public static byte[] readFrame(InputStream in, int maxLength) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        int got = readUpTo(in, header);
        if (got == 0) {
            return null; // clean end: the peer closed between frames
        }
        if (got < HEADER_BYTES) {
            throw new EOFException("stream ended inside a frame header, after " + got + " of 4 bytes");
        }
        // Widen to long before shifting: as an int, a first byte of 0x80 or more would make the
        // length negative.
        long length = (header[0] & 0xFFL) << 24 | (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | header[3] & 0xFF;
        if (length > maxLength) {
            throw new IOException("frame length " + length + " is over the limit of " + maxLength + " bytes");
        }
        byte[] payload = new byte[(int) length]; // allocated only now that the length is known to be sane
        got = readUpTo(in, payload);
        if (got < payload.length) {
            throw new EOFException("stream ended inside a frame payload, after " + got + " of " + length + " bytes");
        }
        return payload;
    }

    /** Reads until {@code buffer} is full or the stream ends; returns how many bytes it got. */
    private static int readUpTo(InputStream in, byte[] buffer) throws IOException {
        int got = 0;
        while (got < buffer.length) {
            int n = in.read(buffer, got, buffer.length - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    public static void writeFrame(OutputStream out, byte[] payload) throws IOException {
        int n = payload.length;
        // Header and payload in one array and one write: on a socket they then usually travel in
        // one TCP segment, with no delay between them.
        byte[] frame = new byte[HEADER_BYTES + n];
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(payload, 0, frame, HEADER_BYTES, n);
        out.write(frame);
        out.flush();
    }
}
