package clusterlab.monitor;

import clusterlab.net.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One run of the head: the collector filling the model, the views reading it, and the clock that
 * draws the terminal, takes the snapshot and ends the run. {@link #close} stops everything and
 * prints the summary line.
 */
final class MonitorHead implements AutoCloseable {
    private static final long TICK_MILLIS = 100;
    private static final long DRAW_NANOS = 1_000_000_000L;

    /** When to save the picture: after this many reports or this long, whichever comes first. */
    record SnapshotRule(Path file, long afterReports, Duration afterTime) {
    }

    private final MonitorModel model;
    private final Collector collector;
    private final PrintStream out;
    private final int expected;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private WebView web;
    private SwingGrid swing;
    private TerminalGrid terminal;
    private SnapshotRule snapshot; // null once saved, or when there is none
    private boolean closed;

    MonitorHead(MonitorModel model, ServerConfig config, PrintStream out, int expected) {
        this.model = model;
        this.collector = new Collector(config, model);
        this.out = out;
        this.expected = expected;
    }

    /** Starts collecting, then opens the views named; the caller closes this, even if a view fails. */
    void start(ServerConfig config, Set<String> views, String webHost, int webPort, int terminalWidth) throws Exception {
        collector.start();
        out.println("collecting reports on " + config.host() + ":" + collector.port() + " (a node silent for "
                + Seconds.of(model.staleAfter()) + " is greyed out; at most " + model.maxNodes() + " nodes)");
        if (views.contains("web")) {
            web = new WebView(model, expected, webHost, webPort);
            out.println("web view on http://" + webHost + ":" + web.port() + "/ (data at /api/nodes)");
        }
        if (views.contains("swing")) {
            swing = new SwingGrid(model, expected);
        }
        if (views.contains("terminal")) {
            terminal = new TerminalGrid(out, terminalWidth);
            model.log().echoTo(null); // the terminal view shows the log under the grid
        }
    }

    int port() {
        return collector.port();
    }

    /** Ends {@link #runUntil} early, e.g. on Ctrl-C. */
    void stop() {
        stopped.countDown();
    }

    /** Stops the run and waits (up to {@code millis}) until {@link #close} has printed the summary: for a shutdown hook. */
    void stopAndWait(long millis) {
        stop();
        try {
            finished.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs until the duration is over (never when 0), {@link #stop} is called, the window is closed,
     * or, when there is no view, the snapshot has been saved.
     */
    void runUntil(Duration duration, SnapshotRule rule, boolean anyView) throws IOException, InterruptedException {
        snapshot = rule;
        long start = System.nanoTime();
        long nextDraw = start;
        while (true) {
            long now = System.nanoTime();
            if (terminal != null && now >= nextDraw) {
                terminal.show(GridState.of(model, expected), model.log().last(5));
                nextDraw = now + DRAW_NANOS;
            }
            if (snapshot != null && (model.reports() >= snapshot.afterReports() || now - start >= snapshot.afterTime().toNanos())) {
                saveSnapshot();
                if (!anyView) {
                    return;
                }
            }
            if ((!duration.isZero() && now - start >= duration.toNanos()) || (swing != null && swing.isClosed())) {
                return;
            }
            if (stopped.await(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private void saveSnapshot() throws IOException {
        GridState state = GridState.of(model, expected);
        GridImage.writePng(state.nodes(), state.layout(), snapshot.file());
        model.log().add("saved the grid (" + state.title() + ") to " + snapshot.file());
        snapshot = null;
    }

    /** Stops the views and the collector, saves a snapshot still due, and prints the summary. Safe to call twice. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            collector.close();
            if (web != null) {
                web.close();
            }
            if (swing != null) {
                swing.close();
            }
            model.log().echoTo(out);
            if (snapshot != null) {
                saveSnapshot();
            }
            out.println("monitor-head stopped: " + GridState.of(model, expected).title() + "; " + collector.summary());
        } finally {
            finished.countDown();
        }
    }
}
