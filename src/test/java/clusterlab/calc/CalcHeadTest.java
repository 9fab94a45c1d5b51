package clusterlab.calc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.net.ServerConfig;
import clusterlab.wire.Connection;
import clusterlab.wire.RawDoubles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalcHeadTest {
    private static final String FUNCTION = "sin(x)*cos(y) + x^2/10";
    private static final List<String> XY = List.of("x", "y");

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private final ExecutorService nodes = Executors.newCachedThreadPool();
    private CalcHead head;

    @BeforeEach
    void startHead() throws Exception {
        head = new CalcHead(new ServerConfig().host("127.0.0.1").port(0).timeoutMillis(10_000).graceMillis(2_000), log);
        head.start();
    }

    @AfterEach
    void stop() throws Exception {
        head.close();
        nodes.shutdown();
        assertTrue(nodes.awaitTermination(20, TimeUnit.SECONDS), "nodes did not exit after the head said bye");
    }

    private Future<Integer> startNode(int threads) {
        CalcNode node = new CalcNode("127.0.0.1", head.port(), threads, "expr", 2_000, log);
        return nodes.submit(node::run);
    }

    private static double[][] grid(int n) {
        double[][] points = new double[n * n][];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                points[i * n + j] = new double[] {-5 + 10.0 * i / (n - 1), -5 + 10.0 * j / (n - 1)};
            }
        }
        return points;
    }

    private static double[] local(double[][] points) throws Exception {
        try (LocalEvaluator local = new LocalEvaluator(FUNCTION, XY, 1)) {
            return local.evaluate(points);
        }
    }

    @Test
    void threeNodesGiveExactlyTheLocalResultsInOrder() throws Exception {
        for (int i = 0; i < 3; i++) {
            startNode(2);
        }
        head.awaitNodes(3, 10_000);
        double[][] points = grid(60);
        assertArrayEquals(local(points), head.evaluatePoints(FUNCTION, XY, points, 97));
        ByteArrayOutputStream stats = new ByteArrayOutputStream();
        head.printStats(new PrintStream(stats, true, StandardCharsets.UTF_8));
        assertEquals(4, stats.toString(StandardCharsets.UTF_8).lines().count(), "a header and one line per node");
    }

    @Test
    void theMinimumSearchOverThreeNodesEqualsTheLocalOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            startNode(1);
        }
        head.awaitNodes(3, 10_000);
        String himmelblau = "(x^2+y-11)^2+(x+y^2-7)^2";
        double[] lo = {-5, -5};
        double[] hi = {5, 5};
        Minimizer.Result spread = new Minimizer(head.evaluator(himmelblau, XY, 300), lo, hi).batchSize(300).run();
        try (LocalEvaluator local = new LocalEvaluator(himmelblau, XY, 1)) {
            Minimizer.Result alone = new Minimizer(local, lo, hi).batchSize(300).run();
            assertEquals(alone.minima(), spread.minima());
            assertEquals(4, alone.minima().size());
        }
    }

    @Test
    void aNodeRunsCommandsOnlyWithItsOwnEngine() throws Exception {
        startNode(1);
        head.awaitNodes(1, 10_000);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> head.evaluateCommands("javascript", List.of("y = 1"), 1));
        assertEquals("this node runs commands with the expr engine only, not javascript (calc-node --engine chooses)",
                e.getMessage());
    }

    @Test
    void commandsComeBackInTheOrderSubmitted() throws Exception {
        startNode(1);
        startNode(1);
        head.awaitNodes(2, 10_000);
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            commands.add("y = " + i + "^2");
        }
        double[] values = head.evaluateCommands("expr", commands, 3);
        for (int i = 0; i < 50; i++) {
            assertEquals(i * i, values[i], 0.0);
        }
    }

    @Test
    void aFunctionThatDoesNotCompileFailsTheRunAndTheHeadGoesOn() throws Exception {
        startNode(1);
        head.awaitNodes(1, 10_000);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> head.evaluatePoints("sin(x", XY, grid(5), 10));
        assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
        assertArrayEquals(local(grid(5)), head.evaluatePoints(FUNCTION, XY, grid(5), 10));
    }

    @Test
    void aNodeThatSendsGarbageLosesItsBatchToTheOthers() throws Exception {
        fakeNode(c -> {
            c.receiveJson();
            c.receive();
            c.sendText("this is not the answer");
        });
        assertBatchSurvives("lost (invalid JSON at line 1, column 1");
    }

    @Test
    void aNodeThatDiesMidBatchLosesItsBatchToTheOthers() throws Exception {
        fakeNode(c -> {
            c.receiveJson();
            c.receive(); // takes the batch, then hangs up without an answer
        });
        assertBatchSurvives("lost (the node closed the connection)");
    }

    /** With only the bad node there, a run starts; it fails its batch; a good node joins and finishes the run. */
    private void assertBatchSurvives(String expectedLog) throws Exception {
        head.awaitNodes(1, 10_000);
        double[][] points = grid(30);
        Future<double[]> run = nodes.submit(() -> head.evaluatePoints(FUNCTION, XY, points, 50));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!log().contains(expectedLog) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(log().contains(expectedLog) && log().contains("goes to another node"), log());
        startNode(1);
        assertArrayEquals(local(points), run.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aNodeThatJoinsDuringARunGetsWork() throws Exception {
        fakeNode(c -> { // a correct but slow node: 200 ms a batch
            try (LocalEvaluator local = new LocalEvaluator(FUNCTION, XY, 1)) {
                for (Map<String, Object> request = c.receiveJson(); request != null && "points".equals(request.get("type"));
                        request = c.receiveJson()) {
                    int count = ((Long) request.get("count")).intValue();
                    double[] flat = RawDoubles.decode(c.receive(), count * 2);
                    double[][] rows = new double[count][];
                    for (int i = 0; i < count; i++) {
                        rows[i] = new double[] {flat[2 * i], flat[2 * i + 1]};
                    }
                    double[] values = local.evaluate(rows);
                    Thread.sleep(200);
                    head.awaitNodes(2, 30_000); // the run cannot end before the late node is there
                    c.sendJson(Map.of("type", "result", "id", request.get("id"), "count", count));
                    c.send(RawDoubles.encode(values));
                }
            }
        });
        head.awaitNodes(1, 10_000);
        double[][] points = grid(40);
        Future<double[]> run = nodes.submit(() -> head.evaluatePoints(FUNCTION, XY, points, 50)); // 32 batches
        startNode(1);
        assertArrayEquals(local(points), run.get(60, TimeUnit.SECONDS));
        assertTrue(log().contains("(2 nodes)"), log());
        ByteArrayOutputStream stats = new ByteArrayOutputStream();
        head.printStats(new PrintStream(stats, true, StandardCharsets.UTF_8));
        String late = stats.toString(StandardCharsets.UTF_8).lines().skip(2).findFirst().orElseThrow();
        assertTrue(!late.matches(".*\\s0\\s+0\\s+0$"), "the late node did some batches:\n" + stats);
    }

    @Test
    void aHelloThatIsNotAHelloIsRefused() throws Exception {
        try (Connection c = Connection.open("127.0.0.1", head.port(), 5_000)) {
            c.sendJson(Map.of("type", "greetings"));
            c.setReadTimeout(5_000);
            assertEquals(null, c.receive(), "the head hangs up");
        }
        assertEquals(0, head.nodeCount());
    }

    @Test
    void aNodeGivesUpWhenNoHeadAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CalcNode node = new CalcNode("127.0.0.1", port, 1, "expr", 1_000, log);
        assertEquals(1, node.run());
        assertTrue(log().contains("retrying in 0.5 s"), log());
        assertTrue(log().contains("giving up: no head at 127.0.0.1:" + port + " for 1 s"), log());
    }

    @Test
    void nodesExitCleanlyWhenTheHeadSaysGoodbye() throws Exception {
        Future<Integer> node = startNode(1);
        head.awaitNodes(1, 10_000);
        head.close();
        assertEquals(0, node.get(10, TimeUnit.SECONDS));
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    interface Script {
        void play(Connection c) throws Exception;
    }

    /** A node that says hello properly, then misbehaves as the script says. */
    private void fakeNode(Script script) {
        Thread t = new Thread(() -> {
            try (Connection c = Connection.open("127.0.0.1", head.port(), 5_000)) {
                c.sendJson(Map.of("type", "hello", "name", "fake", "threads", 1));
                script.play(c);
            } catch (Exception ignored) {
                // The fake node's own troubles do not matter: the head's reaction is under test.
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
