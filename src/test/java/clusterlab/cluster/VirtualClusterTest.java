package clusterlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clusterlab.wire.Connection;
import clusterlab.wire.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end, as on real Pis: a virtual cluster of 3 nodes in network namespaces (10.77.0.1-3),
 * the jar deployed with scripts/deploy.sh, a server started on every node with scripts/cluster.sh,
 * reached from here, then stopped; and a deploy with one node's sshd down. Needs root, ip and sshd;
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
            Result r = runUntil(sumPrimes, "10.77.0.3:60000");
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

    /** Runs the command until its output names {@code expected} (nodes take a moment to start), at most 30 s. */
    private static Result runUntil(List<String> command, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Result r = run(command.toArray(new String[0]));
        while (!r.output().contains(expected) && System.nanoTime() < deadline) {
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
}
