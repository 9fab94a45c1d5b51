package lesson01;

import java.io.IOException;

/**
 * Exercise (a): the smallest client there is.
 *
 * <p>Write {@code connectAndClose} so that it creates a socket, connects it to host:port and closes
 * it: three lines, as in the article. Do not catch the IOException: when nothing listens on the
 * port, the caller must see the {@code java.net.ConnectException} that connecting throws.
 *
 * <p>Hints: {@code java.net.Socket}, {@code java.net.InetSocketAddress}; a try-with-resources
 * block closes the socket for you, even when something goes wrong. Try it by hand against
 * {@code scripts/clusterlab server}, which prints each connection it accepts.
 */
public final class ThreeLineClient {
    private ThreeLineClient() {
    }

    public static void connectAndClose(String host, int port) throws IOException {
        throw new UnsupportedOperationException("exercise: create a socket, connect it to host:port, close it");
    }
}
