package clusterlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.Eventually;
import clusterlab.CommandLine;
import clusterlab.jobs.Message.RunEntry;
import clusterlab.wire.Connection;
import clusterlab.wire.FrameReader;
import clusterlab.wire.Frames;
import clusterlab.wire.Handshake;
import clusterlab.wire.Secret;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Node daemons in this JVM on loopback, and job servers (threads or none locally) that use them. */
@Timeout(60)
class NodeDaemonTest {
    @TempDir
    static Path dir;
    private static Secret secret;
    private static Secret otherSecret;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ByteArrayOutputStream nodeBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream clientBytes = new ByteArrayOutputStream();

    @BeforeAll
    static void secrets() throws IOException {
        secret = Secret.load(Secret.createNew(dir.resolve("secret"), false));
        otherSecret = Secret.load(Secret.createNew(dir.resolve("other"), false));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private NodeDaemon node(NodeDaemon.Config config) throws IOException {
        NodeDaemon node = NodeDaemon.start(config.port(0).log(new PrintStream(nodeBytes, true, StandardCharsets.UTF_8)));
        open.add(node);
        return node;
    }

    private NodeDaemon node(Secret s) throws IOException {
        return node(new NodeDaemon.Config().host("127.0.0.1").workers(2).secret(s));
    }

    private JobServer.Builder client() {
        return JobServer.builder().workers(0).log(new PrintStream(clientBytes, true, StandardCharsets.UTF_8));
    }

    private JobServer build(JobServer.Builder builder) throws IOException {
        JobServer server = builder.build();
        open.add(server);
        return server;
    }

    private String nodeLog() {
        return nodeBytes.toString(StandardCharsets.UTF_8);
    }

    private String clientLog() {
        return clientBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withTheRightSecretJobsRunOnTheNode() throws Exception {
        NodeDaemon node = node(secret);
        assertTrue(nodeLog().startsWith("node listening on 127.0.0.1:" + node.port() + " with 2 workers (secret fingerprint "
                + secret.fingerprint() + ")"), nodeLog());
        String address = "127.0.0.1:" + node.port();
        JobServer server = build(client().node(address).secret(secret));
        assertEquals(Map.of("local", 0, address, 2), server.activeNodes());
        assertEquals(List.of("local", address), new ArrayList<>(server.activeNodes().keySet()));
        List<Job<List<Long>>> jobs = new ArrayList<>();
        for (int n = 10; n < 20; n++) {
            jobs.add(server.submit(Tasks.Fib.class, n));
        }
        for (Job<List<Long>> job : jobs) {
            assertEquals(Tasks.fib(job.get().get(0).intValue()), job.get().get(1));
            assertEquals(address, job.ranOn());
        }
        assertTrue(clientLog().contains("node " + address + " joined with 2 workers"), clientLog());
        assertEquals(1, node.sessions());
        assertTrue(server.stats().toString().contains("| " + address + "\n"), server.stats().toString());
        server.close();
        Eventually.await("the session's end in the node's log", () -> nodeLog().contains(" closed: 10 jobs"), this::nodeLog);
        assertTrue(nodeLog().matches("(?s).*session from 127\\.0\\.0\\.1:\\d+ \\(client job server pid \\d+\\) opened.*"), nodeLog());
    }

    @Test
    void aWrongSecretIsRefusedOnBothSides() throws Exception {
        NodeDaemon node = node(secret);
        IOException e = assertThrows(IOException.class, () -> build(client().node("127.0.0.1:" + node.port()).secret(otherSecret)));
        assertTrue(e.getMessage().contains("node 127.0.0.1:" + node.port() + " failed to prove the shared secret (wrong secret file?)"),
                e.getMessage());
        Eventually.await("the node's refusal", () -> nodeLog().contains("refused 127.0.0.1:"), this::nodeLog);
        assertTrue(clientLog().contains("not trying 127.0.0.1:" + node.port() + " again"), clientLog());
    }

    @Test
    void noSecretMeetsOnlyAnInsecureNode() throws Exception {
        NodeDaemon secured = node(secret);
        IOException e = assertThrows(IOException.class, () -> build(client().node("127.0.0.1:" + secured.port()).insecure()));
        assertTrue(e.getMessage().contains("this node requires a shared secret"), e.getMessage());
        Eventually.await("the node's refusal", () -> nodeLog().contains("this node requires a shared secret"), this::nodeLog);

        NodeDaemon insecure = node(new NodeDaemon.Config().workers(1).insecure());
        assertTrue(nodeLog().contains("node listening on 127.0.0.1:" + insecure.port() + " with 1 worker (insecure: no secret)"));
        e = assertThrows(IOException.class, () -> build(client().node("127.0.0.1:" + insecure.port()).secret(secret)));
        assertTrue(e.getMessage().contains("runs --insecure") || e.getMessage().contains("no shared secret"), e.getMessage());
        JobServer server = build(client().node("127.0.0.1:" + insecure.port()).insecure());
        assertEquals("ok", server.submit(Tasks.Echo.class, "ok").get());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> NodeDaemon.start(new NodeDaemon.Config().host("0.0.0.0").port(0).insecure()));
        assertTrue(bad.getMessage().startsWith("an insecure node listens on loopback only (127.0.0.1), not 0.0.0.0"));
    }

    @Test
    void garbageOversizedFramesAndTooManySessionsAreRefusedAndTheNodeCarriesOn() throws Exception {
        NodeDaemon node = node(new NodeDaemon.Config().host("127.0.0.1").workers(1).secret(secret).maxSessions(2));
        try (Socket garbage = new Socket(InetAddress.getLoopbackAddress(), node.port());
                Socket oversized = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
            garbage.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            oversized.getOutputStream().write(Frames.header(Integer.MAX_VALUE));
            assertClosed(garbage);
            assertClosed(oversized);
        }
        Eventually.await("two refusals", () -> nodeLog().split("refused 127").length == 3, this::nodeLog);
        assertTrue(nodeLog().contains("is over the limit of 4096 bytes"), nodeLog());

        try (Socket first = new Socket(InetAddress.getLoopbackAddress(), node.port());
                Socket second = new Socket(InetAddress.getLoopbackAddress(), node.port());
                Socket third = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
            assertTrue(first.isConnected() && second.isConnected()); // both silent, in their handshakes
            third.setSoTimeout(20_000);
            String reply = new String(third.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.endsWith("{\"type\":\"refused\",\"reason\":\"node busy: 2 sessions already\"}")
                    || reply.endsWith("{\"reason\":\"node busy: 2 sessions already\",\"type\":\"refused\"}"), reply);
        } // closing the two silent ones ends their handshakes
        // Garbage, oversized, one over the limit, and the two silent ones once they closed.
        Eventually.await("five refusals", () -> node.refused() == 5, this::nodeLog);
        JobServer server = build(client().node("127.0.0.1:" + node.port()).secret(secret));
        assertEquals(3, server.submit(Tasks.Echo.class, 3).get());
    }

    private static void assertClosed(Socket socket) throws IOException {
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
            // the node may say why before it closes
        }
    }

