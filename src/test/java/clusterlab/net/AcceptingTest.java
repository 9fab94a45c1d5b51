package clusterlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptingTest {
    /** A listener whose accept fails {@code failures} times, as one out of file descriptors does, then succeeds. */
    private static class FailingListener extends ServerSocket {
        private int failures;

        FailingListener(int failures) throws IOException {
            this.failures = failures;
        }

        @Override
        public Socket accept() throws IOException {
            if (failures-- > 0) {
                throw new IOException("Too many open files");
            }
            return new Socket();
        }
    }

    @Test
    void aFailedAcceptIsLoggedAndTriedAgainUntilOneSucceeds() throws IOException {
        List<String> log = new ArrayList<>();
        try (ServerSocket listener = new FailingListener(3); Socket socket = Accepting.next(listener, () -> false, log::add)) {
            assertNotNull(socket);
        }
        assertEquals(List.of("accept failed: Too many open files", "accept failed: Too many open files",
                "accept failed: Too many open files"), log);
    }

    @Test
    void aServerThatIsClosingGetsNoConnectionAndNoLogLine() throws IOException {
        List<String> log = new ArrayList<>();
        boolean[] closing = {false};
        try (ServerSocket listener = new FailingListener(1) {
            @Override
            public Socket accept() throws IOException {
                closing[0] = true; // the server closes while accept waits; accept then throws
                return super.accept();
            }
        }) {
            assertNull(Accepting.next(listener, () -> closing[0], log::add));
        }
        assertEquals(List.of(), log);
    }

    @Test
    void aClosedListenerEndsTheLoopWithoutALogLine() throws IOException {
        List<String> log = new ArrayList<>();
        ServerSocket listener = new ServerSocket(0);
        listener.close();
        assertNull(Accepting.next(listener, () -> false, log::add));
        assertEquals(List.of(), log);
    }
}
