package clusterlab.wire;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads whole frames from a blocking stream. One {@code read()} on a socket returns whatever bytes
 * have arrived, perhaps half a header; so both the header and the payload are read in a loop until
 * they are complete.
 */
public final class FrameReader {
    private final InputStream in;
    private final int maxLength;
    private static final byte[] NO_HEAD = new byte[0];
    private final byte[] header = new byte[Frames.HEADER_BYTES];

    public FrameReader(InputStream in) {
        this(in, Frames.DEFAULT_MAX_LENGTH);
    }

    public FrameReader(InputStream in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /**
     * The next frame's payload, or null when the peer closed cleanly between frames.
     *
     * @throws FrameTooLargeException if the header announces more than the limit (nothing is allocated)
     * @throws TruncatedFrameException if the stream ends inside a header or a payload
     */
    public byte[] read() throws IOException {
        return read(NO_HEAD);
    }

    /**
     * The next frame split in two without copying: its first {@code head.length} payload bytes are
     * read into {@code head}, and the rest is returned as an array of its own (a message header
     * and a large body, say). Null when the peer closed cleanly between frames.
     *
     * @throws IOException if the payload is shorter than {@code head}
     */
    public byte[] read(byte[] head) throws IOException {
        int got = readFully(header);
        if (got == 0) {
            return null;
        }
        if (got < header.length) {
            throw new TruncatedFrameException("header", got, header.length);
        }
        int length = Frames.length(header[0], header[1], header[2], header[3], maxLength);
        if (length < head.length) {
            throw new IOException("frame of " + length + " bytes is shorter than its " + head.length + "-byte header");
        }
        got = readFully(head);
        byte[] body = new byte[length - head.length];
        got += readFully(body);
        if (got < length) {
            throw new TruncatedFrameException("payload", got, length);
        }
        return body;
    }

    /** Fills {@code buffer} unless the stream ends first; returns how many bytes it got. */
    private int readFully(byte[] buffer) throws IOException {
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
}
