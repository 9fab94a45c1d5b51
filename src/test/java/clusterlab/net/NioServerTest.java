package clusterlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.wire.Connection;
import clusterlab.wire.Frames;
import clusterlab.wire.Json;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NioServerTest extends EchoServerContract {
    @Override
    protected Server create(ServerConfig config) {
        return new NioServer(config, new EchoService(), log, false);
    }

    @Override
    protected ServerConfig fullAfter(int held, ServerConfig config) {
        return config.maxConnections(held);
    }

    @Test
    void manyIdleConnectionsShareOneThread() throws Exception {
        Server server = start();
        int threadsBefore = Thread.activeCount();
        List<Connection> clients = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clients.add(connect(server));
        }
        await(() -> server.stats().active() == 300, "300 connections open");
        // Threads of other tests may come and go meanwhile (pools ending, say): count the server's own.
        assertEquals(1, Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("selector-" + server.port())).count());
        assertTrue(Thread.activeCount() < threadsBefore + 20, "a thread per connection: " + Thread.activeCount() + " threads");
        for (Connection c : clients) {
            c.sendText("x");
        }
        for (Connection c : clients) {
            assertEquals("x", Json.parseObject(c.receive()).get("echo"));
        }
    }

    @Test
    void aFrameSplitIntoSingleBytesIsAnsweredOnce() throws Exception {
        Server server = start();
        Connection c = connect(server);
        c.socket().setTcpNoDelay(true);
        byte[] frame = Frames.encode("piecemeal".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        OutputStream out = c.socket().getOutputStream();
        for (byte b : frame) {
            out.write(b);
            out.flush();
            Thread.sleep(2);
        }
        assertEquals("piecemeal", Json.parseObject(c.receive()).get("echo"));
        c.sendText("next");
        assertEquals("next", Json.parseObject(c.receive()).get("echo"));
    }
}
