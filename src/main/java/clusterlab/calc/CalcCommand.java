package clusterlab.calc;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import java.io.PrintStream;
import java.util.List;
import javax.script.ScriptException;

/** `clusterlab calc`: article A's FunctionCalculator from the command line. */
public final class CalcCommand implements Command {
    @Override
    public Options options() {
        return new Options("calc", "Evaluate commands such as \"y = 5*100\" and print what each leaves in y.")
                .value("engine", "NAME", Engines.DEFAULT, "javax.script engine to use")
                .value("file", "FILE", null, "read commands from FILE, one per line ('#' starts a comment)")
                .flag("engines", "list the installed script engines and exit")
                .operands("[COMMAND...]", Integer.MAX_VALUE, "commands; with none and no --file, each line of standard input");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.flag("engines")) {
            Engines.describe().forEach(out::println);
            return 0;
        }
        Engines.requireInstalled(args.string("engine"), "calc");
        List<String> commands = CommandSource.read(args, "calc");
        FunctionCalculator calculator = new FunctionCalculator(args.string("engine"), out);
        int failed = 0;
        for (String command : commands) {
            try {
                calculator.evaluate(command);
            } catch (ScriptException e) {
                err.println("clusterlab calc: " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