    @Test
    void aClientFloodingBeyondItsQueueIsToldBusy() throws Exception {
        NodeDaemon node = node(new NodeDaemon.Config().host("127.0.0.1").workers(1).secret(secret).queue(2));
        try (Connection c = Connection.open("127.0.0.1", node.port(), 5000)) {
            c.setReadTimeout(20_000);
            Map<String, Object> welcome = Handshake.client(c, secret, "flooder");
            assertEquals(2L, welcome.get("queue"));
            MessageWriter out = new MessageWriter(new BufferedOutputStream(c.socket().getOutputStream()));
            MessageReader in = new MessageReader(c::receive, "node");
            List<ShippedClass> classes = new Shipping().forJob(Tasks.Sleep.class, new Class<?>[0]);
            out.write(new Message.Classes(classes.stream().map(ShippedClass::name).toList(),
                    classes.stream().map(ShippedClass::bytecode).toList()));
            List<RunEntry> jobs = new ArrayList<>();
            Object[][] args = new Object[5][];
            for (int i = 0; i < 5; i++) {
                jobs.add(new RunEntry(i + 1, Tasks.Sleep.class.getName()));
                args[i] = new Object[] {1000};
            }
            out.write(new Message.Run(jobs, JobData.encode(args, n -> true)));
            assertEquals(new Message.Busy(List.of(3L, 4L, 5L)), in.read());
        }
        // A job server learns the node's queue from its welcome and keeps within it.
        JobServer server = build(client().node("127.0.0.1:" + node.port()).secret(secret));
        List<Job<Object>> jobs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            jobs.add(server.submit(Tasks.Echo.class, i));
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(i, jobs.get(i).get());
        }
    }

    @Test
    void aJobServerToldBusySendsTheJobsAgainLater() throws Exception {
        // A node that does not say how many jobs it holds: the job server finds out from "busy".
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // The node's workers are held up until the jobs have been offered, so that it must say "busy".
        CountDownLatch gate = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            pool.submit(() -> gate.await(20, TimeUnit.SECONDS));
        }
        Queue<String> said = new ConcurrentLinkedQueue<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread node = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(20_000);
                    Handshake.server(new Connection(socket, Handshake.MAX_FRAME_LENGTH), secret, Map.of("workers", 2));
                    socket.setSoTimeout(0);
                    new ExecutorSession(new MessageReader(new FrameReader(socket.getInputStream())::read, "client"),
                            new MessageWriter(new BufferedOutputStream(socket.getOutputStream())), pool, 1, "client", socket, said::add)
                            .serve();
                } catch (IOException e) {
                    // the job server closed
                }
            });
            node.setDaemon(true);
            node.start();
            JobServer server = build(client().node("127.0.0.1:" + listener.getLocalPort()).secret(secret));
            List<Job<Object>> jobs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                jobs.add(server.submit(Tasks.Echo.class, i));
            }
            Eventually.await("the node to say busy", () -> said.stream().anyMatch(line -> line.startsWith("busy: refused ")),
                    said::toString);
            gate.countDown();
            for (int i = 0; i < 40; i++) {
                assertEquals(i, jobs.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNodeLostMidRunHandsItsJobsBack() throws Exception {
        NodeDaemon node = node(secret);
        String address = "127.0.0.1:" + node.port();
        JobServer server = build(client().workers(1).threads().node(address).secret(secret));
        Map<Long, AtomicInteger> callbacks = new ConcurrentHashMap<>();
        List<Job<Long>> jobs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            jobs.add(server.job(Tasks.Sleep.class).args(300)
                    .callback(job -> callbacks.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet()).submit());
        }
        Eventually.await("a job done on the node", () -> jobs.stream().anyMatch(j -> address.equals(j.ranOn())));
        node.close();
        server.waitAll();
        for (Job<Long> job : jobs) {
            assertEquals(ProcessHandle.current().pid(), job.get(), job + " failed");
        }
        assertEquals(12, callbacks.size());
        callbacks.values().forEach(n -> assertEquals(1, n.get()));
        assertTrue(jobs.stream().anyMatch(j -> "local".equals(j.ranOn())), "no job ran locally");
        // The link gives its jobs back before the line is logged, so the jobs may finish first.
        Eventually.await("the node given up", () -> clientLog().contains("node " + address + " lost ("), this::clientLog);
        assertEquals(Map.of("local", 1), server.activeNodes());
    }

    @Test
    void discoveryFindsNodesWithTheSecretOnly() throws Exception {
        NodeDaemon node = node(new NodeDaemon.Config().host("127.0.0.1").workers(2).secret(secret).discoverable(0));
        NodeDaemon stranger = node(new NodeDaemon.Config().host("127.0.0.1").workers(2).secret(otherSecret).discoverable(0));
        JobServer server = build(client().discover().discoveryTarget(new InetSocketAddress("127.0.0.1", node.discoveryPort()))
                .secret(secret));
        // An answer slower than the first round of discovery is found by the next one.
        Eventually.await("the node found", () -> server.activeNodes().equals(Map.of("local", 0, "127.0.0.1:" + node.port(), 2)),
                () -> server.activeNodes() + "\n" + clientLog());
        assertEquals("found", server.submit(Tasks.Echo.class, "found").get());

        JobServer other = build(client().workers(1).threads().discover()
                .discoveryTarget(new InetSocketAddress("127.0.0.1", stranger.discoveryPort())).secret(secret));
        Eventually.await("the stranger ignored", () -> clientLog().contains("ignored 127.0.0.1:" + stranger.discoveryPort() + ": "),
                this::clientLog);
        assertEquals(Map.of("local", 1), other.activeNodes());
    }

    @Test
    void theNodeCommandRefusesBadSetups() {
        CommandLine cli = new CommandLine();
        assertEquals(2, cli.run("node", "--insecure", "--host", "0.0.0.0", "--port", "0"));
        assertEquals("clusterlab node: an insecure node listens on loopback only (127.0.0.1), not 0.0.0.0:"
                + " anyone who reaches it may run code on it\n", cli.err());
        cli.reset();
        assertEquals(2, cli.run("node", "--secret-file", dir.resolve("missing").toString(), "--port", "0"));
        assertTrue(cli.err().startsWith("clusterlab node: no secret file " + dir.resolve("missing")), cli.err());
        assertEquals(1, cli.err().lines().count());
        cli.reset();
        assertEquals(2, cli.run("node", "--insecure", "--discovery-port", "5"));
        assertEquals("clusterlab node: --discovery-port goes with --discoverable\n", cli.err());
        cli.reset();
        assertEquals(2, cli.run("node", "--workers", "0"));
        assertTrue(cli.err().startsWith("clusterlab node: --workers must be a whole number from 1 to 4096"), cli.err());
    }
}
