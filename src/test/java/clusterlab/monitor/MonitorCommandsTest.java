package clusterlab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import clusterlab.Eventually;
import clusterlab.CommandLine;
import clusterlab.net.ServerConfig;
import java.awt.image.BufferedImage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorCommandsTest {
    private final CommandLine cli = new CommandLine();

    /** Runs a command that must fail with status 2 and one line; returns the line. */
    private String usageError(String... argv) {
        cli.reset();
        assertEquals(2, cli.run(argv), cli.out() + cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
        return cli.err().strip();
    }

    @Test
    void helpPagesNameTheReportFieldsAndTheOptions() {
        assertEquals(0, cli.run("monitor-agent", "--help"));
        String agent = cli.out();
        assertTrue(agent.contains("framed JSON {ip, temp, host, load1, memUsedMiB, memTotalMiB}"), agent);
        for (String option : new String[] {"--head HOST[:PORT]", "--every DURATION", "--simulate", "--seed N", "--ip ADDRESS",
                "--count N", "--once", "--per-report", "--max-instances N"}) {
            assertTrue(agent.contains(option), option + " in\n" + agent);
        }
        cli.reset();
        assertEquals(0, cli.run("monitor-head", "--help"));
        String head = cli.out();
        for (String option : new String[] {"(default 5050)", "--view LIST", "--web-port N", "(default 8080)", "--snapshot FILE",
                "--snapshot-after N|DURATION", "--duration DURATION", "--max-nodes N", "(default 1024)", "--trust-ip", "--expect N"}) {
            assertTrue(head.contains(option), option + " in\n" + head);
        }
        cli.reset();
        assertEquals(0, cli.run());
        assertTrue(cli.out().contains("\n  monitor-head ") && cli.out().contains("\n  monitor-agent "), cli.out());
    }

    @Test
    void badAgentOptionsAreOneLineEach() {
        assertEquals("clusterlab monitor-agent: --head HOST[:PORT] is required: the address of the monitor head",
                usageError("monitor-agent", "--simulate"));
        assertEquals("clusterlab monitor-agent: --head must be HOST or HOST:PORT with a port from 1 to 65535, not 'pi:http'",
                usageError("monitor-agent", "--head", "pi:http"));
        assertEquals("clusterlab monitor-agent: --head must be HOST or HOST:PORT, not ':5050'",
                usageError("monitor-agent", "--head", ":5050"));
        assertEquals("clusterlab monitor-agent: --every must be more than 0, not '0s'",
                usageError("monitor-agent", "--head", "127.0.0.1", "--every", "0s"));
        assertEquals("clusterlab monitor-agent: --ip must be an IPv4 address such as 10.0.0.1, not 'pi-4-1'",
                usageError("monitor-agent", "--head", "127.0.0.1", "--ip", "pi-4-1"));
        assertEquals("clusterlab monitor-agent: --name must be letters, digits, '.', '-' and '_' (at most 64), not 'my pi'",
                usageError("monitor-agent", "--head", "127.0.0.1", "--name", "my pi"));
        assertEquals("clusterlab monitor-agent: --seed is for --simulate's made-up temperatures",
                usageError("monitor-agent", "--head", "127.0.0.1", "--seed", "4"));
        assertEquals("clusterlab monitor-agent: --seed must be a whole number, not 'four'",
                usageError("monitor-agent", "--head", "127.0.0.1", "--simulate", "--seed", "four"));
        assertEquals("clusterlab monitor-agent: --once sends one report; it cannot go with --count 3",
                usageError("monitor-agent", "--head", "127.0.0.1", "--once", "--count", "3"));
        assertTrue(usageError("monitor-agent", "--head", "127.0.0.1", "--every", "soon").contains("--every must be a duration"));
    }

    @Test
    void badHeadOptionsAreOneLineEach(@TempDir Path dir) throws Exception {
        assertEquals("clusterlab monitor-head: --view must be swing, terminal, web or none, or several joined by commas, not 'gui'",
                usageError("monitor-head", "--view", "gui"));
        assertEquals("clusterlab monitor-head: --view none cannot be combined with other views, as in 'none,web'",
                usageError("monitor-head", "--view", "none,web"));
        assertEquals("clusterlab monitor-head: --every must be more than 0, not '0'", usageError("monitor-head", "--every", "0"));
        assertEquals("clusterlab monitor-head: --snapshot-after needs --snapshot FILE to say where the picture goes",
                usageError("monitor-head", "--view", "none", "--snapshot-after", "10"));
        assertEquals("clusterlab monitor-head: --snapshot " + dir.resolve("no/grid.png") + ": there is no directory " + dir.resolve("no"),
                usageError("monitor-head", "--view", "none", "--snapshot", dir.resolve("no/grid.png").toString()));
        assertEquals("clusterlab monitor-head: --snapshot-after must be a number of reports (240) or a time with its unit (30s, 2m),"
                + " not 'soon'", usageError("monitor-head", "--view", "none", "--snapshot", dir.resolve("g.png").toString(),
                        "--snapshot-after", "soon"));
        assertTrue(usageError("monitor-head", "--max-nodes", "0").contains("--max-nodes must be a whole number from 1 to 100000"));
        assertTrue(usageError("monitor-head", "--expect", "2000").contains("--expect must be a whole number from 0 to 1024"));
        try (ServerSocket taken = new ServerSocket(0)) {
            assertTrue(usageError("monitor-head", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()), "--view", "none")
                    .startsWith("port " + taken.getLocalPort() + " is already in use"));
        }
    }

    @Test
    void swingWithoutADisplayIsRefused() {
        assumeFalse(SwingGrid.available(), "this machine has a display");
        assertTrue(usageError("monitor-head", "--view", "swing").startsWith("clusterlab monitor-head: --view swing needs a display"));
    }

    @Test
    void headAndThreeAgentsFromTheCommandLineMakeASnapshot(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("grid.png");
        CommandLine head = new CommandLine();
        AtomicInteger status = new AtomicInteger(-1);
        Thread headThread = new Thread(() -> status.set(head.run("monitor-head", "--host", "127.0.0.1", "--port", "0",
                "--every", "10s", "--view", "none", "--snapshot", png.toString(), "--snapshot-after", "3", "--duration", "60s")));
        headThread.start();
        Pattern listening = Pattern.compile("collecting reports on 127\\.0\\.0\\.1:(\\d+) ");
        Eventually.await("the head to listen", () -> listening.matcher(head.out()).find(), head::err);
        Matcher m = listening.matcher(head.out());
        assertTrue(m.find());
        String port = m.group(1);
        for (int i = 1; i <= 3; i++) {
            CommandLine agent = new CommandLine();
            assertEquals(0, agent.run("monitor-agent", "--head", "127.0.0.1:" + port, "--simulate", "--seed", String.valueOf(i),
                    "--ip", "10.0.0." + i, "--name", "sim-" + i, "--once", "--per-report", "--max-instances", "0"), agent.err());
            assertTrue(agent.out().contains("sent {\"ip\":\"10.0.0." + i + "\",\"temp\":"), agent.out());
            assertTrue(agent.out().endsWith("sent 1 report to 127.0.0.1:" + port + "\n"), agent.out());
        }
        headThread.join(20_000);
        assertEquals(0, status.get(), "the head stopped by itself after the snapshot: " + head.out() + head.err());
        assertTrue(head.out().contains("new node 10.0.0.2 (sim-2) from 127.0.0.1"), head.out());
        assertTrue(head.out().contains("saved the grid (3 nodes, 3 reports, 0 rejected) to " + png), head.out());
        assertTrue(head.out().matches("(?s).*\nmonitor-head stopped: 3 nodes, 3 reports, 0 rejected; 3 connections, 0 turned away,"
                + " 0 dropped as silent, \\d+ bytes in\n"), head.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(3 * GridImage.CELL_WIDTH, image.getWidth());
        assertEquals(GridImage.CELL_HEIGHT, image.getHeight());
    }

    @Test
    void aSecondAgentOnOneHostIsRefused(@TempDir Path locks) throws Exception {
        MonitorModel model = new MonitorModel(10, 10, Duration.ofMillis(200), false, new RecentLog(10, null));
        try (Collector head = new Collector(new ServerConfig().host("127.0.0.1").port(0).timeoutMillis(10_000), model)) {
            head.start();
            Process first = agentProcess(locks, head.port(), "10.0.0.1");
            try {
                Eventually.await("the first agent's reports", () -> model.reports() >= 1);
                Process second = agentProcess(locks, head.port(), "10.0.0.2");
                assertTrue(second.waitFor(30, TimeUnit.SECONDS));
                String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(2, second.exitValue(), output);
                assertEquals("clusterlab monitor-agent: 1 instance already run on this host (--max-instances 1); stop one first\n", output);
                assertEquals(1, model.nodeCount(), "the second never reported");
            } finally {
                first.destroy();
                first.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** An agent in a process of its own, with the default --max-instances 1 and its locks in {@code locks}. */
    private static Process agentProcess(Path locks, int port, String ip) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(MonitorAgentCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", classes, "clusterlab.Main", "monitor-agent", "--head", "127.0.0.1:" + port,
                "--simulate", "--every", "200ms", "--ip", ip, "--name", "sim").redirectErrorStream(true);
        pb.environment().put("CLUSTERLAB_LOCKS", locks.toString());
        Files.createDirectories(locks);
        return pb.start();
    }
}
