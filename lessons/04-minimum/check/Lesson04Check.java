package lesson04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import clusterlab.calc.CalcHead;
import clusterlab.calc.CompiledFunction;
import clusterlab.calc.ExprEngine;
import clusterlab.calc.ExprException;
import clusterlab.calc.LocalEvaluator;
import clusterlab.calc.Minimizer;
import clusterlab.calc.Minimum;
import clusterlab.net.ServerConfig;
import clusterlab.wire.Connection;
import clusterlab.wire.RawDoubles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Collectors;
import javax.script.ScriptException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * The checker of lesson 04: searches the objectives with clusterlab's Minimizer, checks the speedup
 * table and Amdahl's law against worked values, and compares the batch plan with the batches a real
 * CalcHead sends a node. Every check gives up after 10 seconds, so code that loops for ever fails
 * instead of hanging.
 */
@DisplayName("Lesson 04: the minimum search")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson04Check {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    /** Points where the objectives are compared with the formulas, chosen to catch sign slips. */
    private static final double[][] SAMPLES = {
        {0, 0}, {1, 1}, {-1, 2}, {0.5, -0.5}, {2, -1}, {-3, 2}, {1.7, 0.8}, {-0.3, -1.9}, {2.5, 1.5},
    };

    // ---- (a) objectives ----

    private static double camel(double x, double y) {
        return (4 - 2.1 * x * x + x * x * x * x / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y;
    }

    private static double booth(double x, double y) {
        return (x + 2 * y - 7) * (x + 2 * y - 7) + (2 * x + y - 5) * (2 * x + y - 5);
    }

    @Test
    @DisplayName("(a) booth: the right value at a few points")
    void boothValues() {
        within(() -> assertValues("booth", Objectives.booth(), Lesson04Check::booth, "(x + 2y - 7)^2 + (2x + y - 5)^2"));
    }

    @Test
    @DisplayName("(a) booth: the search finds its minimum, 0 at (1, 3)")
    void boothMinimum() {
        within(() -> {
            String source = Objectives.booth();
            compile("booth", source);
            List<Minimum> minima = search(source, new double[] {-10, -10}, new double[] {10, 10});
            Minimum best = minima.get(0);
            if (!(Math.abs(best.value()) < 1e-6 && near(best.point(), 1, 3))) {
                fail("the best minimum of \"" + source + "\" over [-10, 10]^2 should be 0 at (1, 3); the search found "
                        + describeMinima(minima));
            }
        });
    }

    @Test
    @DisplayName("(a) sixHumpCamel: the right value at a few points")
    void camelValues() {
        within(() -> assertValues("sixHumpCamel", Objectives.sixHumpCamel(), Lesson04Check::camel,
                "(4 - 2.1x^2 + x^4/3)x^2 + xy + (-4 + 4y^2)y^2"));
    }

    @Test
    @DisplayName("(a) sixHumpCamel: the search finds both minima, -1.0316 at ±(0.0898, -0.7126)")
    void camelMinima() {
        within(() -> {
            String source = Objectives.sixHumpCamel();
            compile("sixHumpCamel", source);
            List<Minimum> minima = search(source, new double[] {-3, -2}, new double[] {3, 2});
            String found = "; over x in [-3, 3], y in [-2, 2] the search found " + describeMinima(minima);
            if (!(Math.abs(minima.get(0).value() + 1.0316) < 1e-3)) {
                fail("the lowest minimum of the six-hump camel should be -1.0316" + found);
            }
            for (double sign : new double[] {1, -1}) {
                double x = sign * 0.0898;
                double y = -sign * 0.7126;
                assertTrue(minima.stream().anyMatch(m -> Math.abs(m.value() + 1.0316) < 1e-3 && near(m.point(), x, y)),
                        String.format(Locale.ROOT, "no minimum of value -1.0316 at (%.4f, %.4f)", x, y) + found);
            }
        });
    }

    // ---- (b) speedup ----

    @Test
    @DisplayName("(b) Speedup.table: speedup T1/Tn and efficiency speedup/n, a row per time")
    void speedupTable() {
        within(() -> {
            double[] times = {12.0, 6.5, 4.6, 3.9};
            assertTable(times, Speedup.table(times.clone()));
        });
    }

    @Test
    @DisplayName("(b) Speedup.table: one time gives speedup 1, none an empty table")
    void speedupTableEdges() {
        within(() -> {
            assertTable(new double[] {7.5}, Speedup.table(new double[] {7.5}));
            List<Speedup.Row> none = Speedup.table(new double[0]);
            assertNotNull(none, "table(no times) returned null instead of an empty list");
            assertTrue(none.isEmpty(), "no times should give an empty table, not " + none);
            // On a slow network, more nodes can take longer: the speedup is then below 1, and that is
            // a result to report, not an error.
            assertTable(new double[] {2.0, 4.0}, Speedup.table(new double[] {2.0, 4.0}));
        });
    }

    @Test
    @DisplayName("(b) Speedup.table: refuses times that are zero, negative, NaN or infinite")
    void speedupTableRefuses() {
        within(() -> {
            assertTable(new double[] {3.0, 2.0}, Speedup.table(new double[] {3.0, 2.0}));
            double[][] bad = {{0.0}, {5.0, -1.0}, {5.0, Double.NaN}, {5.0, 3.0, Double.POSITIVE_INFINITY}};
            for (double[] times : bad) {
                double wrong = times[times.length - 1];
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Speedup.table(times),
                        "table(" + Arrays.toString(times) + ") should throw IllegalArgumentException: "
                                + wrong + " is not a time a run can take");
                assertMentions(e, wrong, "table(" + Arrays.toString(times) + ")");
            }
        });
    }

    @Test
    @DisplayName("(b) Speedup.amdahl: 1 / ((1-p) + p/n), e.g. p = 0.9 on 10 nodes gives 5.26")
    void amdahl() {
        within(() -> {
            assertAmdahl(1 / 0.19, 0.9, 10, "p = 0.9, n = 10: 1 / (0.1 + 0.09)");
            assertAmdahl(8, 1.0, 8, "everything in parallel: n times faster");
            assertAmdahl(1, 0.0, 100, "nothing in parallel: no faster at all");
            assertAmdahl(1, 0.5, 1, "one node: speedup 1 whatever p");
            assertAmdahl(1 / (0.05 + 0.95 / 1_000_000), 0.95, 1_000_000, "p = 0.95 on a million nodes");
            assertTrue(Speedup.amdahl(0.95, 1_000_000) < 20, "with p = 0.95 the speedup stays below 1/(1-p) = 20");
            for (int n = 1; n < 64; n++) {
                assertTrue(Speedup.amdahl(0.8, n + 1) > Speedup.amdahl(0.8, n),
                        "with p = 0.8, " + (n + 1) + " nodes should be faster than " + n);
            }
        });
    }

    @Test
    @DisplayName("(b) Speedup: times that follow Amdahl's law give Amdahl's speedups")
    void tableOfAmdahlTimes() {
        within(() -> {
            double p = 0.8;
            double[] times = new double[8];
            for (int n = 1; n <= times.length; n++) {
                times[n - 1] = 60 * ((1 - p) + p / n); // 60 s on one node, 20% of it serial
            }
            List<Speedup.Row> rows = Speedup.table(times);
            assertNotNull(rows, "table returned null");
            assertEquals(times.length, rows.size(), "one row per time");
            for (int n = 1; n <= times.length; n++) {
                Speedup.Row row = rows.get(n - 1);
                double law = Speedup.amdahl(p, n);
                assertClose(law, row.speedup(), "with " + n + " nodes, the measured speedup and amdahl(0.8, " + n + ")");
                assertClose(law / n, row.efficiency(), "with " + n + " nodes, the efficiency");
            }
        });
    }

    @Test
    @DisplayName("(b) Speedup.amdahl: refuses p outside [0, 1] and fewer than 1 node")
    void amdahlRefuses() {
        within(() -> {
            assertAmdahl(2, 1.0, 2, "first, the formula must work");
            for (double p : new double[] {-0.1, 1.5, Double.NaN}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Speedup.amdahl(p, 4),
                        "amdahl(" + p + ", 4) should throw IllegalArgumentException: p is a fraction, from 0 to 1");
                assertMentions(e, p, "amdahl(" + p + ", 4)");
            }
            for (int n : new int[] {0, -3}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Speedup.amdahl(0.5, n),
                        "amdahl(0.5, " + n + ") should throw IllegalArgumentException: a run needs at least 1 node");
                assertMentions(e, n, "amdahl(0.5, " + n + ")");
            }
        });
    }

    // ---- (c) batch plan ----

    @Test
    @DisplayName("(c) BatchPlan.split: 10 points in batches of 4 are [0,4] [4,4] [8,2]")
    void splitTen() {
        within(() -> assertPlan(new int[][] {{0, 4}, {4, 4}, {8, 2}}, 10, 4, "the last batch holds what is left"));
    }

    @Test
    @DisplayName("(c) BatchPlan.split: an exact multiple has no empty batch at the end")
    void splitExactMultiple() {
        within(() -> {
            assertPlan(new int[][] {{0, 4}, {4, 4}, {8, 4}}, 12, 4,
                    "12 = 3 x 4: three full batches, and no {12, 0} after them");
            assertPlan(new int[][] {{0, 1}, {1, 1}, {2, 1}}, 3, 1, "batches of one point");
            assertPlan(new int[][] {{0, 5}}, 5, 5, "exactly one full batch");
        });
    }

    @Test
    @DisplayName("(c) BatchPlan.split: 0 points give no batch, 7 in batches of 100 give one")
    void splitSmall() {
        within(() -> {
            assertPlan(new int[][] {{0, 7}}, 7, 100, "7 points fit in one batch of up to 100");
            assertPlan(new int[][] {{0, 1}}, 1, 10_000, "");
            assertPlan(new int[][] {}, 0, 4, "no points, nothing to send: an empty list, not a batch of length 0");
        });
    }

    @Test
    @DisplayName("(c) BatchPlan.split: refuses batchSize < 1 and points < 0, giving the value")
    void splitRefuses() {
        within(() -> {
            assertPlan(new int[][] {{0, 2}, {2, 1}}, 3, 2, "first, a plain plan must work");
            for (int size : new int[] {0, -1}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchPlan.split(10, size),
                        "split(10, " + size + ") should throw IllegalArgumentException: a batch must hold at least"
                                + " one point (with batches of 0 points the head would loop for ever)");
                assertMentions(e, size, "split(10, " + size + ")");
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchPlan.split(-5, 4),
                    "split(-5, 4) should throw IllegalArgumentException: there cannot be -5 points");
            assertMentions(e, -5, "split(-5, 4)");
        });
    }

    @Test
    @DisplayName("(c) BatchPlan.split: any plan up to 60 points covers them in order, no gap")
    void splitCovers() {
        within(() -> {
            for (int points = 0; points <= 60; points++) {
                for (int size = 1; size <= 13; size++) {
                    List<int[]> plan = BatchPlan.split(points, size);
                    String when = "split(" + points + ", " + size + ") = " + describe(plan);
                    assertNotNull(plan, "split(" + points + ", " + size + ") returned null");
                    int next = 0;
                    for (int i = 0; i < plan.size(); i++) {
                        int[] batch = plan.get(i);
                        if (batch == null || batch.length != 2) {
                            fail(when + ": batch " + i + " is not an int[] {offset, length}");
                        }
                        if (batch[0] != next) {
                            fail(when + ": batch " + i + " starts at " + batch[0] + ", but the points before it end at "
                                    + next + "; the batches must follow each other with no gap and no overlap");
                        }
                        boolean last = i == plan.size() - 1;
                        if (last ? batch[1] < 1 || batch[1] > size : batch[1] != size) {
                            fail(when + ": batch " + i + " holds " + batch[1] + " points; every batch but the last"
                                    + " holds " + size + ", and the last 1 to " + size
                                    + " (never 0: an empty batch is a wasted round trip)");
                        }
                        next += batch[1];
                    }
                    if (next != points) {
                        fail(when + ": the batches cover " + next + " points, not " + points);
                    }
                }
            }
        });
    }

    @Test
    @DisplayName("(c) BatchPlan.split: the same batches, in order, as a real CalcHead sends")
    void splitLikeCalcHead() {
        within(() -> {
            int[][] cases = {{10, 4}, {12, 4}, {7, 100}, {5, 1}, {1000, 97}, {1, 1}, {0, 3}};
            List<String> plans = new ArrayList<>();
            for (int[] c : cases) {
                plans.add(describe(BatchPlan.split(c[0], c[1])));
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            List<int[]> seen = Collections.synchronizedList(new ArrayList<>());
            ServerConfig config = new ServerConfig().host("127.0.0.1").port(0).timeoutMillis(5_000).graceMillis(1_000);
            try (CalcHead head = new CalcHead(config, new PrintStream(log, true, StandardCharsets.UTF_8))) {
                head.start();
                startRecordingNode(head.port(), seen);
                head.awaitNodes(1, 5_000);
                for (int i = 0; i < cases.length; i++) {
                    int points = cases[i][0];
                    int size = cases[i][1];
                    double[][] rows = new double[points][];
                    for (int j = 0; j < points; j++) {
                        rows[j] = new double[] {j}; // each point is its own index: a batch's first is its offset
                    }
                    seen.clear();
                    head.evaluatePoints("x", List.of("x"), rows, size);
                    assertEquals(describe(seen), plans.get(i), "split(" + points + ", " + size + "): \"expected\" is"
                            + " what CalcHead sent its node, \"but was\" your plan");
                }
            }
        });
    }

    /** A node that answers every batch with the points themselves, recording each batch's {offset, length}. */
    private static void startRecordingNode(int port, List<int[]> seen) {
        Thread node = new Thread(() -> {
            try (Connection c = Connection.open("127.0.0.1", port, 5_000)) {
                c.sendJson(Map.of("type", "hello", "name", "checker", "threads", 1));
                while (true) {
                    Map<String, Object> header = c.receiveJson();
                    if (header == null || !"points".equals(header.get("type"))) {
                        return; // "bye", or the head is gone
                    }
                    int count = ((Number) header.get("count")).intValue();
                    double[] values = RawDoubles.decode(c.receive(), count);
                    seen.add(new int[] {(int) values[0], count});
                    c.sendJson(Map.of("type", "result", "id", header.get("id"), "count", count));
                    c.send(RawDoubles.encode(values));
                }
            } catch (Exception ignored) {
                // The head's side fails the check if this node stops answering.
            }
        }, "checker-node");
        node.setDaemon(true);
        node.start();
    }

    // ---- helpers ----

    private static void within(Executable check) {
        assertTimeoutPreemptively(LIMIT, check, () -> "gave up after " + LIMIT.toSeconds() + " s: does a loop never"
                + " end, for instance one whose step is 0?");
    }

    private static CompiledFunction compile(String method, String source) {
        assertNotNull(source, "Objectives." + method + "() returned null");
        try {
            return ExprEngine.compileFunction(source, "x", "y");
        } catch (ExprException e) {
            return fail("Objectives." + method + "() returned \"" + source + "\", which clusterlab's expr engine refuses: "
                    + e.getMessage() + "\nWrite it in x and y, with * for every product and ^ for powers, e.g. 4*x^2");
        }
    }

    private static void assertValues(String method, String source, DoubleBinaryOperator formula, String written) {
        CompiledFunction f = compile(method, source);
        for (double[] p : SAMPLES) {
            double expected = formula.applyAsDouble(p[0], p[1]);
            double actual = f.apply(p[0], p[1]);
            if (!(Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected)))) {
                fail("at (x, y) = (" + p[0] + ", " + p[1] + "), " + written + " is " + expected + ", but \"" + source
                        + "\" gives " + actual);
            }
        }
    }

    /** The minima clusterlab's Minimizer finds with its default settings, on 2 threads of this machine. */
    private static List<Minimum> search(String source, double[] lo, double[] hi) throws Exception {
        try (LocalEvaluator f = new LocalEvaluator(source, List.of("x", "y"), 2)) {
            List<Minimum> minima = new Minimizer(f, lo, hi).run().minima();
            assertTrue(!minima.isEmpty(), "the search found no minimum at all in \"" + source + "\"");
            return minima;
        } catch (ScriptException e) {
            return fail("\"" + source + "\" does not compile: " + e.getMessage());
        }
    }

    private static boolean near(double[] point, double x, double y) {
        return Math.abs(point[0] - x) < 1e-3 && Math.abs(point[1] - y) < 1e-3;
    }

    /** A plan as text, such as "[0,4] [4,4] [8,2]", or "no batch". */
    private static String describe(List<int[]> plan) {
        if (plan == null) {
            return "null";
        }
        if (plan.isEmpty()) {
            return "no batch";
        }
        return plan.stream().map(pair -> pair == null ? "null" : Arrays.toString(pair).replace(" ", ""))
                .collect(Collectors.joining(" "));
    }

    private static String describeMinima(List<Minimum> minima) {
        return minima.stream().limit(8)
                .map(m -> String.format(Locale.ROOT, "%.6g at (%.6g, %.6g)", m.value(), m.point()[0], m.point()[1]))
                .collect(Collectors.joining(", ", "", minima.size() > 8 ? ", ..." : ""));
    }

    private static void assertTable(double[] times, List<Speedup.Row> rows) {
        assertNotNull(rows, "table returned null");
        assertEquals(times.length, rows.size(), "table(" + Arrays.toString(times) + "): one row per time");
        for (int i = 0; i < times.length; i++) {
            int n = i + 1;
            Speedup.Row row = rows.get(i);
            String where = "row " + i + " of table(" + Arrays.toString(times) + ")";
            assertNotNull(row, where + " is null");
            assertEquals(n, row.nodes(), where + ": nodes, which is the index + 1");
            assertEquals(times[i], row.seconds(), 0.0, where + ": seconds, the time as given");
            double speedup = times[0] / times[i];
            assertClose(speedup, row.speedup(), where + ": the speedup T1/T" + n + " = " + times[0] + " / " + times[i]);
            assertClose(speedup / n, row.efficiency(), where + ": the efficiency, speedup / " + n);
        }
    }

    private static void assertAmdahl(double expected, double p, int n, String why) {
        assertClose(expected, Speedup.amdahl(p, n), "amdahl(" + p + ", " + n + "), " + why);
    }

    private static void assertClose(double expected, double actual, String what) {
        if (!(Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected)))) {
            fail(what + " should be " + expected + ", got " + actual);
        }
    }

    private static void assertPlan(int[][] expected, int points, int size, String why) {
        List<int[]> plan = BatchPlan.split(points, size);
        List<int[]> wanted = List.of(expected);
        assertEquals(describe(wanted), describe(plan),
                "split(" + points + ", " + size + ")" + (why.isEmpty() ? "" : ": " + why));
    }

    /** The exception's message must give the value that was wrong. */
    private static void assertMentions(IllegalArgumentException e, double value, String call) {
        String message = String.valueOf(e.getMessage());
        boolean integral = value == Math.rint(value) && !Double.isInfinite(value);
        boolean mentions = message.contains(Double.toString(value))
                || (integral && message.contains(Long.toString((long) value)));
        assertTrue(mentions, "the message of " + call + "'s exception should give the value "
                + (integral ? String.valueOf((long) value) : String.valueOf(value)) + " that is wrong; it says: "
                + e.getMessage());
    }
}
