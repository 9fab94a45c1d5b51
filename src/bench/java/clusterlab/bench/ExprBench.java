package clusterlab.bench;

import clusterlab.calc.CompiledFunction;
import clusterlab.calc.ExprEngine;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;

/**
 * What a formula costs when clusterlab evaluates it, against the same formula written in Java.
 * Four functions of x and y, each compiled once with {@link ExprEngine#compileFunction} and
 * applied at the same {@value #POINTS} points, against a {@link DoubleBinaryOperator} lambda
 * of the same formula at the same points: evaluations per second. The compiled function walks a
 * tree of closures, one call per operation; the lambda is machine code that the JIT compiles
 * whole, so the ratio says what the closures cost. The aim is a ratio of at least 0.10, within
 * ten times the lambda's time. For information, the first function also runs through the
 * general javax.script path: a CompiledScript evaluated with Bindings that hold the point, for
 * each point, on the first {@value #SCRIPT_POINTS} points.
 *
 * <p>Each lambda has a loop of its own that calls it through a constant, so that the JIT inlines
 * it, as it would inline the same formula written out in a loop. For information, the lambdas
 * also run in one loop that all four share: that call site sees four classes, too many to inline,
 * so every point costs an interface call, as every step between the closures of a compiled
 * function does. The compiled functions share one loop, as the evaluators do.
 *
 * <p>Every loop adds up its values, and each sum is compared with the lambda's: the JIT cannot
 * drop work whose result is used, and a compiled function that gave other values would fail the
 * bench rather than make it faster. Every variant first runs twice untimed, all of them before
 * any is timed, so the JIT has seen every function before the timing starts, as in a program
 * that evaluates several; then come 3 rounds, in which the variants take turns, several times
 * over, so that a slow moment of the machine hits them alike. The ratios are the results to
 * quote (see {@link BenchTable}); the absolute figures depend on the machine.
 */
public final class ExprBench {
    private static final int ROUNDS = 3;
    private static final int RUNS_PER_ROUND = 4;
    private static final int WARM_UPS = 2;
    private static final int POINTS = 2_000_000;
    private static final int SCRIPT_POINTS = 100_000;
    private static final double TOLERANCE = 1e-9; // relative, between two sums of the same values
    private static final double AIM = 0.10;

    private static final String WAVES = "sin(x)*cos(y) + x^2/10";
    private static final String RADIUS = "sqrt(x^2+y^2)";
    private static final String HIMMELBLAU = "(x^2+y-11)^2+(x+y^2-7)^2";
    private static final String USER = "f(a) = a^2 + 1; f(x) * f(y)";

    private static final DoubleBinaryOperator WAVES_LAMBDA = (x, y) -> Math.sin(x) * Math.cos(y) + x * x / 10;
    private static final DoubleBinaryOperator RADIUS_LAMBDA = (x, y) -> Math.sqrt(x * x + y * y);
    private static final DoubleBinaryOperator HIMMELBLAU_LAMBDA = (x, y) -> {
        double a = x * x + y - 11;
        double b = x + y * y - 7;
        return a * a + b * b;
    };
    private static final DoubleBinaryOperator USER_LAMBDA = (x, y) -> (x * x + 1) * (y * y + 1);

    private ExprBench() {
    }

    /** One pass over the points: returns the sum of the values. */
    private interface Pass {
        double sum() throws Exception;
    }

    /** A way of evaluating a function at {@code count} points, whose values must add up to {@code expected}. */
    private record Variant(String name, int count, double expected, Pass pass) {
    }

    public static void main(String[] args) throws Exception {
        BenchTable.progress(String.format(Locale.ROOT, "making %,d points in [-5, 5] x [-5, 5]", POINTS));
        double[][] points = points(POINTS);
        double[][] few = Arrays.copyOf(points, SCRIPT_POINTS);

        CompiledFunction waves = ExprEngine.compileFunction(WAVES, "x", "y");
        CompiledFunction radius = ExprEngine.compileFunction(RADIUS, "x", "y");
        CompiledFunction himmelblau = ExprEngine.compileFunction(HIMMELBLAU, "x", "y");
        CompiledFunction user = ExprEngine.compileFunction(USER, "x", "y");
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("expr");
        if (engine == null) {
            throw new IllegalStateException("no script engine named expr: is META-INF/services on the classpath?");
        }
        CompiledScript script = ((Compilable) engine).compile(WAVES);

        double wavesSum = waves(points);
        double radiusSum = radius(points);
        double himmelblauSum = himmelblau(points);
        double userSum = user(points);
        Variant[] variants = {
            new Variant(WAVES + ", lambda", POINTS, wavesSum, () -> waves(points)),
            new Variant(WAVES + ", compiled", POINTS, wavesSum, () -> compiled(waves, points)),
            new Variant(WAVES + ", shared loop", POINTS, wavesSum, () -> shared(WAVES_LAMBDA, points)),
            new Variant(WAVES + ", script", SCRIPT_POINTS, waves(few),
                    () -> script(script, engine.createBindings(), few)),
            new Variant(RADIUS + ", lambda", POINTS, radiusSum, () -> radius(points)),
            new Variant(RADIUS + ", compiled", POINTS, radiusSum, () -> compiled(radius, points)),
            new Variant(RADIUS + ", shared loop", POINTS, radiusSum, () -> shared(RADIUS_LAMBDA, points)),
            new Variant(HIMMELBLAU + ", lambda", POINTS, himmelblauSum, () -> himmelblau(points)),
            new Variant(HIMMELBLAU + ", compiled", POINTS, himmelblauSum, () -> compiled(himmelblau, points)),
            new Variant(HIMMELBLAU + ", shared loop", POINTS, himmelblauSum, () -> shared(HIMMELBLAU_LAMBDA, points)),
            new Variant(USER + ", lambda", POINTS, userSum, () -> user(points)),
            new Variant(USER + ", compiled", POINTS, userSum, () -> compiled(user, points)),
            new Variant(USER + ", shared loop", POINTS, userSum, () -> shared(USER_LAMBDA, points)),
        };
        double[][] rates = measure(variants);

        BenchTable table = new BenchTable(String.format(Locale.ROOT, "ExprBench: ExprEngine.compileFunction "
                + "against the same formula as a Java lambda, %,d points; figures: median of %d rounds, "
                + "ratios: median of the per-round ratios", POINTS, ROUNDS));
        group(table, WAVES, rates[0], rates[1], rates[2]);
        table.row("CompiledScript.eval(Bindings), per point", rates[3], "evaluations/s",
                String.format(Locale.ROOT, "for information: javax.script, x and y put in the Bindings; "
                        + "first %,d points", SCRIPT_POINTS));
        group(table, RADIUS, rates[4], rates[5], rates[6]);
        group(table, HIMMELBLAU, rates[7], rates[8], rates[9]);
        group(table, USER, rates[10], rates[11], rates[12]);
        table.print();
    }

