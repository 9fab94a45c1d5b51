package clusterlab.wire;

import java.io.IOException;

/**
 * A shared-secret file cannot be used: it is missing, not hex, too short, or open to other
 * users. The message is one line that says what to do about it.
 */
public final class SecretException extends IOException {
    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
        super(message);
    }
}
