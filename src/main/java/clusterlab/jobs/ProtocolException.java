package clusterlab.jobs;

import java.io.IOException;

/** A peer sent something the job protocol does not allow; the session it came on is closed. */
final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
        super(message);
    }
}
