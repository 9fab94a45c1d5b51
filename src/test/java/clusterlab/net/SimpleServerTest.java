package clusterlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.wire.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimpleServerTest extends EchoServerContract {
    @Override
    protected Server create(ServerConfig config) {
        return new SimpleServer(config, new EchoService(), log);
    }

    @Override
    protected ServerConfig fullAfter(int held, ServerConfig config) {
        return config.poolSize(held / 2).queueSize(held - held / 2);
    }

    @Test
    void poolNeverGrowsPastItsSize() throws Exception {
        SimpleServer server = (SimpleServer) start(new ServerConfig().poolSize(3).queueSize(100).timeoutMillis(30_000));
        List<Connection> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(connect(server));
        }
        await(() -> server.stats().accepted() == 20 && server.stats().active() == 3, "20 accepted, 3 being served");
        assertEquals(3, server.threads());
        Thread.sleep(100); // were the pool to grow, it would have by now
        assertEquals(3, server.threads());
        assertEquals(3, server.stats().active(), "3 served, 17 waiting in the queue");
        for (Connection c : clients) {
            c.close();
        }
        await(() -> server.stats().served() == 20, "the queued clients to be served in turn");
        assertEquals(3, server.threads());
    }

    @Test
    void queuedClientIsServedWhenAThreadFreesUp() throws Exception {
        Server server = start(new ServerConfig().poolSize(1).queueSize(1).timeoutMillis(30_000));
        Connection first = connect(server);
        first.sendText("one");
        first.receive();
        Connection second = connect(server);
        second.sendText("two"); // waits in the queue: nobody reads it yet
        await(() -> server.stats().accepted() == 2, "2 accepted");
        first.close();
        assertTrue(new String(second.receive(), java.nio.charset.StandardCharsets.UTF_8).contains("\"echo\":\"two\""));
    }
}
