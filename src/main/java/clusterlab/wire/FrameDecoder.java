package clusterlab.wire;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Turns bytes into frames as they arrive, for a non-blocking server that cannot wait for the rest
 * of a frame. Feed it whatever a read returned, split anywhere (even one byte at a time); it keeps
 * the part of a header or payload it has and hands on each frame as soon as it is whole.
 */
public final class FrameDecoder {
    private final int maxLength;
    private final byte[] header = new byte[Frames.HEADER_BYTES];
    private int headerBytes;
    private byte[] payload; // null while reading a header
    private int payloadBytes;

    public FrameDecoder() {
        this(Frames.DEFAULT_MAX_LENGTH);
    }

    public FrameDecoder(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * Consumes every byte remaining in {@code in} and passes each completed payload to {@code frames}.
     *
     * @throws FrameTooLargeException as soon as a header announces more than the limit
     */
    public void feed(ByteBuffer in, Consumer<byte[]> frames) throws FrameTooLargeException {
        while (in.hasRemaining()) {
            if (payload == null) {
                header[headerBytes++] = in.get();
                if (headerBytes == header.length) {
                    payload = new byte[Frames.length(header[0], header[1], header[2], header[3], maxLength)];
                    payloadBytes = 0;
                }
            } else {
                int n = Math.min(in.remaining(), payload.length - payloadBytes);
                in.get(payload, payloadBytes, n);
                payloadBytes += n;
            }
            if (payload != null && payloadBytes == payload.length) {
                byte[] done = payload;
                payload = null;
                headerBytes = 0;
                frames.accept(done);
            }
        }
    }

    /** Call when the peer has closed: fine between frames, a {@link TruncatedFrameException} inside one. */
    public void endOfStream() throws TruncatedFrameException {
        if (payload != null) {
            throw new TruncatedFrameException("payload", payloadBytes, payload.length);
        }
        if (headerBytes > 0) {
            throw new TruncatedFrameException("header", headerBytes, header.length);
        }
    }

    /** Where the decoder is, for tracing: e.g. "header 3/4" or "payload 10/250". */
    public String state() {
        return payload == null
                ? "header " + headerBytes + "/" + header.length
                : "payload " + payloadBytes + "/" + payload.length;
    }
}
