package clusterlab.calc;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** `clusterlab minimum`: the global-minimum search of article A, on this machine or spread over nodes. */
public final class MinimumCommand implements Command {
    private static final List<String> VARIABLES = List.of("x", "y", "z", "w");

    @Override
    public Options options() {
        Options options = new Options("minimum",
                "Find the minima of a function of 2 to 4 variables: a grid scan, then Nelder-Mead from the best points.")
                .value("function", "EXPR", null, "the function, in the expr language, of x, y (and z, w)");
        for (String v : VARIABLES) {
            options.value(v, "LO:HI", null, "range of " + v + " to scan" + (v.equals("x") || v.equals("y") ? "" : " (if the function uses " + v + ")"));
        }
        return HeadOptions.declare(options
                .value("grid", "N", "50", "grid points per variable in the scan")
                .value("starts", "K", "8", "best grid points refined")
                .value("batch", "N", "10000", "points per batch")
                .value("threads", "N", String.valueOf(Runtime.getRuntime().availableProcessors()),
                        "threads for a local run")
                .flag("distributed", "run a head and spread the work over the nodes that connect (see --nodes)"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String function = args.string("function");
        if (function == null) {
            throw new UsageException("clusterlab minimum: --function is required, e.g. --function \"(x^2+y-11)^2+(x+y^2-7)^2\"");
        }
        List<String> variables = new ArrayList<>();
        List<double[]> ranges = new ArrayList<>();
        for (String v : VARIABLES) {
            if (args.string(v) != null) {
                variables.add(v);
                ranges.add(range(v, args.string(v)));
            }
        }
        if (variables.size() < 2 || !variables.equals(VARIABLES.subList(0, variables.size()))) {
            throw new UsageException("clusterlab minimum: give ranges for x and y, then optionally z and w, e.g. --x -5:5 --y -5:5");
        }
        double[] lo = new double[variables.size()];
        double[] hi = new double[variables.size()];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = ranges.get(i)[0];
            hi[i] = ranges.get(i)[1];
        }
        int batch = args.integer("batch", 1, 10_000_000);
        out.println("minimum of " + function + " over " + describe(variables, lo, hi));
        if (args.flag("distributed")) {
            try (CalcHead head = new CalcHead(HeadOptions.config(args), err)) {
                head.start();
                HeadOptions.awaitNodes(head, args, err);
                search(head.evaluator(function, variables, batch), lo, hi, variables, args, out, err);
                head.printStats(err);
            }
        } else {
            try (LocalEvaluator local = new LocalEvaluator(function, variables, args.integer("threads", 1, 1024))) {
                search(local, lo, hi, variables, args, out, err);
            }
        }
        return 0;
    }

    private static void search(PointEvaluator f, double[] lo, double[] hi, List<String> variables, Args args,
            PrintStream out, PrintStream err) throws Exception {
        Minimizer.Result result = new Minimizer(f, lo, hi)
                .grid(args.integer("grid", 2, 100_000))
                .starts(args.integer("starts", 1, 1000))
                .batchSize(args.integer("batch", 1, 10_000_000))
                .progress(err::println)
                .run();
        out.println("minima found, best first:");
        for (Minimum m : result.minima()) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < variables.size(); i++) {
                line.append(String.format(Locale.ROOT, "  %s = %10.6f", variables.get(i), m.point()[i]));
            }
            line.append(String.format(Locale.ROOT, "   f = %.6g", m.value()));
            out.println(line);
        }
        out.printf(Locale.ROOT, "%d evaluations; scan %.3f s, refinement %.3f s (%d iterations)%n", result.evaluations(),
                result.scanMillis() / 1000.0, result.refineMillis() / 1000.0, result.iterations());
    }

    private static double[] range(String variable, String text) throws UsageException {
        String[] parts = text.split(":");
        try {
            if (parts.length == 2) {
                double lo = Double.parseDouble(parts[0]);
                double hi = Double.parseDouble(parts[1]);
                if (lo < hi && Double.isFinite(lo) && Double.isFinite(hi)) {
                    return new double[] {lo, hi};
                }
            }
        } catch (NumberFormatException e) {
            // Reported below with what was expected.
        }
        throw new UsageException("clusterlab minimum: --" + variable + " must be LO:HI with LO < HI, e.g. -5:5, not '" + text + "'");
    }

    private static String describe(List<String> variables, double[] lo, double[] hi) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < lo.length; i++) {
            parts.add(variables.get(i) + " in [" + lo[i] + ", " + hi[i] + "]");
        }
        return String.join(", ", parts);
    }
}
