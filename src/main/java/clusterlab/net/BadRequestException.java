package clusterlab.net;

import java.io.IOException;

/** A well-formed frame whose content the service cannot accept; the server answers with the message and closes. */
public final class BadRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
