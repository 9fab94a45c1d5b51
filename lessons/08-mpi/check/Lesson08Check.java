package lesson08;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import clusterlab.mpi.MpirunCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * The checker of lesson 08: runs your code on 1 to 5 real ranks, each its own process on this
 * machine, started with clusterlab's mpirun and talking over loopback TCP (see Ranks, which each
 * rank runs). A rank whose code is still busy after 3 seconds reports where it waits and stops;
 * every check gives up after 15 seconds, and stopping it stops every rank it started.
 */
@DisplayName("Lesson 08: message passing")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson08Check {
    private static final Duration LIMIT = Duration.ofSeconds(15);

    // ---- (a) article D's example ----

    @Test
    @DisplayName("(a) PowersDemo on 1 rank: the one row \"power 1: [1, 2, 3, 4, 5, 6]\"")
    void powersOnOneRank() {
        within(() -> assertPowers(1));
    }

    @Test
    @DisplayName("(a) PowersDemo on 2, 3 and 4 ranks: every rank gets powers 1 to size")
    void powersOnSeveralRanks() {
        within(() -> {
            for (int size = 2; size <= 4; size++) {
                assertPowers(size);
            }
        });
    }

    private static void assertPowers(int size) throws Exception {
        List<String> rows = new ArrayList<>();
        for (int p = 1; p <= size; p++) {
            List<String> cells = new ArrayList<>();
            for (long n = 1; n <= 6; n++) {
                long value = 1;
                for (int k = 0; k < p; k++) {
                    value *= n;
                }
                cells.add(Long.toString(value));
            }
            rows.add("power " + p + ": [" + String.join(", ", cells) + "]");
        }
        String expected = String.join("\n", rows);
        Run run = mpirun("powers", size);
        for (int rank = 0; rank < size; rank++) {
            Line line = run.requireResult(rank, "PowersDemo.run");
            if (!line.text.equals(expected)) {
                fail("on " + size + " ranks, PowersDemo.run returned on rank " + rank + ":\n" + indent(line.text)
                        + "\nbut the table should be:\n" + indent(expected)
                        + "\n(is each row labelled with its power? In Java, \"power \" + a + 1 is \"power \" + a, then + \"1\")");
            }
        }
    }

    // ---- (b) allgather from gather and bcast ----

    @Test
    @DisplayName("(b) MyCollectives.allgather on 1 rank: a list of the one value")
    void allgatherOnOneRank() {
        within(() -> assertAllgather(1));
    }

    @Test
    @DisplayName("(b) MyCollectives.allgather on 2 to 5 ranks: as comm.allgather")
    void allgatherOnSeveralRanks() {
        within(() -> {
            for (int size = 2; size <= 5; size++) {
                assertAllgather(size);
            }
        });
    }

    private static void assertAllgather(int size) throws Exception {
        Run run = mpirun("allgather", size);
        for (int rank = 0; rank < size; rank++) {
            Line line = run.requireResult(rank, "MyCollectives.allgather");
            if (!line.text.equals("ok")) {
                fail("on " + size + " ranks, rank " + rank + ": " + line.text);
            }
        }
    }

    // ---- (c) the ring that deadlocks ----

    @Test
    @DisplayName("(c) RingShift.shift does not deadlock on 3 ranks")
    void ringDoesNotDeadlock() {
        within(() -> {
            Run run = mpirun("ring", 3);
            failOnDeadlock(run);
            for (int rank = 0; rank < 3; rank++) {
                run.requireResult(rank, "RingShift.shift");
            }
        });
    }

    @Test
    @DisplayName("(c) RingShift.shift on 1 to 5 ranks: the left neighbour's value")
    void ringShiftsRight() {
        within(() -> {
            for (int size = 1; size <= 5; size++) {
                Run run = mpirun("ring", size);
                failOnDeadlock(run);
                for (int rank = 0; rank < size; rank++) {
                    Line line = run.requireResult(rank, "RingShift.shift");
                    int left = (rank - 1 + size) % size;
                    String expected = Double.toString(Ranks.valueOf(left));
                    if (!line.text.equals(expected)) {
                        fail("on " + size + " ranks, rank " + rank + " passed " + Ranks.valueOf(rank)
                                + " to its right and got " + line.text + "; it should get " + expected
                                + ", the value of its left neighbour, rank " + left
                                + (size == 1 ? " (on one rank, itself)" : ""));
                    }
                }
            }
        });
    }

    /** Every rank of the run still waiting: say so, and where. */
    private static void failOnDeadlock(Run run) {
        List<Line> hanging = run.lines("HANG");
        if (hanging.size() == run.size()) {
            fail("deadlock on " + run.size() + (run.size() == 1 ? " rank" : " ranks")
                    + ": every rank waits in recv, so no rank ever reaches its send.\n"
                    + hanging.stream().map(l -> "  rank " + l.rank + " is " + l.text).collect(Collectors.joining("\n"))
                    + "\nclusterlab's send returns at once (the receiver keeps the message until it asks for it): "
                    + "let each rank send before it receives, or use comm.sendrecv.");
        }
    }

    // ---- running ranks ----

    private static void within(Executable check) {
        assertTimeoutPreemptively(LIMIT, check, () -> "gave up after " + LIMIT.toSeconds()
                + " s; the ranks it started are stopped");
    }

    /** One line a rank printed for the checker. */
    private record Line(String kind, int rank, String text) {
    }

    /** What the ranks of one run printed, and mpirun's own messages. */
    private record Run(int size, String exercise, Map<Integer, Line> byRank, String output) {
        List<Line> lines(String kind) {
            return byRank.values().stream().filter(l -> l.kind.equals(kind)).toList();
        }

        /** Rank {@code rank}'s result, or a failure that says what went wrong on the ranks. */
        Line requireResult(int rank, String method) {
            Line line = byRank.get(rank);
            if (line != null && line.kind.equals("RESULT")) {
                return line;
            }
            // The first error that is not just "another rank died" explains the most.
            List<Line> errors = lines("ERROR");
            Line cause = errors.stream().filter(l -> !l.text.startsWith("clusterlab.mpi.RankFailedException"))
                    .findFirst().orElse(errors.isEmpty() ? null : errors.get(0));
            String on = "on " + size + (size == 1 ? " rank" : " ranks") + ", ";
            if (cause != null) {
                fail(on + method + " threw on rank " + cause.rank + ": " + cause.text + others(cause));
            }
            List<Line> hanging = lines("HANG");
            if (!hanging.isEmpty()) {
                fail(on + method + " did not finish within " + Ranks.LIMIT_MILLIS / 1000 + " s:\n"
                        + hanging.stream().map(l -> "  rank " + l.rank + " is " + l.text).collect(Collectors.joining("\n"))
                        + "\nA receive waits until a message with that source and tag arrives: is one ever sent?"
                        + " (recv takes the source first, then the tag.)");
            }
            fail(on + "rank " + rank + " returned nothing; what mpirun printed:\n" + indent(output));
            return null;
        }

        private String others(Line cause) {
            long more = byRank.values().stream().filter(l -> l != cause && !l.kind.equals("RESULT")).count();
            return more == 0 ? "" : " (and " + more + " other rank" + (more == 1 ? "" : "s") + " failed or waited after it)";
        }
    }

    /** Runs {@code clusterlab mpirun --np SIZE lesson08.Ranks EXERCISE}: SIZE processes on this machine. */
    private static Run mpirun(String exercise, int size) throws Exception {
        // The checker's classes (and yours, compiled with them) are where this class is.
        String classes = Path.of(Lesson08Check.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        MpirunCommand mpirun = new MpirunCommand();
        mpirun.run(mpirun.options().parse("--np", Integer.toString(size), "--timeout", "12s", "--warn", "60s",
                "--classpath", classes, Ranks.class.getName(), exercise), out, out);
        out.flush();
        String output = bytes.toString(StandardCharsets.UTF_8);
        Map<Integer, Line> byRank = new TreeMap<>();
        for (String text : output.split("\n")) {
            int mark = text.indexOf(Ranks.MARK);
            if (!text.startsWith("[rank ") || mark < 0) {
                continue;
            }
            String[] parts = text.substring(mark + Ranks.MARK.length()).split(" ", 3);
            if (parts.length < 2) {
                continue;
            }
            String body = parts.length == 3 ? parts[2].replace("\\n", "\n").replace("\\\\", "\\") : "";
            Line line = new Line(parts[0], Integer.parseInt(parts[1]), body);
            byRank.putIfAbsent(line.rank, line);
        }
        return new Run(size, exercise, byRank, output);
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
    }
}
