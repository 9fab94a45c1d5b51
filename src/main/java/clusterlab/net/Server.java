package clusterlab.net;

import java.io.Closeable;
import java.io.IOException;

/** What both servers offer: start, tell the port, count, and close with a summary. */
public interface Server extends Closeable {
    /** Binds and starts serving in background threads; returns at once. */
    void initialise() throws IOException;

    /** The port bound (useful after asking for port 0). */
    int port();

    ServerStats stats();

    /** Stops serving and prints the totals; never throws. */
    @Override
    void close();
}
