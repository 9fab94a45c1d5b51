package clusterlab.net;

import java.io.Closeable;
import java.io.IOException;

/** Closing a socket or channel that is being given up on, where a failure to close changes nothing. */
public final class Closing {
    private Closing() {
    }

    public static void quietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Nothing more can be done with a socket that will not close; it is being dropped anyway.
        }
    }
}
