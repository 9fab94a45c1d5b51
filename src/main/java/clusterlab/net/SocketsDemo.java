package clusterlab.net;

import clusterlab.wire.Connection;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Article A on one machine: the three-line client, a pool serving clients, and "busy" when it is full. */
public final class SocketsDemo {
    private SocketsDemo() {
    }

    public static void run(PrintStream out) throws Exception {
        ServerConfig config = new ServerConfig().host("127.0.0.1").port(0).poolSize(2).queueSize(1).timeoutMillis(5_000);
        try (SimpleServer server = new SimpleServer(config, new EchoService(), out)) {
            server.initialise();
            int port = server.port();

            out.println("-- 1. the article's client: create a socket, connect, close");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port));
            }
            waitFor(() -> server.stats().served() == 1);

            out.println("-- 2. three clients, one after another, each sends a frame; two pool threads serve them");
            for (int i = 1; i <= 3; i++) {
                try (Connection c = Connection.open("127.0.0.1", port, 2_000)) {
                    c.sendText("hello from client " + i);
                    out.println("client " + i + " got: " + c.receiveText());
                }
            }
            waitFor(() -> server.stats().served() == 4);

            out.println("-- 3. fill the pool (2 threads) and the queue (1 place); the next client is told busy");
            List<Connection> holders = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                holders.add(Connection.open("127.0.0.1", port, 2_000));
                long accepted = 5 + i;
                waitFor(() -> server.stats().accepted() == accepted);
            }
            try (Connection late = Connection.open("127.0.0.1", port, 2_000)) {
                out.println("late client got: " + late.receiveText());
            }
            out.println("pool threads: " + server.threads() + " (the pool size, whatever the number of clients)");
            for (Connection holder : holders) {
                holder.close();
            }
            waitFor(() -> server.stats().active() == 0 && server.stats().served() == 7);
        }
    }

    interface Condition {
        boolean holds();
    }

    /** Waits up to five seconds for the server to catch up, so the demo's lines come in order. */
    static void waitFor(Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.holds() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
