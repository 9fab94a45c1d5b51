package clusterlab.monitor;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.cluster.InstanceLimit;
import clusterlab.net.ServerConfig;
import clusterlab.wire.Frames;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * `clusterlab monitor-head`: collects the agents' temperature reports on port 5050 and shows the
 * cluster as the article's coloured grid, in a window, a terminal, a web page, or a PNG snapshot:
 * several views reading one model.
 */
public final class MonitorHeadCommand implements Command {
    private static final List<String> VIEWS = List.of("swing", "terminal", "web", "none");
    private static final int LOG_KEPT = 100;
    private static final int EXTRA_CONNECTIONS = 32;
    /** However short the period, a loaded machine may pause for a moment: never drop a connection sooner. */
    private static final long MIN_READ_TIMEOUT_MILLIS = 2_000;

    @Override
    public Options options() {
        return InstanceLimit.declare(new Options("monitor-head",
                        "Collect temperature reports (framed JSON {\"ip\", \"temp\", ...}, the article's too) and show the cluster as a coloured grid.")
                .value("host", "ADDRESS", "0.0.0.0", "address to collect on (0.0.0.0: every interface)")
                .value("port", "N", String.valueOf(MonitorAgent.DEFAULT_PORT), "TCP port the agents report to")
                .value("every", "DURATION", "5s", "the agents' period: a node silent 3 periods is greyed out, and a connection silent that long dropped")
                .value("view", "LIST", null, "swing, terminal, web or none, or several with commas (swing,web); default: swing with a display,"
                        + " else terminal on a terminal, else none")
                .value("web-host", "ADDRESS", "127.0.0.1", "address of the web view (0.0.0.0 shows it to the whole network)")
                .value("web-port", "N", String.valueOf(WebView.DEFAULT_PORT), "port of the web view; its data is at /api/nodes")
                .value("snapshot", "FILE", null, "save the grid as a PNG picture when the head stops, or as --snapshot-after says")
                .value("snapshot-after", "N|DURATION", null, "save it after N reports (240) or after a time (30s); with --view none the head then stops")
                .value("duration", "DURATION", "0", "stop after this long (0: run until Ctrl-C)")
                .value("max-nodes", "N", String.valueOf(MonitorModel.DEFAULT_MAX_NODES), "nodes on the grid at most; reports for more are refused and logged")
                .value("history", "N", String.valueOf(MonitorModel.DEFAULT_HISTORY), "readings kept per node (its recent history)")
                .value("expect", "N", "0", "lay the grid out for N nodes from the start (240: the article's 12 x 20); 0: sized to the nodes heard")
                .flag("trust-ip", "believe every report's ip; else a square is kept by the address reporting it until it is silent"
                        + " 3 periods, and only a node reporting its own ip may take it over")
                .value("max-frame", "SIZE", "64KiB", "largest report frame accepted"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Duration every = args.duration("every");
        if (every.isZero()) {
            throw usage("--every must be more than 0, not '" + args.string("every") + "'");
        }
        int port = args.integer("port", 0, 65535);
        int webPort = args.integer("web-port", 0, 65535);
        int maxNodes = args.integer("max-nodes", 1, 100_000);
        int history = args.integer("history", 1, 100_000);
        int expected = args.integer("expect", 0, maxNodes);
        int maxFrame = args.bytes("max-frame", 64, Frames.DEFAULT_MAX_LENGTH);
        Duration duration = args.duration("duration");
        Set<String> views = views(args.string("view"));
        MonitorHead.SnapshotRule snapshot = snapshot(args);
        if (views.contains("swing") && !SwingGrid.available()) {
            throw usage("--view swing needs a display and there is none (a headless JVM, or DISPLAY is not set);"
                    + " use --view terminal or web, or --snapshot FILE");
        }
        if (!views.contains("swing")) {
            System.setProperty("java.awt.headless", "true"); // snapshots are drawn off-screen, never on a display
        }
        InstanceLimit.hold(args, "monitor-head");

        RecentLog log = new RecentLog(LOG_KEPT, out);
        MonitorModel model = new MonitorModel(maxNodes, history, every, args.flag("trust-ip"), log);
        ServerConfig config = new ServerConfig()
                .host(args.string("host"))
                .port(port)
                .poolSize(maxNodes + EXTRA_CONNECTIONS)
                .timeoutMillis((int) Math.min(Integer.MAX_VALUE, Math.max(MIN_READ_TIMEOUT_MILLIS, every.toMillis() * MonitorModel.STALE_PERIODS)))
                .maxFrameLength(maxFrame);
        try (MonitorHead head = new MonitorHead(model, config, out, expected)) {
            // Ctrl-C: the hook stops the run and waits for the summary, which the JVM would cut off
            Thread hook = new Thread(() -> head.stopAndWait(config.graceMillis() * 2L), "monitor-head-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                head.start(config, views, args.string("web-host"), webPort, terminalWidth());
                head.runUntil(duration, snapshot, !views.isEmpty());
            } finally {
                removeQuietly(hook);
            }
        }
        return 0;
    }

    /** The views asked for, or the default one; an empty set for none. */
    private static Set<String> views(String list) throws UsageException {
        Set<String> views = new LinkedHashSet<>();
        if (list == null) {
            if (SwingGrid.available()) {
                views.add("swing");
            } else if (System.console() != null) {
                views.add("terminal");
            }
            return views;
        }
        for (String view : list.split(",", -1)) {
            if (!VIEWS.contains(view.strip())) {
                throw usage("--view must be swing, terminal, web or none, or several joined by commas, not '" + list + "'");
            }
            views.add(view.strip());
        }
        if (views.contains("none") && views.size() > 1) {
            throw usage("--view none cannot be combined with other views, as in '" + list + "'");
        }
        views.remove("none");
        return views;
    }

    private static MonitorHead.SnapshotRule snapshot(Args args) throws UsageException {
        String file = args.string("snapshot");
        String after = args.string("snapshot-after");
        if (file == null) {
            if (after != null) {
                throw usage("--snapshot-after needs --snapshot FILE to say where the picture goes");
            }
            return null;
        }
        Path path = Path.of(file).toAbsolutePath();
        if (!Files.isDirectory(path.getParent())) {
            throw usage("--snapshot " + file + ": there is no directory " + path.getParent());
        }
        if (after == null) {
            return new MonitorHead.SnapshotRule(path, Long.MAX_VALUE, Duration.ofNanos(Long.MAX_VALUE));
        }
        if (after.matches("[0-9]+")) {
            try {
                return new MonitorHead.SnapshotRule(path, Long.parseLong(after), Duration.ofNanos(Long.MAX_VALUE));
            } catch (NumberFormatException e) {
                throw usage("--snapshot-after " + after + " is more reports than there will ever be");
            }
        }
        if (!after.matches("[0-9]+(ms|s|m|h)")) {
            throw usage("--snapshot-after must be a number of reports (240) or a time with its unit (30s, 2m), not '" + after + "'");
        }
        return new MonitorHead.SnapshotRule(path, Long.MAX_VALUE, args.duration("snapshot-after"));
    }

    /** $COLUMNS when the shell exports it, else a width most terminals have when full screen. */
    private static int terminalWidth() {
        try {
            return Math.max(40, Integer.parseInt(String.valueOf(System.getenv("COLUMNS"))));
        } catch (NumberFormatException e) {
            return 160;
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running now: it only asks the run to stop, which it has.
        }
    }

    private static UsageException usage(String message) {
        return new UsageException("clusterlab monitor-head: " + message);
    }
}
