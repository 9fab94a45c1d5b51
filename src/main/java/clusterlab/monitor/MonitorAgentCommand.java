package clusterlab.monitor;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.cluster.InstanceLimit;
import clusterlab.net.HostName;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Random;

/**
 * `clusterlab monitor-agent`: the article's worker. Reads the CPU temperature ({@code vcgencmd} on a
 * Pi, else /sys/class/thermal, else made up with {@code --simulate}), the load average and memory,
 * and sends them to the head as a framed JSON report every period (see {@link Report} for the fields).
 */
public final class MonitorAgentCommand implements Command {
    @Override
    public Options options() {
        return new Options("monitor-agent",
                        "Report this node's temperature to a monitor head: framed JSON {ip, temp, host, load1, memUsedMiB, memTotalMiB}.")
                .value("head", "HOST[:PORT]", null, "the monitor head (port " + MonitorAgent.DEFAULT_PORT + " unless given)")
                .value("every", "DURATION", "5s", "time between reports (the head's --every should match)")
                .flag("simulate", "make temperatures up (a random walk from 40 to 80 C) instead of reading a sensor: for laptops")
                .value("seed", "N", null, "start --simulate's walk from this number, to repeat a run (default: a new walk each time)")
                .value("ip", "ADDRESS", null, "the report's ip (default: this end of the connection to the head); agents sharing a machine"
                        + " need one each")
                .value("name", "NAME", null, "the report's host (default: this machine's name)")
                .value("count", "N", "0", "send N reports, then exit (0: for ever)")
                .flag("once", "send one report and exit (--count 1)")
                .flag("per-report", "connect for each report and close, as the article's worker does (default: one connection)")
                .value("max-instances", "N", "1", "refuse to start if N agents already run on this host, as the article's worker"
                        + " does (0: no limit)");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String head = args.string("head");
        if (head == null) {
            throw usage("--head HOST[:PORT] is required: the address of the monitor head");
        }
        int colon = head.lastIndexOf(':');
        String host = colon < 0 ? head : head.substring(0, colon);
        int port = colon < 0 ? MonitorAgent.DEFAULT_PORT : port(head.substring(colon + 1), head);
        if (host.isEmpty()) {
            throw usage("--head must be HOST or HOST:PORT, not '" + head + "'");
        }
        Duration every = args.duration("every");
        if (every.isZero()) {
            throw usage("--every must be more than 0, not '" + args.string("every") + "'");
        }
        String ip = args.string("ip");
        if (ip != null && !Report.isIpv4(ip)) {
            throw usage("--ip must be an IPv4 address such as 10.0.0.1, not '" + ip + "'");
        }
        String name = args.string("name") != null ? args.string("name") : machineName();
        if (!name.isEmpty() && !Report.isHostName(name)) {
            throw usage("--name must be letters, digits, '.', '-' and '_' (at most 64), not '" + name + "'");
        }
        long count = args.flag("once") ? 1 : args.integer("count", 0, Integer.MAX_VALUE);
        if (args.flag("once") && args.integer("count", 0, Integer.MAX_VALUE) > 1) {
            throw usage("--once sends one report; it cannot go with --count " + args.string("count"));
        }
        if (args.string("seed") != null && !args.flag("simulate")) {
            throw usage("--seed is for --simulate's made-up temperatures");
        }
        long seed = args.string("seed") == null ? new Random().nextLong() : seed(args.string("seed"));
        InstanceLimit.hold(args, "monitor-agent");
        TemperatureSource source = args.flag("simulate") ? new SimulatedTemperature(seed) : TemperatureSource.detect();
        new MonitorAgent(host, port, every, source, out).ip(ip).name(name).count(count).perReport(args.flag("per-report")).run();
        return 0;
    }

    private static int port(String text, String head) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("--head must be HOST or HOST:PORT with a port from 1 to 65535, not '" + head + "'");
    }

    private static long seed(String text) throws UsageException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw usage("--seed must be a whole number, not '" + text + "'");
        }
    }

    /** This machine's name as a report may carry it, or "" when it has none worth sending. */
    private static String machineName() {
        String name = HostName.localOr("").replaceAll("[^A-Za-z0-9._-]", "-");
        return name.substring(0, Math.min(64, name.length()));
    }

    private static UsageException usage(String message) {
        return new UsageException("clusterlab monitor-agent: " + message);
    }
}
