package clusterlab.wire;

import java.io.EOFException;

/** The connection closed in the middle of a frame: the peer died or stopped writing half-way. */
public final class TruncatedFrameException extends EOFException {
    private static final long serialVersionUID = 1L;

    public TruncatedFrameException(String part, long got, long expected) {
        super("truncated frame: connection closed after " + got + " of " + expected + " " + part + " bytes");
    }
}
