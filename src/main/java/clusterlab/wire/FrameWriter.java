package clusterlab.wire;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes frames to a blocking stream. The header and payload go out in one write when the payload
 * is small, so that one message usually travels in one TCP segment (easier to read in a capture,
 * and no small-packet delay between header and payload).
 */
public final class FrameWriter {
    private static final int COPY_BELOW = 64 * 1024;

    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    public void write(byte[] payload) throws IOException {
        if (payload.length < COPY_BELOW) {
            out.write(Frames.encode(payload));
        } else {
            out.write(Frames.header(payload.length));
            out.write(payload);
        }
        out.flush();
    }
}
