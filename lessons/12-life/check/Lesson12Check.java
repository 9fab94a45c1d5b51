package lesson12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import clusterlab.life.RowRange;
import clusterlab.life.Strips;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * The checker of lesson 12: compares the strips with clusterlab.life.Strips.split, the neighbours
 * with a table worked by hand, and the speedup model with worked values. Every check gives up after
 * 15 seconds, so code that loops for ever fails instead of hanging.
 */
@DisplayName("Lesson 12: the distributed Game of Life")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson12Check {
    private static final Duration LIMIT = Duration.ofSeconds(15);

    // ---- (a) strips ----

    @Test
    @DisplayName("(a) Decomposition.split: 10 rows in 4 parts are rows 0-2, 3-5, 6-7, 8-9")
    void splitTen() {
        within(() -> assertSplit(10, 4, "sizes 3, 3, 2, 2: the first 10 % 4 = 2 strips get the extra row"));
    }

    @Test
    @DisplayName("(a) Decomposition.split: the same strips as Strips.split, up to 40 rows")
    void splitLikeStrips() {
        within(() -> {
            for (int rows = 1; rows <= 40; rows++) {
                for (int parts = 1; parts <= rows; parts++) {
                    assertSplit(rows, parts, "");
                }
            }
            assertSplit(1000, 7, "a big board");
        });
    }

    @Test
    @DisplayName("(a) Decomposition.split: refuses parts < 1 and more parts than rows")
    void splitRefuses() {
        within(() -> {
            assertSplit(5, 5, "first, one row per part must work");
            int[][] bad = {{10, 0}, {10, -2}, {3, 4}, {1, 2}};
            for (int[] c : bad) {
                String call = "split(" + c[0] + ", " + c[1] + ")";
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Decomposition.split(c[0], c[1]), call + " should throw IllegalArgumentException: "
                                + (c[1] < 1 ? "a board is cut into at least 1 part" : "each strip needs at least one row"));
                assertMentions(e, c[1], call);
            }
        });
    }

    private static void assertSplit(int rows, int parts, String why) {
        List<RowRange> expected = Strips.split(rows, parts);
        List<RowRange> actual = Decomposition.split(rows, parts);
        assertNotNull(actual, "split(" + rows + ", " + parts + ") returned null");
        assertEquals(describe(expected), describe(actual), "split(" + rows + ", " + parts + ") as [first, end)"
                + (why.isEmpty() ? "" : ", " + why));
    }

    private static String describe(List<RowRange> ranges) {
        StringBuilder s = new StringBuilder();
        for (RowRange r : ranges) {
            s.append(r == null ? "null " : "[" + r.first() + ", " + r.end() + ") ");
        }
        return s.toString().trim();
    }

    // ---- (b) neighbours ----

    @Test
    @DisplayName("(b) Halo.neighbours on a torus: the ring wraps, one rank is its own neighbour")
    void torus() {
        within(() -> {
            assertNeighbours(0, 1, true, 0, 0, "one rank on a torus trades with itself");
            assertNeighbours(0, 2, true, 1, 1, "two ranks: the other one is above and below");
            assertNeighbours(0, 4, true, 3, 1, "above rank 0 is the last rank");
            assertNeighbours(3, 4, true, 2, 0, "below the last rank is rank 0");
            for (int size = 1; size <= 9; size++) {
                for (int rank = 0; rank < size; rank++) {
                    assertNeighbours(rank, size, true, (rank + size - 1) % size, (rank + 1) % size, "");
                }
            }
        });
    }

    @Test
    @DisplayName("(b) Halo.neighbours with dead edges: -1 above the first rank and below the last")
    void dead() {
        within(() -> {
            assertNeighbours(0, 1, false, -1, -1, "one rank has no neighbour at all");
            assertNeighbours(0, 4, false, -1, 1, "nobody above rank 0");
            assertNeighbours(3, 4, false, 2, -1, "nobody below the last rank");
            for (int size = 1; size <= 9; size++) {
                for (int rank = 0; rank < size; rank++) {
                    assertNeighbours(rank, size, false, rank == 0 ? -1 : rank - 1, rank == size - 1 ? -1 : rank + 1, "");
                }
            }
        });
    }

    @Test
    @DisplayName("(b) Halo.neighbours: refuses a size < 1 and a rank outside 0 .. size - 1")
    void haloRefuses() {
        within(() -> {
            assertNeighbours(1, 3, true, 0, 2, "first, plain neighbours must work");
            int[][] bad = {{0, 0}, {4, 4}, {-1, 3}, {7, 2}};
            for (int[] c : bad) {
                for (boolean torus : new boolean[] {true, false}) {
                    String call = "neighbours(" + c[0] + ", " + c[1] + ", " + torus + ")";
                    int wrong = c[1] < 1 ? c[1] : c[0];
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> Halo.neighbours(c[0], c[1], torus), call + " should throw IllegalArgumentException: "
                                    + (c[1] < 1 ? "a job has at least 1 rank" : "rank " + c[0] + " is not a rank of " + c[1]));
                    assertMentions(e, wrong, call);
                }
            }
        });
    }

    private static void assertNeighbours(int rank, int size, boolean torus, int above, int below, String why) {
        String call = "neighbours(" + rank + ", " + size + ", " + torus + ")";
        int[] actual = Halo.neighbours(rank, size, torus);
        assertNotNull(actual, call + " returned null");
        assertEquals(Arrays.toString(new int[] {above, below}), Arrays.toString(actual),
                call + " as {above, below}" + (why.isEmpty() ? "" : ": " + why));
    }

    // ---- (c) the speedup model ----

    @Test
    @DisplayName("(c) Speedup.expected: worked values, and 1 on one rank")
    void speedupValues() {
        within(() -> {
            // 1000 x 1000 cells at 10 ns: 10 ms a generation on one rank.
            assertSpeedup(1, 1000, 1000, 1, 10, 50, "one rank: no speedup, and no halo to trade");
            assertSpeedup(1e7 / (1e7 / 4 + 2 * 50_000), 1000, 1000, 4, 10, 50,
                    "10 ms / (2.5 ms + 2 x 50 µs) = 3.846...");
            assertSpeedup(2, 100, 100, 2, 5, 0, "halo trades that cost nothing: the ideal speedup, 2 on 2 ranks");
            assertSpeedup(1e5 / (1e5 / 8 + 2 * 200_000), 100, 100, 8, 10, 200,
                    "a small board and a slow network: 8 ranks are slower than one (speedup below 1)");
            assertSpeedup(65536.0 * 65536 * 2 / (65536.0 * 65536 * 2 / 16 + 2 * 100_000), 65536, 65536, 16, 2, 100,
                    "a board of 2^32 cells: compute rows * cols in double or long, not int");
        });
    }

    @Test
    @DisplayName("(c) Speedup.expected: grows with the ranks and saturates below T(1) / (2 x halo)")
    void speedupSaturates() {
        within(() -> {
            int rows = 4096;
            int cols = 4096;
            double cell = 4;
            double halo = 80;
            double bound = rows * (double) cols * cell / (2 * halo * 1000);
            double previous = 1;
            for (int n = 2; n <= rows; n *= 2) {
                double s = Speedup.expected(rows, cols, n, cell, halo);
                assertTrue(s > previous, "with " + n + " ranks the speedup (" + s + ") should beat " + n / 2 + " ranks' ("
                        + previous + "): the cells per rank halve, the halo cost stays");
                assertTrue(s < bound, "the speedup on " + n + " ranks is " + s + ", but it can never reach T(1) / (2 x halo) = "
                        + bound + " since every rank pays the halo trades");
                assertTrue(s <= n, "the speedup on " + n + " ranks is " + s + ": more than " + n + " times faster is impossible");
                previous = s;
            }
            assertTrue(previous > 0.9 * bound, "on " + rows + " ranks the speedup (" + previous
                    + ") should be close to its limit " + bound);
            double half = Speedup.expected(rows, cols, rows / 2, cell, halo);
            assertTrue(previous < 1.1 * half, "saturation: doubling " + rows / 2 + " ranks to " + rows
                    + " should gain less than 10% (" + half + " to " + previous + "), as the halo trades dominate");
            double efficiency2 = Speedup.expected(rows, cols, 2, cell, halo) / 2;
            double efficiency64 = Speedup.expected(rows, cols, 64, cell, halo) / 64;
            assertTrue(efficiency64 < efficiency2, "the efficiency (speedup / ranks) should fall as ranks are added");
        });
    }

    @Test
    @DisplayName("(c) Speedup.expected: refuses sizes < 1, more ranks than rows, bad costs")
    void speedupRefuses() {
        within(() -> {
            assertSpeedup(2, 10, 10, 2, 1, 0, "first, a plain value must work");
            refuse(() -> Speedup.expected(0, 10, 1, 1, 1), 0, "expected(0, 10, 1, 1, 1): a board has at least 1 row");
            refuse(() -> Speedup.expected(10, -3, 1, 1, 1), -3, "expected(10, -3, 1, 1, 1): a board has at least 1 column");
            refuse(() -> Speedup.expected(10, 10, 0, 1, 1), 0, "expected(10, 10, 0, 1, 1): at least 1 rank");
            refuse(() -> Speedup.expected(10, 10, 11, 1, 1), 11, "expected(10, 10, 11, 1, 1): each rank needs a row");
            refuse(() -> Speedup.expected(10, 10, 2, -1, 1), -1, "expected(10, 10, 2, -1, 1): a cell costs time");
            refuse(() -> Speedup.expected(10, 10, 2, 0, 1), 0, "expected(10, 10, 2, 0, 1): a cell costs time");
            refuse(() -> Speedup.expected(10, 10, 2, Double.NaN, 1), Double.NaN, "expected(10, 10, 2, NaN, 1)");
            refuse(() -> Speedup.expected(10, 10, 2, 1, -5), -5, "expected(10, 10, 2, 1, -5): a halo trade cannot save time");
            refuse(() -> Speedup.expected(10, 10, 2, 1, Double.POSITIVE_INFINITY), Double.POSITIVE_INFINITY,
                    "expected(10, 10, 2, 1, Infinity)");
        });
    }

    private static void assertSpeedup(double expected, int rows, int cols, int ranks, double cell, double halo, String why) {
        double actual = Speedup.expected(rows, cols, ranks, cell, halo);
        if (!(Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected)))) {
            fail("expected(" + rows + ", " + cols + ", " + ranks + ", " + cell + ", " + halo + ") should be " + expected
                    + ", got " + actual + ": " + why);
        }
    }

    private static void refuse(Executable call, double wrong, String what) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call,
                what + ": should throw IllegalArgumentException");
        assertMentions(e, wrong, what.split(":")[0]);
    }

    // ---- helpers ----

    private static void within(Executable check) {
        assertTimeoutPreemptively(LIMIT, check);
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
