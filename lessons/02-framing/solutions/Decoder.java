package lesson02;

import java.util.ArrayList;
import java.util.List;

/**
 * Exercise (c), a reference answer. The decoder is always in one of two states: collecting the
 * 4 header bytes ({@code payload == null}), or filling the payload whose length the header gave.
 */
public final class Decoder {
    /** Lengths above this are refused rather than allocated. */
    private static final int MAX_LENGTH = 16 << 20;

    private final byte[] header = new byte[4];
    private int headerBytes;
    private byte[] payload; // null while collecting a header
    private int payloadBytes;

    public List<byte[]> feed(byte[] chunk) {
        List<byte[]> frames = new ArrayList<>();
        int at = 0;
        while (at < chunk.length) {
            if (payload == null) {
                header[headerBytes++] = chunk[at++];
                if (headerBytes == header.length) {
                    payload = new byte[length()];
                    payloadBytes = 0;
                }
            } else {
                int n = Math.min(chunk.length - at, payload.length - payloadBytes);
                System.arraycopy(chunk, at, payload, payloadBytes, n);
                at += n;
                payloadBytes += n;
            }
            // Checked after the header too: an empty frame is complete as soon as its header is.
            if (payload != null && payloadBytes == payload.length) {
                frames.add(payload);
                payload = null;
                headerBytes = 0;
            }
        }
        return frames;
    }

    /** The unsigned big-endian length in the header. */
    private int length() {
        long length = (header[0] & 0xFFL) << 24 | (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | header[3] & 0xFF;
        if (length > MAX_LENGTH) {
            throw new IllegalStateException("frame length " + length + " is over the limit of " + MAX_LENGTH + " bytes");
        }
        return (int) length;
    }
}
