package clusterlab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clusterlab.Eventually;
import clusterlab.net.ServerConfig;
import clusterlab.wire.Connection;
import clusterlab.wire.Frames;
import clusterlab.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A collector on 127.0.0.1, port 0, fed by in-process agents, raw sockets and the article's Python worker. */
class CollectorTest {
    private static final int MAX_FRAME = 1024;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private final RecentLog log = new RecentLog(100, null);
    // Squares stay kept for 30 s: no test here waits for a node to fall silent.
    private final MonitorModel model = new MonitorModel(100, 120, Duration.ofSeconds(10), false, log);
    private final List<Thread> agents = new ArrayList<>();
    private Collector collector;

    @BeforeEach
    void start() throws IOException {
        collector = new Collector(new ServerConfig().host("127.0.0.1").port(0).poolSize(8).timeoutMillis(10_000)
                .maxFrameLength(MAX_FRAME), model);
        collector.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Thread agent : agents) {
            agent.interrupt();
            agent.join(10_000);
        }
        collector.close();
    }

    private Connection connect() throws IOException {
        Connection c = Connection.open("127.0.0.1", collector.port(), 10_000);
        c.setReadTimeout(15_000);
        return c;
    }

    /** A connection from another loopback address (127.0.0.2 ...), to play another machine; skipped where there is none. */
    private Connection connectFrom(String local) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(local, 0));
        } catch (IOException e) {
            socket.close();
            assumeTrue(false, "this system has no loopback address " + local);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", collector.port()), 10_000);
        Connection c = new Connection(socket);
        c.setReadTimeout(15_000);
        return c;
    }

    private void startAgent(MonitorAgent agent) {
        Thread thread = new Thread(() -> {
            try {
                agent.run();
            } catch (InterruptedException e) {
                // stopped by the test
            }
        }, "agent");
        thread.setDaemon(true);
        thread.start();
        agents.add(thread);
    }

    /** The one log line that mentions {@code text}, failing unless there is exactly one. */
    private String logLine(String text) {
        List<String> lines = log.last(100).stream().filter(l -> l.contains(text)).toList();
        assertEquals(1, lines.size(), "one line about " + text + " in " + log.last(100));
        return lines.get(0);
    }

    @Test
    void threeSimulatedAgentsFillTheModel() {
        for (int i = 1; i <= 3; i++) {
            startAgent(new MonitorAgent("127.0.0.1", collector.port(), Duration.ofMillis(100), new SimulatedTemperature(i), QUIET)
                    .ip("10.0.0." + i).name("sim-" + i).count(5));
        }
        Eventually.await("15 reports", () -> model.reports() == 15, () -> model.nodes().toString());
        List<NodeStatus> nodes = model.nodes();
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), nodes.stream().map(NodeStatus::ip).toList());
        for (int i = 0; i < 3; i++) {
            NodeStatus n = nodes.get(i);
            assertEquals("sim-" + (i + 1), n.host());
            assertEquals("127.0.0.1", n.peer());
            assertEquals(5, n.reports());
            assertEquals(5, n.held());
            assertTrue(n.latest().temp() >= 40 && n.latest().temp() <= 80, n.toString());
            assertTrue(n.latest().memTotalMiB() > 0, "an agent reports its memory");
        }
        Eventually.await("the agents to close their connections", () -> collector.open() == 0);
        assertEquals(3, collector.connections(), "one connection each, kept for all five reports");
        assertEquals(0, model.rejected());
    }

    @Test
    void anAgentPerReportConnectsForEachReport() {
        startAgent(new MonitorAgent("127.0.0.1", collector.port(), Duration.ofMillis(50), new SimulatedTemperature(7), QUIET)
                .ip("10.0.0.9").count(4).perReport(true));
        Eventually.await("4 reports", () -> model.reports() == 4);
        Eventually.await("4 connections", () -> collector.connections() == 4);
    }

    @Test
    void theArticlesPythonWorkerIsAccepted() throws Exception {
        String worker = String.join("\n",
                "import json, socket, struct, sys",
                "for i in range(3):",
                "    report = json.dumps({'ip': '192.168.4.%d' % (i + 1), 'temp': 45.0 + 10 * i}).encode('utf-8')",
                "    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
                "    s.connect(('127.0.0.1', int(sys.argv[1])))",
                "    s.sendall(struct.pack('>I', len(report)) + report)",
                "    s.close()");
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", worker, String.valueOf(collector.port())).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed");
            return;
        }
        assertTrue(python.waitFor(30, TimeUnit.SECONDS), "the python worker finished");
        assertEquals(0, python.exitValue(), new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Eventually.await("3 reports", () -> model.reports() == 3, () -> log.last(100).toString());
        assertEquals(List.of(45.0, 55.0, 65.0), model.nodes().stream().map(n -> n.latest().temp()).toList());
        assertEquals(3, collector.connections(), "one connection per report, as in the article");
        assertEquals(0, model.rejected());
    }

    /** Sends {@code bytes} raw, then expects an error frame naming {@code reason}, a closed connection and one log line. */
    private void refusedWith(byte[] bytes, String reason) throws Exception {
        long rejected = model.rejected();
        try (Connection c = connect()) {
            c.socket().getOutputStream().write(bytes);
            Map<String, Object> said = c.receiveJson();
            assertTrue(String.valueOf(said.get("error")).contains(reason), said.toString());
            assertNull(c.receive(), "then the head closed the connection");
        }
        Eventually.await("the log line", () -> log.last(100).stream().anyMatch(l -> l.contains(reason)));
        assertTrue(logLine(reason).matches("\\d\\d:\\d\\d:\\d\\d dropped 127\\.0\\.0\\.1:\\d+: .*"), logLine(reason));
        assertEquals(rejected + 1, model.rejected());
    }

    private void stillServing(String ip) throws Exception {
        try (Connection c = connect()) {
            c.sendJson(Report.of(ip, 50).toJson());
        }
        Eventually.await(ip + " on the grid", () -> model.nodes().stream().anyMatch(n -> n.ip().equals(ip)));
    }

    @Test
    void garbageJsonClosesThatConnectionOnlyAndIsLoggedOnce() throws Exception {
        Connection bystander = connect();
        bystander.sendJson(Report.of("10.9.9.9", 41).toJson());
        refusedWith(Frames.encode("{\"ip\": \"10.0.0.1\", temp}".getBytes(StandardCharsets.UTF_8)), "invalid JSON at line 1, column 20");
        bystander.sendJson(Report.of("10.9.9.9", 42).toJson());
        Eventually.await("the bystander's second report", () -> model.reports() == 2);
        bystander.close();
        stillServing("10.0.0.2");
    }

    @Test
    void aMalformedReportIsRefusedWithItsReason() throws Exception {
        refusedWith(Frames.encode(Json.writeUtf8(Map.of("ip", "10.0.0.1"))), "report has no \"temp\"");
        refusedWith(Frames.encode(Json.writeUtf8(Map.of("ip", "10.0.0.1", "temp", "warm"))), "must be degrees Celsius");
        stillServing("10.0.0.3");
    }

    @Test
    void anOversizedFrameIsRefusedBeforeItsBytesAreRead() throws Exception {
        refusedWith(Frames.header(5_000_000), "frame length 5000000 is over the limit of " + MAX_FRAME + " bytes");
        stillServing("10.0.0.4");
    }

    @Test
    void aFrameCutShortIsLogged() throws Exception {
        try (Socket s = new Socket("127.0.0.1", collector.port())) {
            s.getOutputStream().write(Frames.header(100));
            s.getOutputStream().write(new byte[10]);
        }
        Eventually.await("the log line", () -> log.last(100).stream().anyMatch(l -> l.contains("truncated frame")));
        assertTrue(logLine("truncated frame").endsWith("truncated frame: connection closed after 10 of 100 payload bytes"));
        assertEquals(1, model.rejected());
        stillServing("10.0.0.5");
    }

    @Test
    void oneAddressCannotOverwriteAnotherNodesSquare() throws Exception {
        try (Connection pi = connectFrom("127.0.0.2")) {
            pi.sendJson(Report.of("127.0.0.2", 50).toJson());
            Eventually.await("the Pi's square", () -> model.reports() == 1);
            try (Connection other = connectFrom("127.0.0.3")) {
                other.sendJson(Report.of("127.0.0.2", 99).toJson());
                assertTrue(String.valueOf(other.receiveJson().get("error"))
                        .startsWith("report for 127.0.0.2 from 127.0.0.3 refused: that square is kept by 127.0.0.2"));
                assertNull(other.receive());
            }
            assertEquals(50.0, model.nodes().get(0).latest().temp(), "the square is unchanged");
            assertTrue(logLine("refused").contains("dropped 127.0.0.3:"));
            pi.sendJson(Report.of("127.0.0.2", 51).toJson());
            Eventually.await("the Pi's next report", () -> model.reports() == 2);
        }
        assertEquals(1, model.rejected());
    }

    @Test
    void anAgentLogsWhyTheHeadDroppedIt() throws Exception {
        try (Connection pi = connectFrom("127.0.0.2")) {
            pi.sendJson(Report.of("127.0.0.2", 50).toJson());
            Eventually.await("the Pi's square", () -> model.reports() == 1);
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            startAgent(new MonitorAgent("127.0.0.1", collector.port(), Duration.ofSeconds(1), new SimulatedTemperature(1),
                    new PrintStream(said, true, StandardCharsets.UTF_8)).ip("127.0.0.2"));
            Eventually.await("the agent to say why", () -> said.toString(StandardCharsets.UTF_8).contains("the head dropped this agent:"),
                    () -> said.toString(StandardCharsets.UTF_8));
            assertTrue(said.toString(StandardCharsets.UTF_8).contains("the head dropped this agent: report for 127.0.0.2 from 127.0.0.1"
                    + " refused: that square is kept by 127.0.0.2"), said.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void whenEveryReaderIsBusyANewConnectionIsTurnedAway() throws Exception {
        collector.close();
        collector = new Collector(new ServerConfig().host("127.0.0.1").port(0).poolSize(1).timeoutMillis(10_000), model);
        collector.start();
        try (Connection first = connect()) {
            first.sendJson(Report.of("10.0.0.1", 50).toJson());
            Eventually.await("the first report", () -> model.reports() == 1);
            try (Connection second = connect()) {
                assertNull(second.receive(), "closed at once");
            }
            Eventually.await("the count", () -> collector.turnedAway() == 1);
            assertTrue(logLine("turned away").endsWith("all 1 reader threads are busy"));
            first.sendJson(Report.of("10.0.0.1", 51).toJson());
            Eventually.await("the first agent goes on", () -> model.reports() == 2);
        }
    }

    @Test
    void aSilentConnectionIsDroppedAfterTheTimeout() throws Exception {
        collector.close();
        collector = new Collector(new ServerConfig().host("127.0.0.1").port(0).timeoutMillis(300), model);
        collector.start();
        try (Connection silent = connect()) {
            assertNull(silent.receive(), "dropped");
        }
        Eventually.await("the count", () -> collector.timedOut() == 1);
        assertTrue(logLine("silent for").endsWith("silent for 0.3 s"));
        assertFalse(logLine("silent for").contains("\n"));
    }
}
