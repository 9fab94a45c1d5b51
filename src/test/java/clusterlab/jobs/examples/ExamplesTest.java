package clusterlab.jobs.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import clusterlab.CommandLine;
import clusterlab.jobs.NodeDaemon;
import clusterlab.wire.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `clusterlab fibonacci` and `clusterlab sum-primes`: local worker processes and threads, and nodes in this JVM. */
@Timeout(60)
class ExamplesTest {
    private static final long MY_PID = ProcessHandle.current().pid();
    private static final Pattern FIB_LINE = Pattern.compile("fib\\((\\d+)\\) = (\\d+)   computed by worker pid (\\d+)");
    private static final Pattern CALLBACKS = Pattern.compile("callbacks ran in the order the jobs finished: \\[(.*)\\]");
    private static final List<String> SUMS = List.of("Sum of primes below 100000 is 454396537",
            "Sum of primes below 100100 is 454996777", "Sum of primes below 100200 is 455898156");

    private final ByteArrayOutputStream nodeLog = new ByteArrayOutputStream();

    private record FibLine(int n, long value, long pid) {
    }

    private static List<FibLine> fibLines(String out) {
        List<FibLine> lines = new ArrayList<>();
        Matcher m = FIB_LINE.matcher(out);
        while (m.find()) {
            lines.add(new FibLine(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
        }
        return lines;
    }

    private static List<Integer> callbackOrder(String out) {
        Matcher m = CALLBACKS.matcher(out);
        if (!m.find()) {
            fail("no callback line in:\n" + out);
        }
        return Arrays.stream(m.group(1).split(", ")).map(Integer::valueOf).sorted().toList();
    }

    private static boolean hasLine(String out, String line) {
        return out.lines().anyMatch(line::equals);
    }

    /** The statistics row of the executor {@code where}: "   N |  P | ... | where". */
    private static boolean hasStatsRow(String out, int jobs, String where) {
        return out.lines().anyMatch(l -> l.matches(" *" + jobs + " \\| +100\\.00 \\| .* \\| " + Pattern.quote(where)));
    }

    private static void assertFailsWithOneLine(int status, String expected, String... argv) {
        CommandLine cli = new CommandLine();
        assertEquals(status, cli.run(argv), cli.out() + cli.err());
        assertEquals(List.of(expected), cli.err().lines().toList());
    }

    /** A port on loopback that nothing listens on (it did a moment ago, then was closed). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private NodeDaemon startNode(NodeDaemon.Config config) throws IOException {
        return NodeDaemon.start(config.port(0).workers(2).log(new PrintStream(nodeLog, true, StandardCharsets.UTF_8)));
    }

    private String nodeLog() {
        return nodeLog.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fibonacciRunsTheArticlesInputsInWorkerProcesses() {
        CommandLine cli = new CommandLine();
        assertEquals(0, cli.run("fibonacci", "--workers", "2"), cli.err());
        String out = cli.out();
        assertTrue(out.startsWith("main pid " + MY_PID + ", 2 local worker processes"), out);
        List<FibLine> lines = fibLines(out);
        assertEquals(List.of(new FibLine(4, 3, 0), new FibLine(3, 2, 0), new FibLine(8, 21, 0), new FibLine(6, 8, 0),
                new FibLine(10, 55, 0)), lines.stream().map(l -> new FibLine(l.n(), l.value(), 0)).toList(), out);
        for (FibLine line : lines) {
            assertNotEquals(MY_PID, line.pid(), "fib(" + line.n() + ") ran in the test's own JVM");
        }
        assertEquals(List.of(3, 4, 6, 8, 10), callbackOrder(out), "one callback per job: " + out);
        awaitNoWorkerProcesses();
    }

    @Test
    void fibonacciWithThreadsRunsInThisJvm() {
        CommandLine cli = new CommandLine();
        assertEquals(0, cli.run("fibonacci", "--threads", "--workers", "2", "30"), cli.err());
        String out = cli.out();
        assertTrue(out.startsWith("main pid " + MY_PID + ", 2 local worker threads"), out);
        assertEquals(List.of(new FibLine(30, 832040, MY_PID)), fibLines(out), out);
        assertTrue(hasLine(out, "callbacks ran in the order the jobs finished: [30]"), out);
    }

    @Test
    void fibonacciRefusesInputsThatAreNotSmallWholeNumbers() {
        assertFailsWithOneLine(2, "clusterlab fibonacci: each input must be a whole number from 0 to 50, not 'x'", "fibonacci", "x");
        assertFailsWithOneLine(2, "clusterlab fibonacci: each input must be a whole number from 0 to 50, not '99'", "fibonacci", "99");
        assertFailsWithOneLine(2, "clusterlab fibonacci: each input must be a whole number from 0 to 50, not '3.5'",
                "fibonacci", "--threads", "3", "3.5");
    }

    @Test
    void nodeOptionsWithoutNodesAreRefused() {
        assertFailsWithOneLine(2, "clusterlab sum-primes: --secret-file is about nodes: give --nodes or --discover too",
                "sum-primes", "--secret-file", "/nonexistent");
        assertFailsWithOneLine(2, "clusterlab fibonacci: --insecure is about nodes: give --nodes or --discover too",
                "fibonacci", "--insecure");
    }

    @Test
    void aTimeoutOfZeroIsRefused() {
        assertFailsWithOneLine(2, "clusterlab crawl: --timeout must be more than 0, not '0s'", "crawl", "--demo-site", "--timeout", "0s");
    }

    @Test
    void badNodeAndDiscoveryAddressesAreUsageErrors() {
        assertFailsWithOneLine(2, "clusterlab fibonacci: --nodes: node must be HOST or HOST:PORT with a port from 1 to 65535, not 'pi-1:abc'",
                "fibonacci", "--nodes", "pi-1:abc", "--insecure");
        assertFailsWithOneLine(2, "clusterlab sum-primes: --discovery-address must be HOST:PORT, not 'everyone'",
                "sum-primes", "--discover", "--discovery-address", "everyone", "--insecure");
    }

    @Test
    void sumPrimesOnLocalWorkerProcesses() {
        CommandLine cli = new CommandLine();
        assertEquals(0, cli.run("sum-primes", "--workers", "2", "--jobs", "3"), cli.err());
        String out = cli.out();
        assertTrue(out.startsWith("Starting with 2 local worker processes"), out);
        assertEquals(SUMS, out.lines().filter(l -> l.startsWith("Sum of primes")).toList(), out);
        assertTrue(hasLine(out, "Job execution statistics:"), out);
        assertTrue(hasStatsRow(out, 3, "local"), out);
        awaitNoWorkerProcesses();
    }

    @Test
    void sumPrimesWithANodeThatIsNotThereSaysSoAndFails() throws Exception {
        int port = closedPort();
        CommandLine cli = new CommandLine();
        assertEquals(1, cli.run("sum-primes", "--workers", "0", "--nodes", "127.0.0.1:" + port, "--insecure"), cli.out() + cli.err());
        assertTrue(cli.err().lines().anyMatch(l -> l.startsWith("node 127.0.0.1:" + port + ": cannot connect")), cli.err());
        assertTrue(cli.err().lines().anyMatch(l -> l.startsWith("clusterlab sum-primes: no node joined")), cli.err());
        assertTrue(cli.out().lines().noneMatch(l -> l.startsWith("Sum of primes")), cli.out());
    }

    @Test
    void sumPrimesRunsOnAnInsecureNodeInThisJvm() throws Exception {
        try (NodeDaemon node = startNode(new NodeDaemon.Config().insecure())) {
            String where = "127.0.0.1:" + node.port();
            CommandLine cli = new CommandLine();
            assertEquals(0, cli.run("sum-primes", "--workers", "0", "--nodes", where, "--insecure", "--jobs", "2"), cli.err());
            String out = cli.out();
            assertTrue(out.startsWith("Starting with node " + where + " (2 workers)"), out);
            assertEquals(SUMS.subList(0, 2), out.lines().filter(l -> l.startsWith("Sum of primes")).toList(), out);
            assertTrue(hasStatsRow(out, 2, where), out);
            assertEquals(1, node.sessions());
        }
    }

    @Test
    void sumPrimesProvesTheSharedSecretToANode(@TempDir Path dir) throws Exception {
        Path secretFile = Secret.createNew(dir.resolve("secret"), false);
        Path otherFile = Secret.createNew(dir.resolve("other"), false);
        try (NodeDaemon node = startNode(new NodeDaemon.Config().host("127.0.0.1").secret(Secret.load(secretFile)))) {
            String where = "127.0.0.1:" + node.port();
            CommandLine cli = new CommandLine();
            assertEquals(0, cli.run("sum-primes", "--workers", "0", "--nodes", where, "--secret-file", secretFile.toString(),
                    "--jobs", "1"), cli.err());
            assertTrue(hasLine(cli.out(), SUMS.get(0)), cli.out());
            assertTrue(hasStatsRow(cli.out(), 1, where), cli.out());

            CommandLine wrong = new CommandLine();
            assertEquals(1, wrong.run("sum-primes", "--workers", "0", "--nodes", where, "--secret-file", otherFile.toString(),
                    "--jobs", "1"), wrong.out() + wrong.err());
            assertTrue(wrong.err().lines().anyMatch(l -> l.contains("node " + where + " failed to prove the shared secret")),
                    wrong.err());
            assertTrue(wrong.out().lines().noneMatch(l -> l.startsWith("Sum of primes")), wrong.out());
            await("the node to log its refusal", () -> nodeLog().contains("refused 127.0.0.1:"));
            assertEquals(1, node.sessions(), nodeLog());
        }
    }

    /** The worker processes a command started are gone once it returns (they may take a moment to exit). */
    private static void awaitNoWorkerProcesses() {
        await("the worker processes to exit", () -> ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .noneMatch(p -> p.info().commandLine().orElse("").contains("clusterlab.jobs.WorkerProcess")));
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up after 20 s waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
