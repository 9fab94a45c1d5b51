package clusterlab.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What the head knows about the cluster: for each node, keyed by its ip, the last N readings in a
 * {@link History} ring buffer and when it was last heard. Collector threads write reports in; views
 * read {@link #nodes()}. The model knows nothing of any view.
 *
 * <p>Bounded: at most {@code maxNodes} nodes (a report for one more is refused and logged), each with
 * a fixed history, so memory stays flat however long the head runs.
 *
 * <p>Which address may report which square. The article's head believed every report's ip, so one
 * node could overwrite another's square. Checking the ip against the TCP peer's address would stop
 * that, but would also refuse the article's laptop demo, where every worker reports a made-up ip from
 * 127.0.0.1. The rule here keeps both: <em>a square is kept by the address that reports it, until that
 * address has been silent for three periods</em>; a report from any other address is refused, except
 * that a node may always report its own ip (its report's ip is the peer's address), which takes its
 * square back from whoever held it. So made-up ips work from one machine, a Pi's square cannot be
 * taken while it reports, and a node that moves to another machine shows again after three periods.
 * {@code trustIp} turns the check off, for clusters behind NAT where every peer looks alike anyway.
 */
public final class MonitorModel {
    public static final int DEFAULT_MAX_NODES = 1024;
    public static final int DEFAULT_HISTORY = 120;
    /** A node silent for this many periods is stale: greyed out, and its square is free to be claimed. */
    public static final int STALE_PERIODS = 3;
    /** Readings each {@link NodeStatus} carries for a view's "recent history". */
    public static final int RECENT = 10;

    /** IPv4 addresses in numeric order, so 10.0.0.9 comes before 10.0.0.10 and a lab's desks in turn. */
    private static final Comparator<NodeStatus> BY_ADDRESS = Comparator.comparingLong(s -> numeric(s.ip()));

    private final int maxNodes;
    private final int historySize;
    private final Duration period;
    private final long staleAfterNanos;
    private final boolean trustIp;
    private final RecentLog log;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final long startMillis = System.currentTimeMillis();
    private final ConcurrentHashMap<String, Node> nodes = new ConcurrentHashMap<>();
    private final LongAdder reports = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /** One node's record; its own lock guards it. */
    private static final class Node {
        final String ip;
        final History history;
        String host = "";
        String owner; // the address whose reports fill this square
        long lastHeard;
        long reports;

        Node(String ip, int historySize) {
            this.ip = ip;
            this.history = new History(historySize);
        }
    }

    /**
     * @param period  how often agents report; a node silent for {@link #STALE_PERIODS} periods is stale
     * @param trustIp believe every report's ip, from whatever address it comes
     */
    public MonitorModel(int maxNodes, int historySize, Duration period, boolean trustIp, RecentLog log) {
        this(maxNodes, historySize, period, trustIp, log, System::nanoTime);
    }

    /** With a clock of its own, in nanoseconds, for tests of staleness. */
    MonitorModel(int maxNodes, int historySize, Duration period, boolean trustIp, RecentLog log, LongSupplier nanoClock) {
        if (maxNodes < 1 || historySize < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("need maxNodes >= 1, historySize >= 1 and a period above 0, got "
                    + maxNodes + ", " + historySize + " and " + period);
        }
        this.maxNodes = maxNodes;
        this.historySize = historySize;
        this.period = period;
        this.staleAfterNanos = period.toNanos() * STALE_PERIODS;
        this.trustIp = trustIp;
        this.log = log;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /**
     * Files a report that came from {@code peer} (the TCP peer's address, e.g. "192.168.4.1").
     *
     * @throws ReportRejectedException if the report claims a square another address keeps, or would
     *         be one node more than the limit; the message is one line
     */
    public void accept(Report report, String peer) throws ReportRejectedException {
        long now = nanoClock.getAsLong();
        String ip = report.ip();
        Node node = nodes.get(ip);
        if (node == null) {
            node = create(report, peer);
        }
        String previous;
        synchronized (node) {
            previous = node.owner;
            boolean claimed = previous != null && !previous.equals(peer) && now - node.lastHeard <= staleAfterNanos;
            if (claimed && !trustIp && !ip.equals(peer)) {
                rejected.increment();
                throw new ReportRejectedException("report for " + ip + " from " + peer + " refused: that square is kept by "
                        + previous + " until it is silent for " + Seconds.of(staleAfter())
                        + " (a node may always report its own ip; --trust-ip believes every report)");
            }
            node.owner = peer;
            node.host = report.host().isEmpty() ? node.host : report.host();
            node.lastHeard = now;
            node.reports++;
            node.history.add(Reading.of(report, startMillis + (now - startNanos) / 1_000_000));
        }
        reports.increment();
        if (!trustIp && previous != null && !previous.equals(peer)) {
            log.add(ip + " is now reported by " + peer + " instead of " + previous);
        }
    }

    /** A new node, or the one another thread has just made; refused when the grid is full. */
    private Node create(Report report, String peer) throws ReportRejectedException {
        Node node;
        synchronized (nodes) { // nodes are made rarely: one lock keeps their count within the limit
            node = nodes.get(report.ip());
            if (node != null) {
                return node;
            }
            if (nodes.size() >= maxNodes) {
                rejected.increment();
                throw new ReportRejectedException("report for new node " + report.ip() + " from " + peer
                        + " refused: the grid is full with " + maxNodes + " nodes (--max-nodes)");
            }
            node = new Node(report.ip(), historySize);
            nodes.put(report.ip(), node);
        }
        log.add("new node " + report.ip() + (report.host().isEmpty() ? "" : " (" + report.host() + ")") + " from " + peer);
        return node;
    }

    /** Counts a report refused before it reached the model: a bad frame or bad JSON. */
    public void countRejected() {
        rejected.increment();
    }

    /** Every node that has reported, in address order, as it is now. */
    public List<NodeStatus> nodes() {
        long now = nanoClock.getAsLong();
        List<NodeStatus> statuses = new ArrayList<>(nodes.size());
        for (Node node : nodes.values()) {
            synchronized (node) {
                Reading latest = node.history.latest();
                if (latest == null) {
                    continue; // made a moment ago; its first reading is on its way
                }
                double[] range = node.history.range();
                long silent = Math.max(0, now - node.lastHeard);
                statuses.add(new NodeStatus(node.ip, node.host, node.owner, latest, silent / 1_000_000,
                        silent > staleAfterNanos, node.history.last(RECENT), range[0], range[1],
                        node.history.size(), node.reports));
            }
        }
        statuses.sort(BY_ADDRESS);
        return statuses;
    }

    /** Nodes that have reported so far. */
    public int nodeCount() {
        return nodes.size();
    }

    /** Reports accepted. */
    public long reports() {
        return reports.sum();
    }

    /** Reports refused: bad frames, bad JSON, claims on another's square, one node too many. */
    public long rejected() {
        return rejected.sum();
    }

    public Duration period() {
        return period;
    }

    /** How long a node may be silent before it is stale. */
    public Duration staleAfter() {
        return Duration.ofNanos(staleAfterNanos);
    }

    public int maxNodes() {
        return maxNodes;
    }

    public int historySize() {
        return historySize;
    }

    public RecentLog log() {
        return log;
    }

    private static long numeric(String ipv4) {
        long value = 0;
        for (String part : ipv4.split("\\.")) {
            value = value * 256 + Integer.parseInt(part);
        }
        return value;
    }
}
