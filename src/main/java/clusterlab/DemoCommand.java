package clusterlab;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.monitor.MonitorDemo;
import clusterlab.net.FramingDemo;
import clusterlab.net.SocketsDemo;
import clusterlab.net.ThreadCostDemo;
import clusterlab.primes.PrimesDemo;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `clusterlab demo [NAME...]`: short guided runs on loopback, one per lesson topic. */
final class DemoCommand implements Command {
    /** A demo prints what it does as it goes; it uses only loopback and ephemeral ports. */
    interface Demo {
        void run(PrintStream out) throws Exception;
    }

    /** Every demo, in the order `make demo` runs them. Add a new demo here. */
    static Map<String, Demo> demos() {
        Map<String, Demo> demos = new LinkedHashMap<>();
        demos.put("sockets", SocketsDemo::run);
        demos.put("threads", ThreadCostDemo::run);
        demos.put("framing", FramingDemo::run);
        demos.put("primes", PrimesDemo::run);
        demos.put("monitor", MonitorDemo::run);
        return demos;
    }

    @Override
    public Options options() {
        return new Options("demo", "Run the demos on loopback (all of them, or those named).")
                .operands("[NAME...]", Integer.MAX_VALUE, "demos to run: " + String.join(", ", demos().keySet()));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Map<String, Demo> demos = demos();
        List<String> names = args.operands().isEmpty() ? List.copyOf(demos.keySet()) : args.operands();
        for (String name : names) {
            if (!demos.containsKey(name)) {
                throw new UsageException("clusterlab demo: no demo named '" + name + "' (there are: "
                        + String.join(", ", demos.keySet()) + ")");
            }
        }
        for (String name : names) {
            out.println("=== demo: " + name + " ===");
            demos.get(name).run(out);
            out.println();
        }
        return 0;
    }
}
