package clusterlab.jobs;

import clusterlab.cli.Args;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.wire.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options every command that runs a {@link JobServer} shares: where the workers are (local
 * processes or threads, nodes listed or discovered) and how nodes are trusted.
 */
public final class JobServerOptions {
    private JobServerOptions() {
    }

    /** Adds the job server's options to a command's. */
    public static Options declare(Options options) {
        return options
                .value("workers", "N", String.valueOf(Runtime.getRuntime().availableProcessors()),
                        "local workers (0: none, only nodes)")
                .flag("threads", "local workers are threads of this process, not worker processes")
                .value("nodes", "HOST:PORT,...", null, "node daemons to use (clusterlab node), port 60000 unless given")
                .flag("discover", "also find nodes by a UDP broadcast, as pp's \"*\" does")
                .value("discovery-address", "HOST:PORT", "255.255.255.255:60000", "where --discover sends its query")
                .value("secret-file", "FILE", null, "the shared secret of the nodes (default " + Secret.defaultFile() + ")")
                .flag("insecure", "talk to nodes started with --insecure (no secret; loopback only)")
                .value("timeout", "DURATION", null, "fail a job that runs longer than this (e.g. 30s)");
    }

    /** A job server as the options describe it, with its node messages going to {@code log}. */
    public static JobServer start(Args args, PrintStream log) throws IOException, UsageException {
        int workers = args.integer("workers", 0, 1024);
        boolean remote = args.string("nodes") != null || args.flag("discover");
        if (workers == 0 && !remote) {
            throw new UsageException("clusterlab " + args.command() + ": --workers 0 needs --nodes or --discover, or there is no one to run the jobs");
        }
        for (String nodeOption : new String[] {"secret-file", "insecure"}) {
            if (!remote && args.string(nodeOption) != null) {
                throw new UsageException("clusterlab " + args.command() + ": --" + nodeOption
                        + " is about nodes: give --nodes or --discover too");
            }
        }
        JobServer.Builder builder = JobServer.builder().workers(workers).log(log);
        if (args.flag("threads")) {
            builder.threads();
        }
        if (remote && args.flag("insecure")) {
            builder.insecure();
        } else if (remote) {
            String file = args.string("secret-file");
            builder.secret(Secret.load(file == null ? Secret.defaultFile() : Path.of(file)));
        }
        if (args.string("nodes") != null) {
            for (String node : args.string("nodes").split(",")) {
                if (!node.isBlank()) {
                    try {
                        builder.node(node.trim());
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("clusterlab " + args.command() + ": --nodes: " + e.getMessage());
                    }
                }
            }
        }
        if (args.flag("discover")) {
            builder.discover().discoveryTarget(address(args));
        }
        if (args.string("timeout") != null) {
            if (args.duration("timeout").isZero()) {
                throw new UsageException("clusterlab " + args.command() + ": --timeout must be more than 0, not '"
                        + args.string("timeout") + "'");
            }
            builder.timeout(args.duration("timeout"));
        }
        JobServer server = builder.build();
        if (server.workers() == 0 && server.activeNodes().values().stream().allMatch(n -> n == 0)) {
            // A job server would wait for a node to come; a command run by hand should say why none did.
            server.close();
            throw new IOException("no node joined (see above), and with --workers 0 the jobs would wait for one for ever");
        }
        return server;
    }

    private static InetSocketAddress address(Args args) throws UsageException {
        String hostPort = args.string("discovery-address");
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon > 0) {
                return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new UsageException("clusterlab " + args.command() + ": --discovery-address must be HOST:PORT, not '" + hostPort + "'");
    }

    /** "2 local worker processes", "1 local worker thread, node 127.0.0.1:60000 (2 workers)". */
    public static String describe(JobServer server) {
        List<String> parts = new ArrayList<>();
        server.activeNodes().forEach((where, workers) -> {
            if (!where.equals("local")) {
                parts.add("node " + where + " (" + plural(workers, "worker", "workers") + ")");
            } else if (workers > 0) {
                parts.add(server.usesThreads() ? plural(workers, "local worker thread", "local worker threads")
                        : plural(workers, "local worker process", "local worker processes"));
            }
        });
        return parts.isEmpty() ? "no workers yet" : String.join(", ", parts);
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
