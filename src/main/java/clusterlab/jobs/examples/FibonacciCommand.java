package clusterlab.jobs.examples;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.jobs.Job;
import clusterlab.jobs.JobServer;
import clusterlab.jobs.JobServerOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * `clusterlab fibonacci`: article B's demo. One job per input, a callback that keeps each answer,
 * then the answers in input order, each naming the pid of the worker that computed it.
 */
public final class FibonacciCommand implements Command {
    @Override
    public Options options() {
        return JobServerOptions.declare(new Options("fibonacci", "Compute Fibonacci numbers as jobs on local workers (article B).")
                .operands("[N...]", 64, "the inputs (default: 4 3 8 6 10, as in the article)"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        List<Integer> inputs = inputs(args);
        try (JobServer server = JobServerOptions.start(args, err)) {
            out.println("main pid " + ProcessHandle.current().pid() + ", " + JobServerOptions.describe(server));
            List<Integer> callbackOrder = new ArrayList<>();
            List<Job<Fibonacci.Answer>> jobs = new ArrayList<>();
            for (int n : inputs) {
                // The callback runs on the job server's callback thread, one at a time.
                jobs.add(server.job(Fibonacci.class).args(n).callback(job -> callbackOrder.add(job.get().n())).submit());
            }
            server.waitAll();
            for (Job<Fibonacci.Answer> job : jobs) {
                Fibonacci.Answer answer = job.get();
                out.println("fib(" + answer.n() + ") = " + answer.value() + "   computed by worker pid " + answer.pid());
            }
            out.println("callbacks ran in the order the jobs finished: " + callbackOrder);
        }
        return 0;
    }

    private static List<Integer> inputs(Args args) throws UsageException {
        if (args.operands().isEmpty()) {
            return List.of(4, 3, 8, 6, 10);
        }
        List<Integer> inputs = new ArrayList<>();
        for (String operand : args.operands()) {
            try {
                int n = Integer.parseInt(operand);
                if (n < 0 || n > 50) {
                    throw new NumberFormatException();
                }
                inputs.add(n);
            } catch (NumberFormatException e) {
                throw new UsageException("clusterlab fibonacci: each input must be a whole number from 0 to 50, not '" + operand + "'");
            }
        }
        return inputs;
    }
}
