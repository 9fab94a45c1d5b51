package clusterlab.monitor;

import clusterlab.net.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lesson 10 on one machine: a monitor head on loopback and three simulated agents, each a thread
 * reporting as if it were a Pi of its own (10.0.0.1 to 10.0.0.3), then the grid the terminal view
 * draws, once, and the head's summary.
 */
public final class MonitorDemo {
    private static final int AGENTS = 3;
    private static final int REPORTS_EACH = 4;
    private static final Duration EVERY = Duration.ofMillis(500);
    /**
     * The period the head expects: longer than the agents' own, so that no square turns grey and no
     * connection is dropped as silent when a busy machine holds an agent's thread back for a while.
     */
    private static final Duration EXPECTED_EVERY = Duration.ofSeconds(5);
    private static final long WAIT_MILLIS = 20_000;
    private static final int WIDTH = 80;
    /** Clearing the screen, moving the cursor home, erasing: the live view needs them, one frame among other output does not. */
    private static final String SCREEN_CONTROL = "\033\\[(2J|H|K|J)";
    /** Every escape sequence, the colours too. */
    private static final String ANY_CONTROL = "\033\\[[0-9;]*[A-Za-z]";

    private MonitorDemo() {
    }

    public static void run(PrintStream out) throws Exception {
        boolean terminal = out == System.out && System.console() != null;
        MonitorModel model = new MonitorModel(16, MonitorModel.DEFAULT_HISTORY, EXPECTED_EVERY, false, new RecentLog(100, out));
        ServerConfig config = new ServerConfig().host("127.0.0.1").port(0).poolSize(AGENTS + 4)
                .timeoutMillis((int) EXPECTED_EVERY.toMillis() * MonitorModel.STALE_PERIODS)
                .maxFrameLength(64 * 1024);
        List<Thread> agents = new ArrayList<>();
        try (MonitorHead head = new MonitorHead(model, config, out, 0)) {
            out.println("-- 1. the head collects reports (framed JSON) on a port of its own");
            head.start(config, Set.of(), null, 0, WIDTH);
            out.println("-- 2. " + AGENTS + " agents, each a thread reporting a simulated temperature as its own ip, "
                    + REPORTS_EACH + " reports, one every " + Seconds.of(EVERY));
            for (int i = 1; i <= AGENTS; i++) {
                String ip = "10.0.0." + i;
                MonitorAgent agent = new MonitorAgent("127.0.0.1", head.port(), EVERY, new SimulatedTemperature(i),
                        prefixed(out, "agent " + ip + ": ")).ip(ip).name("sim-" + i).count(REPORTS_EACH);
                Thread t = new Thread(() -> {
                    try {
                        agent.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "monitor-demo-agent-" + i);
                t.setDaemon(true);
                agents.add(t);
            }
            agents.forEach(Thread::start);
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            for (Thread t : agents) {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            }
            while (model.reports() < AGENTS * REPORTS_EACH && System.currentTimeMillis() < deadline) {
                Thread.sleep(10); // the last reports may still be on their way to the model
            }
            out.println("-- 3. the grid as the terminal view draws it"
                    + (terminal ? "" : " (without its colours: this is not a terminal)"));
            String frame = new TerminalGrid(out, WIDTH).frame(GridState.of(model, 0), List.of());
            out.print(terminal ? frame.replaceAll(SCREEN_CONTROL, "") : frame.replaceAll(ANY_CONTROL, ""));
            out.println("-- 4. the head stops and says what it served");
        } finally {
            for (Thread t : agents) {
                t.interrupt();
                t.join(5_000);
            }
        }
    }

    /** A stream printing each line to {@code out} after {@code prefix}, whole, so that the agents' lines never mix. */
    private static PrintStream prefixed(PrintStream out, String prefix) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    out.println(prefix + line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else if (b != '\r') {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
