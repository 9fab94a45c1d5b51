package clusterlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clusterlab.wire.Connection;
import clusterlab.wire.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end, as on real Pis: a virtual cluster of 3 nodes in network namespaces (10.77.0.1-3),
 * the jar deployed with scripts/deploy.sh, a server started on every node with scripts/cluster.sh,
 * reached from here, then stopped; a deploy with one node's sshd down; and the prime finder and the
 * temperature monitor with a head here and their workers and agents on the nodes. Needs root, ip and sshd;
 * skipped otherwise. The cluster is always taken down again.
 */
class VirtualClusterTest {
    private static final Path ROOT = Path.of(System.getProperty("clusterlab.root", ".")).toAbsolutePath().normalize();
    private static final Path DIR = ROOT.resolve("build/vcluster-test");
    private static final long COMMAND_SECONDS = 180;

    /** How a command ended; toString gives the command and its output, for assertion messages. */
    private record Result(int status, String command, String output) {
        @Override
        public String toString() {
            return command + " (exit status " + status + ")\n" + output;
        }
    }

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(run("id", "-u").output().strip().equals("0"), "needs root to create network namespaces");
        assumeTrue(new File("/usr/sbin/sshd").canExecute(), "needs sshd (apt install openssh-server)");
        assumeTrue(run("bash", "-c", "command -v ip").status() == 0, "needs ip (apt install iproute2)");
        Result up = run("scripts/virtual-cluster.sh", "up", "3", "--dir", DIR.toString());
        if (up.status() != 0) {
            down();
        }
        assertEquals(0, up.status(), up.toString());
    }

    @AfterAll
    static void down() throws Exception {
        if (Files.isDirectory(DIR)) {
            Result down = run("scripts/virtual-cluster.sh", "down", "--dir", DIR.toString());
            assertEquals(0, down.status(), down.toString());
        }
    }

    private static List<String> hostOptions() {
        return List.of("--hosts", DIR.resolve("pi_list.txt").toString(), "--ssh-config", DIR.resolve("ssh_config").toString());
    }

    private static Result script(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("scripts/" + name));
        command.addAll(hostOptions());
        command.addAll(List.of(args));
        return run(command.toArray(new String[0]));
    }

    @Test
    void deployStartReachStatusStopAndADeadNode() throws Exception {
        Path failedLog = DIR.resolve("failed.log");
        Result deploy = script("deploy.sh", "--failed-log", failedLog.toString());
        assertEquals(0, deploy.status(), deploy.toString());
        assertTrue(deploy.output().matches("(?s).*deployed [0-3], unchanged [0-3], failed 0.*"), deploy.toString());
        Result again = script("deploy.sh", "--failed-log", failedLog.toString());
        assertTrue(again.output().contains("deployed 0, unchanged 3, failed 0"), again.toString());

        Result start = script("cluster.sh", "start", "--", "server", "--port", "20000", "--max-instances", "1");
        assertEquals(0, start.status(), start.toString());
        try {
            for (int node = 1; node <= 3; node++) {
                assertEquals("hello node " + node, echo("10.77.0." + node, "hello node " + node));
            }
            Result status = script("cluster.sh", "status");
            assertEquals(3, status.output().lines().filter(l -> l.matches(".*\\sserver-1\\s+running\\s.*")).count(), status.toString());
        } finally {
            Result stop = script("cluster.sh", "stop");
            assertEquals(0, stop.status(), stop.toString());
        }
        Result status = script("cluster.sh", "status");
        assertEquals(0, status.output().lines().filter(l -> l.matches(".*\\sserver-1\\s+running\\s.*")).count(), status.toString());

        run("scripts/virtual-cluster.sh", "stop-sshd", "2", "--dir", DIR.toString());
        try {
            Result partial = script("deploy.sh", "--retries", "1", "--connect-timeout", "2", "--failed-log", failedLog.toString());
            assertEquals(1, partial.status(), partial.toString());
            assertTrue(partial.output().contains("failed 1"), partial.toString());
            List<String> failed = HostList.read(failedLog).stream().map(HostList.Host::target).toList();
            assertEquals(List.of("clnode2@10.77.0.2"), failed, partial.toString());
        } finally {
            run("scripts/virtual-cluster.sh", "start-sshd", "2", "--dir", DIR.toString());
        }

        // A node that does not answer at all (unplugged, as a Pi switched off) costs a time-out, not a hang.
        run("scripts/virtual-cluster.sh", "unplug", "3", "--dir", DIR.toString());
        try {
            Result silent = script("deploy.sh", "--retries", "1", "--connect-timeout", "2", "--failed-log", failedLog.toString());
            assertEquals(1, silent.status(), silent.toString());
            List<String> failed = HostList.read(failedLog).stream().map(HostList.Host::target).toList();
            assertEquals(List.of("clnode3@10.77.0.3"), failed, silent.toString());
        } finally {
            run("scripts/virtual-cluster.sh", "plug", "3", "--dir", DIR.toString());
        }
    }

    @Test
    void mpirunPlacesRanksOnTheNodesOverSsh() throws Exception {
        Result deploy = script("deploy.sh", "--failed-log", DIR.resolve("failed.log").toString());
        assertEquals(0, deploy.status(), deploy.toString());
        List<String> mpirun = List.of("java", "-jar", "build/clusterlab.jar", "mpirun", "--hostfile", DIR.resolve("pi_list.txt").toString(),
                "--ssh-config", DIR.resolve("ssh_config").toString(), "--timeout", "60s");
        List<String> hello = new ArrayList<>(mpirun);
        hello.add("hello");
        Result r = run(hello.toArray(new String[0]));
        assertEquals(0, r.status(), r.toString());
        for (int rank = 0; rank < 3; rank++) {
            assertTrue(r.output().contains("[rank " + rank + "] hello from rank " + rank + " of 3 on clnode" + (rank + 1) + ","), r.toString());
        }
        List<String> life = new ArrayList<>(mpirun);
        life.addAll(List.of("life", "--soup", "5", "--rows", "40", "--cols", "30", "--generations", "50"));
        Result spread = run(life.toArray(new String[0]));
        Result alone = run("java", "-jar", "build/clusterlab.jar", "life", "--soup", "5", "--rows", "40", "--cols", "30",
                "--generations", "50", "--view", "none");
        assertEquals(0, spread.status(), spread.toString());
        assertEquals("[rank 0] " + alone.output().strip() + " (3 ranks)", spread.output().strip(), spread.toString());

        run("scripts/virtual-cluster.sh", "stop-sshd", "2", "--dir", DIR.toString());
        try {
            Result unreachable = run(hello.toArray(new String[0]));
            assertEquals(1, unreachable.status(), unreachable.toString());
            assertTrue(unreachable.output().contains("clusterlab mpirun: rank 1 failed with exit status 255 (ssh: connect to host 10.77.0.2"),
                    unreachable.toString());
        } finally {
            run("scripts/virtual-cluster.sh", "start-sshd", "2", "--dir", DIR.toString());
        }
    }

    @Test
    void jobNodesGetTheSecretAndAreFoundByBroadcast() throws Exception {
        Path secret = DIR.resolve("secret");
        Result created = run("java", "-jar", "build/clusterlab.jar", "secret", "--new", "--force", "--file", secret.toString());
        assertEquals(0, created.status(), created.toString());
        Result deploy = script("deploy.sh", "--secret-file", secret.toString(), "--failed-log", DIR.resolve("failed.log").toString());
        assertEquals(0, deploy.status(), deploy.toString());
        Result start = script("cluster.sh", "start", "--", "node", "--workers", "1", "--discoverable");
        assertEquals(0, start.status(), start.toString());
        try {
            // The query goes to the bridge's broadcast address: every node answers, each with its proof.
            List<String> sumPrimes = List.of("java", "-jar", "build/clusterlab.jar", "sum-primes", "--workers", "0", "--discover",
                    "--discovery-address", "10.77.0.255:60000", "--secret-file", secret.toString());
            Result r = runUntil(sumPrimes, out -> IntStream.rangeClosed(1, 3).allMatch(n -> out.contains("node 10.77.0." + n + ":60000")));
            assertEquals(0, r.status(), r.toString());
            for (int node = 1; node <= 3; node++) {
                assertTrue(r.output().contains("node 10.77.0." + node + ":60000 (1 worker)"), r.toString());
            }
            assertTrue(r.output().contains("Sum of primes below 100700 is 460217613"), r.toString());

            Path other = DIR.resolve("other-secret");
            run("java", "-jar", "build/clusterlab.jar", "secret", "--new", "--force", "--file", other.toString());
            List<String> wrong = new ArrayList<>(sumPrimes.subList(0, sumPrimes.size() - 1));
            wrong.add(other.toString());
            Result refused = run(wrong.toArray(new String[0]));
            assertEquals(1, refused.status(), refused.toString());
            assertTrue(refused.output().contains("wrong secret"), refused.toString());
        } finally {
            Result stop = script("cluster.sh", "stop");
            assertEquals(0, stop.status(), stop.toString());
        }
    }

    /**
     * The apps of lessons 10 and 11 across the cluster. Primes: a head here, a worker on each node;
     * node 2 is unplugged mid-run, so the block it holds comes back only when its lease runs out,
     * and goes to another node; the count must still be pi(10^10), exactly. (With --view none the
     * head logs nothing per block: the terminal bar, written to stderr even off a terminal, tells
     * when blocks are done.) Monitor: an agent on each node, reporting its own address.
     */
    @Test
    void primesSurviveALostWorkerAndTheMonitorHearsEveryNode() throws Exception {
        Result deploy = script("deploy.sh", "--failed-log", DIR.resolve("failed.log").toString());
        assertEquals(0, deploy.status(), deploy.toString());

        Background head = Background.start("java", "-jar", "build/clusterlab.jar", "primes-head", "--host", "0.0.0.0", "--port",
                "4040", "--range", "1:10000000000", "--block", "100000000", "--view", "terminal", "--lease", "10s");
        try {
            head.await(out -> out.contains("head listening on 0.0.0.0:4040"), 30);
            Result start = script("cluster.sh", "start", "--", "primes-worker", "--head", "10.77.0.254:4040", "--threads", "1");
            assertEquals(0, start.status(), start.toString());
            Pattern joined = Pattern.compile("worker (\\S+) joined from 10\\.77\\.0\\.([123]) with 1 thread");
            head.await(out -> joined.matcher(out).results().count() == 3 && lastBlocksWritten(out) >= 3, 60);
            String lost = joined.matcher(head.output()).results().filter(m -> m.group(2).equals("2")).findFirst().orElseThrow()
                    .group(1);
            Result unplug = run("scripts/virtual-cluster.sh", "unplug", "2", "--dir", DIR.toString());
            try {
                assertEquals(0, unplug.status(), unplug.toString());
                assertTrue(lastBlocksWritten(head.output()) < 100, "the run ended before node 2 was unplugged:\n" + head.output());
                assertEquals(0, head.awaitExit(300), head.toString());
            } finally {
                run("scripts/virtual-cluster.sh", "plug", "2", "--dir", DIR.toString());
            }
            String out = head.output();
            assertTrue(out.contains("worker " + lost + " took over 10.0 s (the lease) on block "), out);
            assertTrue(out.contains("range 1:10000000000: 455052511 primes, the largest 9999999967"), out);
            assertTrue(out.contains("100 of 100 blocks of 100000000 numbers"), out);
            // Each block counted once: the workers' rows add up to the whole.
            List<MatchResult> rows = Pattern.compile("(?m)^\\S+\\s+10\\.77\\.0\\.[123]\\s+1\\s+(\\d+)\\s+(\\d+)\\s").matcher(out)
                    .results().toList();
            assertEquals(3, rows.size(), out);
            assertEquals(100, rows.stream().mapToLong(m -> Long.parseLong(m.group(1))).sum(), out);
            assertEquals(455052511L, rows.stream().mapToLong(m -> Long.parseLong(m.group(2))).sum(), out);
        } finally {
            head.stop();
            Result stop = script("cluster.sh", "stop", "--name", "primes-worker");
            assertEquals(0, stop.status(), stop.toString());
        }

        Path grid = DIR.resolve("grid.png");
        Files.deleteIfExists(grid);
        // The head allows 3 s between reports, the agents send one a second: they start one after
        // another over ssh, and none may look silent when the head stops.
        Background monitor = Background.start("java", "-jar", "build/clusterlab.jar", "monitor-head", "--port", "5050", "--every", "3s",
                "--view", "none", "--snapshot", grid.toString(), "--snapshot-after", "9", "--duration", "60s");
        try {
            monitor.await(out -> out.contains("collecting reports on 0.0.0.0:5050"), 30);
            Result agents = script("cluster.sh", "start", "--", "monitor-agent", "--head", "10.77.0.254:5050", "--simulate",
                    "--every", "1s", "--count", "3");
            assertEquals(0, agents.status(), agents.toString());
            assertEquals(0, monitor.awaitExit(90), monitor.toString());
            String out = monitor.output();
            assertTrue(out.contains("monitor-head stopped: 3 nodes, 9 reports, 0 rejected"), out);
            for (int node = 1; node <= 3; node++) {
                assertTrue(out.contains("new node 10.77.0." + node + " (clnode" + node + ") from 10.77.0." + node + "\n"), out);
            }
            byte[] png = Files.readAllBytes(grid);
            assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG: " + grid);
        } finally {
            monitor.stop();
            Result stop = script("cluster.sh", "stop", "--name", "monitor-agent");
            assertEquals(0, stop.status(), stop.toString());
        }
    }

    /** The blocks written, as the head's progress bar last showed them; 0 before it is drawn. */
    private static long lastBlocksWritten(String output) {
        return Pattern.compile("(\\d+)/100 blocks").matcher(output).results().mapToLong(m -> Long.parseLong(m.group(1)))
                .reduce((a, b) -> b).orElse(0);
    }

    /** Runs the command until its output is {@code done} (nodes take a moment to start), at most 30 s. */
    private static Result runUntil(List<String> command, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Result r = run(command.toArray(new String[0]));
        while (!done.test(r.output()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            r = run(command.toArray(new String[0]));
        }
        return r;
    }

    /** Sends one frame to a node's echo server, retrying while the server starts. */
    private static String echo(String host, String message) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = Connection.open(host, 20000, 2_000)) {
                c.setReadTimeout(5_000);
                c.sendText(message);
                return (String) Json.parseObject(c.receive()).get("echo");
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The process was stopped; what it printed so far is kept.
            }
        });
        reader.start();
        if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        reader.join(5_000);
        return new Result(p.isAlive() ? -1 : p.exitValue(), String.join(" ", command), output.toString());
    }

    /** A command left running while the test goes on (a head), its output kept as it comes. */
    private static final class Background {
        private final String command;
        private final Process process;
        private final StringBuilder output = new StringBuilder();
        private final Thread reader;

        private Background(String command, Process process) {
            this.command = command;
            this.process = process;
            this.reader = new Thread(this::read, "background-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Background start(String... command) throws IOException {
            Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return new Background(String.join(" ", command), p);
        }

        private void read() {
            try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (output) {
                        output.append(buffer, 0, n);
                    }
                }
            } catch (IOException ended) {
                // The process was stopped; what it printed so far is kept.
            }
        }

        String output() {
            synchronized (output) {
                return output.toString();
            }
        }

        /**
         * Waits until the output so far satisfies {@code condition}; fails, showing the output, after
         * {@code seconds} or when the process ends first.
         */
        void await(Predicate<String> condition, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!condition.test(output())) {
                assertTrue(process.isAlive() || condition.test(output()), "ended before it was expected to: " + this);
                assertTrue(System.nanoTime() < deadline, "waited " + seconds + " s in vain: " + this);
                Thread.sleep(100);
            }
        }

        /** Waits for the process to end by itself; its exit status, or -1 if it still runs after {@code seconds}. */
        int awaitExit(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                return -1;
            }
            reader.join(5_000);
            return process.exitValue();
        }

        /** Ends the process if it still runs (it is our child: by its own handle, never by name). */
        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }

        @Override
        public String toString() {
            return command + (process.isAlive() ? " (running)" : " (exit status " + process.exitValue() + ")") + "\n" + output();
        }
    }
}
