package clusterlab.wire;

import java.io.IOException;

/** A frame header announced more bytes than the receiver accepts; the connection should be closed. */
public final class FrameTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public FrameTooLargeException(long length, int limit) {
        super("frame length " + length + " is over the limit of " + limit + " bytes");
    }
}
