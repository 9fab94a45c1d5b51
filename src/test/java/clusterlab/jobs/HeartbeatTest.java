package clusterlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.Eventually;
import clusterlab.CommandLine;
import clusterlab.wire.Connection;
import clusterlab.wire.FrameReader;
import clusterlab.wire.Handshake;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The heartbeat of a node session: pings keep an idle one open, and either side drops a peer that went silent. */
@Timeout(60)
class HeartbeatTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ByteArrayOutputStream nodeBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream clientBytes = new ByteArrayOutputStream();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private NodeDaemon node(Duration idleTimeout) throws IOException {
        NodeDaemon node = NodeDaemon.start(new NodeDaemon.Config().workers(1).insecure().port(0).idleTimeout(idleTimeout)
                .log(new PrintStream(nodeBytes, true, StandardCharsets.UTF_8)));
        open.add(node);
        return node;
    }

    private JobServer jobServer(JobServer.Builder builder) throws IOException {
        JobServer server = builder.insecure().log(new PrintStream(clientBytes, true, StandardCharsets.UTF_8)).build();
        open.add(server);
        return server;
    }

    private String nodeLog() {
        return nodeBytes.toString(StandardCharsets.UTF_8);
    }

    private String clientLog() {
        return clientBytes.toString(StandardCharsets.UTF_8);
    }

    /** A raw client past the handshake, as a job server would be, reading with a generous limit. */
    private Connection session(NodeDaemon node) throws IOException {
        Connection c = Connection.open("127.0.0.1", node.port(), 5000);
        open.add(c);
        c.setReadTimeout(20_000);
        Handshake.client(c, null, "raw client");
        return c;
    }

    @Test
    void theNodeAnswersAPingAndClosesASessionThatThenStaysSilent() throws Exception {
        NodeDaemon node = node(Duration.ofSeconds(1));
        Connection c = session(node);
        long silentSince = System.nanoTime(); // the node cannot have read the ping before it was sent
        new MessageWriter(new BufferedOutputStream(c.socket().getOutputStream())).write(new Message.Ping());
        MessageReader in = new MessageReader(c::receive, "node");
        assertEquals(new Message.Pong(), in.read());
        assertNull(in.read(), "the node closes the session");
        // A lower bound only: the node may not close a session before its idle timeout.
        assertTrue(System.nanoTime() - silentSince > 500_000_000L, "closed too early");
        String line = "session from 127.0.0.1:" + c.socket().getLocalPort() + " closed: silent for 1 s, 0 jobs\n";
        Eventually.await("the node's log line", () -> nodeLog().contains(line), this::nodeLog);
        assertEquals(1, nodeLog().lines().filter(l -> l.contains("silent")).count(), nodeLog());
    }

    @Test
    void aPongFromAJobServerEndsItsSessionInOneLine() throws Exception {
        NodeDaemon node = node(Duration.ofSeconds(30));
        Connection c = session(node);
        new MessageWriter(new BufferedOutputStream(c.socket().getOutputStream())).write(new Message.Pong());
        assertNull(c.receive(), "the node closes the session");
        String line = "session from 127.0.0.1:" + c.socket().getLocalPort() + " closed: 0 jobs (bad message from client 127.0.0.1:"
                + c.socket().getLocalPort() + ": a job server does not send \"pong\")\n";
        Eventually.await("the node's log line", () -> nodeLog().contains(line), this::nodeLog);
    }

    @Test
    void aJobServerGivesUpANodeThatStopsAnsweringAndRunsItsJobsElsewhere() throws Exception {
        Queue<Message> heard = new ConcurrentLinkedQueue<>();
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        open.add(listener);
        // A node that shakes hands, then reads everything and answers nothing, not even pings.
        Thread mute = new Thread(() -> {
            try (Socket socket = listener.accept()) {
                listener.close(); // the job server's retries find no one
                socket.setSoTimeout(20_000);
                Handshake.server(new Connection(socket, Handshake.MAX_FRAME_LENGTH), null, Map.of("workers", 2));
                MessageReader in = new MessageReader(new FrameReader(socket.getInputStream())::read, "job server");
                for (Message m = in.read(); m != null; m = in.read()) {
                    heard.add(m);
                }
            } catch (IOException e) {
                // the job server hung up
            }
        }, "mute node");
        mute.setDaemon(true);
        mute.start();
        String address = "127.0.0.1:" + listener.getLocalPort();
        JobServer server = jobServer(JobServer.builder().workers(0).threads().node(address).pingEvery(Duration.ofMillis(500)));
        assertEquals(Map.of("local", 0, address, 2), server.activeNodes());
        List<Job<Object>> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(server.submit(Tasks.Echo.class, i));
        }
        Eventually.await("the jobs at the mute node", () -> heard.stream().anyMatch(m -> m instanceof Message.Run), heard::toString);
        server.setWorkers(1); // somewhere for the jobs to go once the node is given up
        Eventually.await("all jobs done", () -> jobs.stream().allMatch(Job::isDone), this::clientLog);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, jobs.get(i).get());
            assertEquals("local", jobs.get(i).ranOn());
        }
        // The link gives its jobs back before the line is logged, so the jobs may finish first.
        Eventually.await("the node given up", () -> clientLog().contains("node " + address
                + " lost (silent for 1500 ms); its jobs go back to the queue"), this::clientLog);
        assertTrue(heard.contains(new Message.Ping()), "the job server pinged while it waited: " + heard);
        assertEquals(Map.of("local", 1), server.activeNodes());
    }

    @Test
    void anIdleJobServerStaysConnectedPastTheNodesIdleTimeout() throws Exception {
        // Pings every second against a 4 s idle timeout. The job server itself gives the node up after
        // 3 s without a pong; so a machine may stall for 2 s, and neither side lets go.
        NodeDaemon node = node(Duration.ofSeconds(4));
        String address = "127.0.0.1:" + node.port();
        JobServer server = jobServer(JobServer.builder().workers(0).threads().node(address).pingEvery(Duration.ofSeconds(1)));
        assertEquals("before", server.submit(Tasks.Echo.class, "before").get());
        Thread.sleep(9000); // idle for over twice the node's idle timeout: only the pings go by
        assertFalse(nodeLog().contains(" closed: "), nodeLog());
        assertFalse(clientLog().contains(" lost "), clientLog());
        Job<Object> job = server.submit(Tasks.Echo.class, "after");
        assertEquals("after", job.get());
        assertEquals(address, job.ranOn());
        assertEquals(1, node.sessions());
        assertEquals(Map.of("local", 0, address, 1), server.activeNodes());
    }

    @Test
    void theIdleTimeoutIsCheckedAndDocumented() {
        CommandLine cli = new CommandLine();
        assertEquals(2, cli.run("node", "--insecure", "--port", "0", "--idle-timeout", "3s"));
        assertEquals("clusterlab node: --idle-timeout must be from 10s to 24h (job servers ping every 5 s when idle), not '3s'\n",
                cli.err());
        cli.reset();
        assertEquals(2, cli.run("node", "--insecure", "--port", "0", "--idle-timeout", "soon"));
        assertEquals("clusterlab node: --idle-timeout must be a duration such as 500ms, 30s, 2m or 1h, not 'soon'\n", cli.err());
        cli.reset();
        assertEquals(0, cli.run("node", "--help"));
        assertTrue(cli.out().contains("job servers ping every 5 s when idle"), cli.out());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeDaemon.start(new NodeDaemon.Config().insecure().port(0).idleTimeout(Duration.ZERO)));
        assertEquals("a node's idle timeout must be from 1 ms to 24 h, not PT0S", e.getMessage());
    }
}
