package clusterlab.cli;

import java.io.PrintStream;

/** One `clusterlab NAME` command: its options, and what it does with them. */
public interface Command {
    /** The options, which also give the command's name, summary and help page. */
    Options options();

    /**
     * Runs the command and returns its exit status (0 for success). A {@link UsageException}
     * or {@link java.net.BindException} means exit status 2; any other exception, status 1.
     */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
