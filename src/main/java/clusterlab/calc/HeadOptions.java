package clusterlab.calc;

import clusterlab.cli.Args;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.net.ServerConfig;
import java.io.PrintStream;

/** The options of every command that runs a head (calc-head, and minimum with --nodes). */
final class HeadOptions {
    private HeadOptions() {
    }

    static Options declare(Options options) {
        return options
                .value("host", "ADDRESS", "0.0.0.0", "address the head listens on")
                .value("port", "N", String.valueOf(ServerConfig.DEFAULT_PORT), "port the nodes connect to")
                .value("nodes", "N", "1", "nodes to wait for before starting (more may join later)")
                .value("wait", "DURATION", "60s", "how long to wait for those nodes")
                .value("timeout", "DURATION", "60s", "a node silent this long over one batch is dropped; its batch goes to another")
                .value("max-nodes", "N", "256", "nodes accepted at once");
    }

    static ServerConfig config(Args args) throws UsageException {
        return new ServerConfig()
                .host(args.string("host"))
                .port(args.integer("port", 0, 65535))
                .timeoutMillis((int) Math.min(Integer.MAX_VALUE, args.duration("timeout").toMillis()))
                .maxConnections(args.integer("max-nodes", 1, 100_000));
    }

    static void awaitNodes(CalcHead head, Args args, PrintStream log) throws Exception {
        int nodes = args.integer("nodes", 1, 100_000);
        log.println("waiting for " + nodes + (nodes == 1 ? " node" : " nodes"));
        head.awaitNodes(nodes, args.duration("wait").toMillis());
    }
}
