package lesson01;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Exercise (a), a reference answer: create, connect, close. */
public final class ThreeLineClient {
    private ThreeLineClient() {
    }

    public static void connectAndClose(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            // The timeout only matters for a host that does not answer at all; a closed port on a
            // host that answers is refused at once with a ConnectException.
            socket.connect(new InetSocketAddress(host, port), 5_000);
        }
    }
}
