package clusterlab;

import clusterlab.calc.CalcCommand;
import clusterlab.calc.CalcHeadCommand;
import clusterlab.calc.CalcNodeCommand;
import clusterlab.calc.MinimumCommand;
import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.UsageException;
import clusterlab.crawl.CrawlCommand;
import clusterlab.jobs.NodeCommand;
import clusterlab.jobs.SecretCommand;
import clusterlab.jobs.examples.FibonacciCommand;
import clusterlab.jobs.examples.SumPrimesCommand;
import clusterlab.life.LifeCommand;
import clusterlab.monitor.MonitorAgentCommand;
import clusterlab.monitor.MonitorHeadCommand;
import clusterlab.mpi.MpirunCommand;
import clusterlab.net.ClientCommand;
import clusterlab.net.NioServerCommand;
import clusterlab.net.ServerCommand;
import clusterlab.pipes.PipeReadCommand;
import clusterlab.pipes.PipeWriteCommand;
import clusterlab.primes.PrimesHeadCommand;
import clusterlab.primes.PrimesWorkerCommand;
import java.io.PrintStream;
import java.net.BindException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** `java -jar clusterlab.jar COMMAND [options]`: finds the command and runs it. */
public final class Main {
    /** Every command, in the order `clusterlab` lists them. Add a new command here. */
    static List<Command> commands() {
        return List.of(
                new ServerCommand(),
                new NioServerCommand(),
                new ClientCommand(),
                new CalcCommand(),
                new CalcHeadCommand(),
                new CalcNodeCommand(),
                new MinimumCommand(),
                new MpirunCommand(),
                new LifeCommand(),
                new PipeWriteCommand(),
                new PipeReadCommand(),
                new NodeCommand(),
                new SecretCommand(),
                new FibonacciCommand(),
                new SumPrimesCommand(),
                new CrawlCommand(),
                new MonitorHeadCommand(),
                new MonitorAgentCommand(),
                new PrimesHeadCommand(),
                new PrimesWorkerCommand(),
                new DemoCommand());
    }

    public static void main(String[] argv) {
        // Numbers print alike on every machine, 3.14 and never 3,14, as the lesson pages show them.
        Locale.setDefault(Locale.ROOT);
        int status = run(argv, System.out, System.err);
        System.out.flush();
        // A server command returns only after it has closed; exit even if a daemon thread lingers.
        System.exit(status);
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            out.print(overview());
            return 0;
        }
        String name = argv[0];
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        if (name.equals("help")) {
            if (rest.length == 0) {
                out.print(overview());
                return 0;
            }
            name = rest[0];
            rest = new String[] {"--help"};
        }
        Command command = find(name);
        if (command == null) {
            err.println("clusterlab: unknown command '" + name + "' (run clusterlab with no arguments for the list)");
            return 2;
        }
        try {
            Args args = command.options().parse(rest);
            if (args == null) {
                out.print(command.options().help());
                return 0;
            }
            return command.run(args, out, err);
        } catch (UsageException | BindException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("clusterlab " + name + ": " + describe(e));
            return 1;
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static Command find(String name) {
        for (Command c : commands()) {
            if (c.options().command().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static String overview() {
        StringBuilder s = new StringBuilder();
        s.append("clusterlab: cluster computing from raw sockets up\n\n");
        s.append("usage: clusterlab COMMAND [options]    (clusterlab help COMMAND, or COMMAND --help)\n\n");
        s.append("commands:\n");
        for (Command c : commands()) {
            String name = c.options().command();
            s.append("  ").append(name).append(" ".repeat(Math.max(1, 14 - name.length())))
                    .append(c.options().summary()).append('\n');
        }
        return s.toString();
    }
}
