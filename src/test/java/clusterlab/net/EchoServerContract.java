package clusterlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.wire.Connection;
import clusterlab.wire.Frames;
import clusterlab.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What both servers must do, whichever way they are built. Each server's test class says how to start one. */
abstract class EchoServerContract {
    protected final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    protected final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private final List<Server> servers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    /** A server of the kind under test, not yet initialised, on loopback with the given settings. */
    protected abstract Server create(ServerConfig config);

    /** Settings that make room for {@code held} connections being served and nothing more. */
    protected abstract ServerConfig fullAfter(int held, ServerConfig config);

    protected Server start(ServerConfig config) throws IOException {
        Server server = create(config.host("127.0.0.1").port(0));
        servers.add(server);
        server.initialise();
        return server;
    }

    protected Server start() throws IOException {
        return start(new ServerConfig().timeoutMillis(10_000));
    }

    protected Connection connect(Server server) throws IOException {
        Connection c = Connection.open("127.0.0.1", server.port(), 5_000);
        c.setReadTimeout(10_000);
        connections.add(c);
        return c;
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Connection c : connections) {
            c.close();
        }
        servers.forEach(Server::close);
    }

    protected String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void echoesEachFrameNamingTheThreadThatServedIt() throws Exception {
        Server server = start();
        Connection c = connect(server);
        c.sendText("hello");
        Map<String, Object> reply = Json.parseObject(c.receive());
        assertEquals("hello", reply.get("echo"));
        assertTrue(((String) reply.get("from")).matches("(worker|selector)-\\d+"), reply.toString());
        c.sendText("{\"ip\": \"10.0.0.7\", \"temp\": 51.2}");
        Map<String, Object> json = Json.parseObject(c.receive());
        assertEquals(Map.of("ip", "10.0.0.7", "temp", 51.2), json.get("echo"));
        c.close();
        await(() -> server.stats().served() == 1, "the connection to end");
        assertEquals(2, server.stats().frames());
        assertTrue(log().contains("connected: /127.0.0.1:"), log());
        assertTrue(log().contains("after 2 frames"), log());
    }

    @Test
    void oversizedFrameGetsAnErrorAndTheServerGoesOn() throws Exception {
        Server server = start(new ServerConfig().maxFrameLength(1024).timeoutMillis(10_000));
        Connection c = connect(server);
        c.socket().getOutputStream().write(Frames.header(2_000_000_000));
        assertEquals("frame length 2000000000 is over the limit of 1024 bytes", Json.parseObject(c.receive()).get("error"));
        assertNull(c.receive(), "the server closes the connection after the error");
        assertEchoWorks(server);
        assertEquals(1, server.stats().badInput());
    }

    @Test
    void truncatedFramesAreCountedAndLogged() throws Exception {
        Server server = start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(new byte[] {0, 0, 0, 50, 'a', 'b'});
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(new byte[] {0, 0});
        }
        await(() -> server.stats().badInput() == 2 && server.stats().served() == 2, "both connections to end");
        assertTrue(log().contains("truncated frame: connection closed after 2 of 50 payload bytes"), log());
        assertTrue(log().contains("truncated frame: connection closed after 2 of 4 header bytes"), log());
        assertEchoWorks(server);
    }

    @Test
    void invalidJsonAndUtf8GetErrorsWithTheirPosition() throws Exception {
        Server server = start();
        Connection c = connect(server);
        c.sendText("{\"ip\": 10.0.0.7}");
        String error = (String) Json.parseObject(c.receive()).get("error");
        assertTrue(error.startsWith("invalid JSON at line 1, column 12"), error);

        Connection d = connect(server);
        d.send(new byte[] {'o', 'k', (byte) 0xFF});
        assertEquals("invalid UTF-8 at byte 2", Json.parseObject(d.receive()).get("error"));
        assertEchoWorks(server);
        await(() -> server.stats().badInput() == 2, "two bad-input counts");
    }

    @Test
    void silentClientIsDroppedAfterTheTimeout() throws Exception {
        Server server = start(new ServerConfig().timeoutMillis(200));
        Connection c = connect(server);
        assertNull(c.receive(), "the server hangs up on a client that says nothing");
        await(() -> server.stats().timedOut() == 1 && server.stats().served() == 1, "the time-out to be counted");
        assertTrue(log().contains("timed out: silent for 0.2 s"), log());
    }

    @Test
    void zeroTimeoutMeansNever() throws Exception {
        Server server = start(new ServerConfig().timeoutMillis(0));
        Connection c = connect(server);
        Thread.sleep(300); // a server that took 0 as "at once" would have dropped it by now
        c.sendText("still here");
        assertEquals("still here", Json.parseObject(c.receive()).get("echo"));
        assertEquals(0, server.stats().timedOut());
    }

    @Test
    void clientsBeyondCapacityAreToldBusyAndTheServerStaysResponsive() throws Exception {
        int held = 4;
        Server server = start(fullAfter(held, new ServerConfig().timeoutMillis(30_000)));
        List<Connection> holders = new ArrayList<>();
        for (int i = 0; i < held; i++) {
            holders.add(connect(server));
            int accepted = i + 1;
            await(() -> server.stats().accepted() == accepted, "connection " + accepted + " accepted");
        }
        int threadsBefore = Thread.activeCount();
        for (int i = 0; i < 1000; i++) {
            try (Connection late = Connection.open("127.0.0.1", server.port(), 5_000)) {
                late.setReadTimeout(10_000);
                String error = (String) Json.parseObject(late.receive()).get("error");
                assertTrue(error.startsWith("busy: "), error);
            }
        }
        assertEquals(1000, server.stats().rejected());
        assertTrue(Thread.activeCount() <= threadsBefore + 2,
                "threads grew from " + threadsBefore + " to " + Thread.activeCount());
        for (Connection h : holders) {
            h.close();
        }
        await(() -> server.stats().active() == 0, "the held connections to end");
        assertEchoWorks(server);
    }

    @Test
    void portInUseIsSaidPlainly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Server server = create(new ServerConfig().host("127.0.0.1").port(taken.getLocalPort()));
            BindException e = assertThrows(BindException.class, server::initialise);
            assertTrue(e.getMessage().startsWith("port " + taken.getLocalPort() + " is already in use"), e.getMessage());
        }
    }

    @Test
    void closeStopsAcceptingAndPrintsTotals() throws Exception {
        Server server = start();
        assertEchoWorks(server);
        await(() -> server.stats().served() == 1, "the client to be seen leaving");
        int port = server.port();
        server.close();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        assertTrue(log().contains("closed port " + port + ": accepted 1, served 1, rejected 0"), log());
    }

    @Test
    void closeCutsOffClientsThatOutstayTheGracePeriod() throws Exception {
        Server server = start(new ServerConfig().graceMillis(100).timeoutMillis(60_000));
        Connection c = connect(server);
        await(() -> server.stats().active() == 1, "the client to be served");
        long start = System.nanoTime();
        server.close();
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "close took too long");
        assertNull(c.receive());
    }

    protected void assertEchoWorks(Server server) throws Exception {
        try (Connection fresh = Connection.open("127.0.0.1", server.port(), 5_000)) {
            fresh.setReadTimeout(10_000);
            fresh.sendText("still there?");
            assertEquals("still there?", Json.parseObject(fresh.receive()).get("echo"));
        }
    }
}