    private static void group(BenchTable table, String function, double[] lambda, double[] compiled,
            double[] shared) {
        table.group(function, "DoubleBinaryOperator lambda, inlined", lambda, "evaluations/s",
                "the same formula in Java");
        double ratio = table.ratio(compiled);
        table.row("ExprEngine.compileFunction, apply(x, y)", compiled, "evaluations/s",
                String.format(Locale.ROOT, "%.1fx the lambda's time; aim: within 10x (%s)", 1 / ratio,
                        ratio >= AIM ? "met" : "NOT met"));
        table.row("the lambda in a loop shared by all four", shared, "evaluations/s",
                "for information: an interface call the JIT cannot inline");
    }

    /**
     * Runs every variant WARM_UPS times untimed, then ROUNDS rounds, in each of which every
     * variant runs in turn, RUNS_PER_ROUND times over. Checks every pass's sum. Returns
     * evaluations per second, [variant][round].
     */
    private static double[][] measure(Variant[] variants) throws Exception {
        BenchTable.progress(variants.length + " variants: " + WARM_UPS + " warm-ups each, then " + ROUNDS
                + " rounds of " + RUNS_PER_ROUND + " runs each");
        for (int w = 0; w < WARM_UPS; w++) {
            for (Variant variant : variants) {
                check(variant, variant.pass.sum());
            }
        }
        double[][] rates = new double[variants.length][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            BenchTable.progress("round " + (r + 1) + " of " + ROUNDS);
            double[] seconds = new double[variants.length];
            for (int i = 0; i < RUNS_PER_ROUND; i++) {
                for (int v = 0; v < variants.length; v++) {
                    long start = System.nanoTime();
                    double sum = variants[v].pass.sum();
                    seconds[v] += (System.nanoTime() - start) / 1e9;
                    check(variants[v], sum);
                }
            }
            for (int v = 0; v < variants.length; v++) {
                rates[v][r] = (double) variants[v].count * RUNS_PER_ROUND / seconds[v];
            }
        }
        return rates;
    }

    private static void check(Variant variant, double sum) {
        double expected = variant.expected;
        if (!(Math.abs(sum - expected) <= TOLERANCE * Math.max(1, Math.abs(expected)))) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s: the values add up to %.17g, the lambda's to %.17g", variant.name, sum, expected));
        }
    }

    private static double[][] points(int count) {
        SplittableRandom random = new SplittableRandom(42);
        double[][] points = new double[count][];
        for (int i = 0; i < count; i++) {
            points[i] = new double[] {random.nextDouble(-5, 5), random.nextDouble(-5, 5)};
        }
        return points;
    }

    /** The loop the compiled functions share. */
    private static double compiled(CompiledFunction f, double[][] points) {
        double sum = 0;
        for (double[] p : points) {
            sum += f.apply(p);
        }
        return sum;
    }

    /** One loop for all four lambdas: its call site sees four classes, too many to inline. */
    private static double shared(DoubleBinaryOperator f, double[][] points) {
        double sum = 0;
        for (double[] p : points) {
            sum += f.applyAsDouble(p[0], p[1]);
        }
        return sum;
    }

    private static double script(CompiledScript script, Bindings bindings, double[][] points) throws Exception {
        double sum = 0;
        for (double[] p : points) {
            bindings.put("x", p[0]);
            bindings.put("y", p[1]);
            sum += (Double) script.eval(bindings);
        }
        return sum;
    }

    // One loop per lambda, each calling a constant, so that each call is inlined.

    private static double waves(double[][] points) {
        double sum = 0;
        for (double[] p : points) {
            sum += WAVES_LAMBDA.applyAsDouble(p[0], p[1]);
        }
        return sum;
    }

    private static double radius(double[][] points) {
        double sum = 0;
        for (double[] p : points) {
            sum += RADIUS_LAMBDA.applyAsDouble(p[0], p[1]);
        }
        return sum;
    }

    private static double himmelblau(double[][] points) {
        double sum = 0;
        for (double[] p : points) {
            sum += HIMMELBLAU_LAMBDA.applyAsDouble(p[0], p[1]);
        }
        return sum;
    }

    private static double user(double[][] points) {
        double sum = 0;
        for (double[] p : points) {
            sum += USER_LAMBDA.applyAsDouble(p[0], p[1]);
        }
        return sum;
    }
}
