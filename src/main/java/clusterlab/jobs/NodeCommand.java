package clusterlab.jobs;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.wire.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** `clusterlab node`: a node daemon (pp's ppserver) that runs the jobs of job servers that know the shared secret. */
public final class NodeCommand implements Command {
    /** Two ping intervals, so that a session whose job server still pings is never closed. */
    private static final Duration MIN_IDLE_TIMEOUT = NodeLink.PING_EVERY.multipliedBy(2);

    @Override
    public Options options() {
        return new Options("node", "Run a node daemon: job servers that prove the shared secret run their jobs on its workers.")
                .value("host", "ADDRESS", null, "address to listen on (default 0.0.0.0; with --insecure 127.0.0.1, and nothing else)")
                .value("port", "N", String.valueOf(NodeDaemon.DEFAULT_PORT), "TCP port")
                .value("workers", "N", String.valueOf(Runtime.getRuntime().availableProcessors()), "worker threads, shared by all sessions")
                .value("secret-file", "F", null, "the shared secret (default " + Secret.defaultFile() + ")")
                .flag("insecure", "no secret: listen on loopback only")
                .flag("discoverable", "answer UDP discovery queries (a job server's discover())")
                .value("discovery-port", "N", null, "UDP port for discovery (default: the TCP port's number)")
                .value("queue", "N", null, "jobs one session may hold; more are answered busy (default "
                        + NodeDaemon.QUEUE_PER_WORKER + " x workers, a job server's deepest window)")
                .value("max-sessions", "N", "64", "job servers connected at once; more are refused")
                .value("idle-timeout", "DURATION", NodeDaemon.DEFAULT_IDLE_TIMEOUT.toSeconds() + "s", "close a session silent"
                        + " this long (at least " + MIN_IDLE_TIMEOUT.toSeconds() + "s: job servers ping every "
                        + NodeLink.PING_EVERY.toSeconds() + " s when idle)")
                .flag("verbose", "a line per message too");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        NodeDaemon.Config config = new NodeDaemon.Config()
                .host(args.string("host"))
                .port(args.integer("port", 0, 65535))
                .workers(args.integer("workers", 1, 4096))
                .maxSessions(args.integer("max-sessions", 1, 10_000))
                .idleTimeout(idleTimeout(args))
                .verbose(args.flag("verbose"))
                .log(out);
        if (args.string("queue") != null) {
            config.queue(args.integer("queue", 1, 10_000_000));
        }
        if (args.flag("discoverable")) {
            config.discoverable(args.string("discovery-port") == null ? -1 : args.integer("discovery-port", 0, 65535));
        } else if (args.string("discovery-port") != null) {
            throw new UsageException("clusterlab node: --discovery-port goes with --discoverable");
        }
        if (args.flag("insecure")) {
            if (args.string("secret-file") != null) {
                throw new UsageException("clusterlab node: --insecure and --secret-file exclude each other");
            }
            config.insecure();
        } else {
            Path file = args.string("secret-file") == null ? Secret.defaultFile() : Path.of(args.string("secret-file"));
            try {
                config.secret(Secret.load(file));
            } catch (IOException e) {
                throw new UsageException("clusterlab node: " + e.getMessage());
            }
        }
        NodeDaemon node;
        try {
            node = NodeDaemon.start(config);
        } catch (IllegalArgumentException e) {
            throw new UsageException("clusterlab node: " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }

    private static Duration idleTimeout(Args args) throws UsageException {
        Duration idle = args.duration("idle-timeout");
        if (idle.compareTo(MIN_IDLE_TIMEOUT) < 0 || idle.compareTo(NodeDaemon.MAX_IDLE_TIMEOUT) > 0) {
            throw new UsageException("clusterlab node: --idle-timeout must be from " + MIN_IDLE_TIMEOUT.toSeconds() + "s to "
                    + NodeDaemon.MAX_IDLE_TIMEOUT.toHours() + "h (job servers ping every " + NodeLink.PING_EVERY.toSeconds()
                    + " s when idle), not '" + args.string("idle-timeout") + "'");
        }
        return idle;
    }
}
