package clusterlab.wire;

import java.io.IOException;

/**
 * The handshake failed: the peer refused us, could not prove the shared secret, or did not speak
 * the handshake at all. The message is one line naming the peer, fit to be the log line.
 */
public final class AuthException extends IOException {
    private static final long serialVersionUID = 1L;

    public AuthException(String message) {
        super(message);
    }
}
