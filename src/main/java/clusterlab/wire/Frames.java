package clusterlab.wire;

/**
 * The frame, clusterlab's one wire format: a 4-byte big-endian unsigned length N, then N bytes.
 * It is the format of the lab article's Python workers ({@code struct.pack('>I', n)}), so they and
 * clusterlab talk to each other. TCP delivers a stream of bytes, not messages: the length is what
 * tells the reader where one message ends and the next begins.
 */
public final class Frames {
    /** Bytes in the length header. */
    public static final int HEADER_BYTES = 4;
    /** The largest payload a receiver accepts unless told otherwise: 16 MiB. */
    public static final int DEFAULT_MAX_LENGTH = 16 << 20;

    private Frames() {
    }

    /** The header for a payload of {@code length} bytes. */
    public static byte[] header(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    /** A whole frame, header and payload, in one array: ready for a single write. */
    public static byte[] encode(byte[] payload) {
        byte[] frame = new byte[HEADER_BYTES + payload.length];
        System.arraycopy(header(payload.length), 0, frame, 0, HEADER_BYTES);
        System.arraycopy(payload, 0, frame, HEADER_BYTES, payload.length);
        return frame;
    }

    /**
     * Reads the unsigned length from four header bytes and checks it against the limit, so that
     * nothing is allocated for a length that will be refused.
     */
    public static int length(byte b0, byte b1, byte b2, byte b3, int maxLength) throws FrameTooLargeException {
        long length = ((b0 & 0xFFL) << 24) | ((b1 & 0xFF) << 16) | ((b2 & 0xFF) << 8) | (b3 & 0xFF);
        if (length > maxLength) {
            throw new FrameTooLargeException(length, maxLength);
        }
        return (int) length;
    }
}
