package clusterlab.calc;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.cluster.InstanceLimit;
import clusterlab.net.ServerConfig;
import java.io.PrintStream;

/** `clusterlab calc-node`: connects to a head and evaluates what it is sent. */
public final class CalcNodeCommand implements Command {
    @Override
    public Options options() {
        return InstanceLimit.declare(new Options("calc-node", "Connect to a calc head and evaluate the batches it sends, until it says goodbye.")
                .value("head", "HOST[:PORT]", null, "the head to connect to (port 20000 unless given)")
                .value("threads", "N", String.valueOf(Runtime.getRuntime().availableProcessors()), "threads evaluating each batch")
                .value("engine", "NAME", Engines.DEFAULT, "the script engine commands run with; any other than expr runs whatever the head sends")
                .value("give-up", "DURATION", "30s", "exit when no head answers for this long"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String head = args.string("head");
        if (head == null) {
            throw new UsageException("clusterlab calc-node: --head HOST[:PORT] is required");
        }
        int colon = head.lastIndexOf(':');
        String host = colon < 0 ? head : head.substring(0, colon);
        int port = ServerConfig.DEFAULT_PORT;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(head.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new UsageException("clusterlab calc-node: --head must be HOST or HOST:PORT, not '" + head + "'");
            }
        }
        Engines.requireInstalled(args.string("engine"), "calc-node");
        InstanceLimit.hold(args, "calc-node");
        CalcNode node = new CalcNode(host, port, args.integer("threads", 1, 1024), args.string("engine"),
                args.duration("give-up").toMillis(), out);
        return node.run();
    }
}
