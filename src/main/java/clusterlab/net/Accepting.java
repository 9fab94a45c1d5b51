package clusterlab.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The next connection for the accept loop of a blocking server. A server stops its loop by setting
 * its closing flag and closing the listener, which makes a waiting accept throw: that is not an
 * error, so nothing is logged. Any other failure is logged and accept is tried again after a pause,
 * because failures such as "Too many open files" come back at once: without the pause the loop
 * would spin on a core and fill the log, and the server would stop serving for good if it gave up.
 */
public final class Accepting {
    static final long PAUSE_MILLIS = 100;

    private Accepting() {
    }

    /** The next connection; null when the server is closing or its listener was closed. */
    public static Socket next(ServerSocket listener, BooleanSupplier closing, Consumer<String> log) {
        while (!closing.getAsBoolean() && !listener.isClosed()) {
            try {
                return listener.accept();
            } catch (IOException e) {
                if (closing.getAsBoolean() || listener.isClosed()) {
                    return null;
                }
                log.accept("accept failed: " + e.getMessage());
                try {
                    Thread.sleep(PAUSE_MILLIS);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }
}
