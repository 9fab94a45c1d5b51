package clusterlab.calc;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.net.ServerConfig;
import java.io.PrintStream;
import java.util.List;

/** `clusterlab calc-head`: waits for nodes, spreads the commands over them, prints the results in order. */
public final class CalcHeadCommand implements Command {
    @Override
    public Options options() {
        return HeadOptions.declare(new Options("calc-head",
                        "Wait for nodes, spread the commands over them, print what each leaves in y, in order."))
                .value("engine", "NAME", Engines.DEFAULT, "javax.script engine the nodes use")
                .value("batch", "N", "100", "commands per batch sent to a node")
                .value("file", "FILE", null, "read commands from FILE, one per line ('#' starts a comment)")
                .operands("[COMMAND...]", Integer.MAX_VALUE, "commands; with none and no --file, each line of standard input");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Engines.requireInstalled(args.string("engine"), "calc-head");
        List<String> commands = CommandSource.read(args, "calc-head");
        int batch = args.integer("batch", 1, 1_000_000);
        ServerConfig config = HeadOptions.config(args);
        try (CalcHead head = new CalcHead(config, err).showProgress(true)) {
            head.start();
            HeadOptions.awaitNodes(head, args, err);
            long start = System.nanoTime();
            double[] values = head.evaluateCommands(args.string("engine"), commands, batch);
            for (int i = 0; i < values.length; i++) {
                out.println(commands.get(i) + " -> " + values[i]);
            }
            err.printf("%d commands in %.3f s%n", values.length, (System.nanoTime() - start) / 1e9);
            head.printStats(err);
        }
        return 0;
    }
}
