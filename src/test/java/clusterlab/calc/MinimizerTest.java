package clusterlab.calc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MinimizerTest {
    private static final ToDoubleFunction<double[]> HIMMELBLAU = p -> {
        double x = p[0];
        double y = p[1];
        return (x * x + y - 11) * (x * x + y - 11) + (x + y * y - 7) * (x + y * y - 7);
    };

    private static final ToDoubleFunction<double[]> ROSENBROCK = p -> {
        double x = p[0];
        double y = p[1];
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    };

    /** Any number of variables; a local minimum near every point with integer coordinates, 0 at the origin. */
    private static final ToDoubleFunction<double[]> RASTRIGIN = p -> {
        double sum = 10 * p.length;
        for (double x : p) {
            sum += x * x - 10 * Math.cos(2 * Math.PI * x);
        }
        return sum;
    };

    private static final double[] LO5 = {-5, -5};
    private static final double[] HI5 = {5, 5};

    /** Evaluates a Java function point by point on this thread, and records the size of every batch. */
    private static final class Local implements PointEvaluator {
        final ToDoubleFunction<double[]> fn;
        final List<Integer> batches = new ArrayList<>();

        Local(ToDoubleFunction<double[]> fn) {
            this.fn = fn;
        }

        @Override
        public double[] evaluate(double[][] points) {
            batches.add(points.length);
            double[] values = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                values[i] = fn.applyAsDouble(points[i]);
            }
            return values;
        }

        int calls() {
            return batches.size();
        }
    }

    /**
     * Pretends to be three nodes: each batch is cut in three parts, evaluated at the same time on
     * three threads (each part backwards), so the parts finish in whatever order the threads run.
     */
    private static PointEvaluator threeNodes(ToDoubleFunction<double[]> fn, ExecutorService nodes) {
        return points -> {
            double[] values = new double[points.length];
            List<Future<?>> parts = new ArrayList<>();
            for (int node = 0; node < 3; node++) {
                int from = points.length * node / 3;
                int to = points.length * (node + 1) / 3;
                parts.add(nodes.submit(() -> {
                    for (int i = to - 1; i >= from; i--) {
                        values[i] = fn.applyAsDouble(points[i]);
                    }
                }));
            }
            try {
                for (Future<?> part : parts) {
                    part.get();
                }
            } catch (ExecutionException e) {
                throw new EvaluationException("a node failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvaluationException("interrupted", e);
            }
            return values;
        };
    }

    private static void assertNear(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], tolerance, () -> Arrays.toString(actual) + " is not near " + Arrays.toString(expected));
        }
    }

    /** Some minimum in the list is within {@code tolerance} of {@code point} in every coordinate; returns it. */
    private static Minimum assertFound(double[] point, List<Minimum> minima, double tolerance) {
        for (Minimum m : minima) {
            double[] x = m.point();
            boolean near = true;
            for (int k = 0; k < point.length; k++) {
                near &= Math.abs(x[k] - point[k]) <= tolerance;
            }
            if (near) {
                return m;
            }
        }
        throw new AssertionError(Arrays.toString(point) + " is not in " + minima);
    }

    private static double[] filled(int d, double value) {
        double[] a = new double[d];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void himmelblauHasFourMinimaAndAllAreFound() throws EvaluationException {
        Minimizer.Result result = new Minimizer(new Local(HIMMELBLAU), LO5, HI5).run();

        double[][] expected = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        assertEquals(4, result.minima().size(), result.minima().toString());
        for (double[] point : expected) {
            Minimum found = assertFound(point, result.minima(), 1e-5);
            assertTrue(found.value() < 1e-9, found::toString);
        }
    }

    @Test
    void minimaAreSortedBestFirst() throws EvaluationException {
        List<Minimum> minima = new Minimizer(new Local(RASTRIGIN), filled(2, -5.12), filled(2, 5.12)).run().minima();
        for (int i = 1; i < minima.size(); i++) {
            assertTrue(minima.get(i - 1).value() <= minima.get(i).value(), minima.toString());
        }
    }

    /**
     * With 50 points per variable the origin falls in the middle of a cell, where Rastrigin is 2.1
     * above 0 per variable, and the basins next to it look better on the grid; 80 points resolve it.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void rastriginsBestMinimumIsZeroAtTheOrigin(int d) throws EvaluationException {
        Minimum best = new Minimizer(new Local(RASTRIGIN), filled(d, -5.12), filled(d, 5.12)).grid(80).run().minima().get(0);

        assertNear(new double[d], best.point(), 1e-5);
        assertEquals(0, best.value(), 1e-9);
    }

    @Test
    void rosenbrocksCurvedValleyLeadsToOneOne() throws EvaluationException {
        Minimum best = new Minimizer(new Local(ROSENBROCK), new double[] {-2, -2}, new double[] {2, 2}).run().minima().get(0);

        assertNear(new double[] {1, 1}, best.point(), 1e-5);
        assertTrue(best.value() < 1e-9, best::toString);
    }

    @Test
    void sixVariablesWithACoarseGrid() throws EvaluationException {
        double[] centre = {0.3, -0.2, 0.1, 0.45, -0.35, 0.05};
        ToDoubleFunction<double[]> bowl = p -> {
            double sum = 0;
            for (int k = 0; k < p.length; k++) {
                sum += (k + 1) * (p[k] - centre[k]) * (p[k] - centre[k]);
            }
            return sum;
        };
        Minimum best = new Minimizer(new Local(bowl), filled(6, -1), filled(6, 1)).grid(8).run().minima().get(0);

        assertNear(centre, best.point(), 1e-5);
    }

    @Test
    void theGridIncludesBothEndsOfEveryRange() throws EvaluationException {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        PointEvaluator recording = points -> {
            for (double[] p : points) {
                xs.add(p[0]);
                ys.add(p[1]);
            }
            return new Local(HIMMELBLAU).evaluate(points);
        };
        new Minimizer(recording, new double[] {-1.1, 0.3}, new double[] {2.7, 0.9}).grid(7).run();

        List<Double> scanX = xs.subList(0, 49).stream().distinct().sorted().toList();
        List<Double> scanY = ys.subList(0, 49).stream().distinct().sorted().toList();
        assertEquals(7, scanX.size());
        assertEquals(7, scanY.size());
        assertEquals(-1.1, scanX.get(0));
        assertEquals(2.7, scanX.get(6));
        assertEquals(0.3, scanY.get(0));
        assertEquals(0.9, scanY.get(6));
    }

    @Test
    void theScanSendsBatchesOfAtMostBatchSizePoints() throws EvaluationException {
        Local f = new Local(HIMMELBLAU);
        Minimizer.Result result = new Minimizer(f, LO5, HI5).batchSize(1000).run();

        assertEquals(List.of(1000, 1000, 500), f.batches.subList(0, 3));
        assertTrue(f.batches.stream().allMatch(size -> size <= 1000), f.batches.toString());
        assertEquals(f.batches.stream().mapToLong(size -> size).sum(), result.evaluations());
    }

    @Test
    void eachRefinementIterationIsOneCall() throws EvaluationException {
        Local f = new Local(HIMMELBLAU);
        Minimizer.Result result = new Minimizer(f, LO5, HI5).run();

        // One scan batch of 2,500 points, one call for the new vertices of the 8 starting simplices
        // (2 each), then one per iteration with 4 points per simplex still moving: Himmelblau's
        // smooth valleys never make a simplex shrink.
        assertEquals(1 + 1 + result.iterations(), f.calls(), f.batches.toString());
        assertEquals(16, f.batches.get(1));
        assertEquals(32, f.batches.get(2));
        assertTrue(f.batches.subList(2, f.calls()).stream().allMatch(size -> size % 4 == 0 && size <= 32));
    }

    @Test
    void aShrinkCostsOneMoreCallInItsIteration() throws EvaluationException {
        // The sharp cusp at (0.1, 0.2) makes simplices shrink; they still get there.
        ToDoubleFunction<double[]> cusp = p -> Math.sqrt(Math.abs(p[0] - 0.1)) + Math.sqrt(Math.abs(p[1] - 0.2));
        Local f = new Local(cusp);
        Minimizer.Result result = new Minimizer(f, new double[] {-1, -1}, new double[] {1, 1}).run();

        int refinementCalls = f.calls() - 2;
        assertTrue(refinementCalls > result.iterations() && refinementCalls <= 2 * result.iterations(),
                refinementCalls + " calls for " + result.iterations() + " iterations");
        assertNear(new double[] {0.1, 0.2}, result.minima().get(0).point(), 1e-9);
    }

    @Test
    void noStartIsWhereTheFunctionIsNaN() throws EvaluationException {
        ToDoubleFunction<double[]> rightHalf = p -> p[0] < 0 ? Double.NaN : HIMMELBLAU.applyAsDouble(p);
        List<Minimum> minima = new Minimizer(new Local(rightHalf), LO5, HI5).run().minima();

        assertFound(new double[] {3.584428, -1.848126}, minima, 1e-5);
        assertFound(new double[] {3, 2}, minima, 1e-5);
        for (Minimum m : minima) {
            assertTrue(m.point()[0] >= 0 && Double.isFinite(m.value()), m::toString);
        }
    }

    @Test
    void refinementBacksOutOfWhereTheFunctionIsNaN() throws EvaluationException {
        // A bowl around (1, 1) with a wall of NaN just beyond it, where the simplices' bolder steps land.
        Local walled = new Local(p -> p[0] + p[1] > 2.3 ? Double.NaN : (p[0] - 1) * (p[0] - 1) + (p[1] - 1) * (p[1] - 1));
        long[] nanAfterTheScan = {0};
        PointEvaluator counting = points -> {
            double[] values = walled.evaluate(points);
            if (walled.calls() > 1) {
                nanAfterTheScan[0] += Arrays.stream(values).filter(Double::isNaN).count();
            }
            return values;
        };
        Minimizer.Result result = new Minimizer(counting, LO5, HI5).run();

        assertTrue(nanAfterTheScan[0] > 0, "refinement never stepped into the NaN region");
        assertEquals(1, result.minima().size(), result.minima().toString());
        assertNear(new double[] {1, 1}, result.minima().get(0).point(), 1e-5);
        // A NaN taken at face value would stay in its simplex for good and keep it from converging.
        assertTrue(result.iterations() < 200, result.iterations() + " iterations");
    }

    @Test
    void aFunctionThatIsNaNEverywhereHasNoMinima() throws EvaluationException {
        Local f = new Local(p -> Double.NaN);
        Minimizer.Result result = new Minimizer(f, LO5, HI5).run();

        assertEquals(List.of(), result.minima());
        assertEquals(List.of(2500), f.batches);
    }

    @Test
    void refinementMayLeaveTheBox() throws EvaluationException {
        ToDoubleFunction<double[]> outside = p -> (p[0] - 6) * (p[0] - 6) + p[1] * p[1];
        Minimum best = new Minimizer(new Local(outside), LO5, HI5).run().minima().get(0);

        assertNear(new double[] {6, 0}, best.point(), 1e-5);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void anEvaluationExceptionPropagates(int failingCall) {
        EvaluationException failure = new EvaluationException("no nodes left");
        Local plain = new Local(HIMMELBLAU);
        PointEvaluator failing = points -> {
            if (plain.calls() + 1 == failingCall) {
                throw failure;
            }
            return plain.evaluate(points);
        };
        Minimizer minimizer = new Minimizer(failing, LO5, HI5).batchSize(1000);

        assertSame(failure, assertThrows(EvaluationException.class, minimizer::run));
    }

    @Test
    void theWrongNumberOfValuesIsAnEvaluationException() {
        Minimizer minimizer = new Minimizer(points -> new double[points.length - 1], LO5, HI5);

        EvaluationException e = assertThrows(EvaluationException.class, minimizer::run);
        assertEquals("the evaluator returned 2499 values for 2500 points", e.getMessage());
    }

    @Test
    void twoRunsGiveTheSameResult() throws EvaluationException {
        Minimizer.Result first = new Minimizer(new Local(HIMMELBLAU), LO5, HI5).run();
        Minimizer.Result second = new Minimizer(new Local(HIMMELBLAU), LO5, HI5).run();

        assertEquals(first.minima(), second.minima());
        assertEquals(first.evaluations(), second.evaluations());
        assertEquals(first.iterations(), second.iterations());
    }

    @Test
    void threeNodesGiveBitIdenticalResultsToOne() throws EvaluationException {
        ExecutorService nodes = Executors.newFixedThreadPool(3);
        try {
            for (ToDoubleFunction<double[]> fn : List.of(HIMMELBLAU, ROSENBROCK, RASTRIGIN)) {
                Minimizer.Result one = new Minimizer(new Local(fn), LO5, HI5).batchSize(700).run();
                Minimizer.Result three = new Minimizer(threeNodes(fn, nodes), LO5, HI5).batchSize(700).run();

                assertEquals(one.minima(), three.minima());
                assertEquals(one.evaluations(), three.evaluations());
                assertEquals(one.iterations(), three.iterations());
            }
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void maxIterationsStopsRefinement() throws EvaluationException {
        Minimizer.Result capped = new Minimizer(new Local(ROSENBROCK), new double[] {-2, -2}, new double[] {2, 2})
                .maxIterations(5)
                .run();

        assertEquals(5, capped.iterations());
        assertTrue(capped.minima().get(0).value() > 1e-9, capped.minima()::toString);
    }

    @Test
    void looserTolerancesStopSooner() throws EvaluationException {
        Minimizer.Result tight = new Minimizer(new Local(HIMMELBLAU), LO5, HI5).run();
        Minimizer.Result loose = new Minimizer(new Local(HIMMELBLAU), LO5, HI5).tolerances(1e-4, 1e-4).run();

        assertTrue(loose.iterations() < tight.iterations(), loose.iterations() + " vs " + tight.iterations());
        assertFound(new double[] {3.584428, -1.848126}, loose.minima(), 1e-2);
    }

    @Test
    void progressNamesEachPhase() throws EvaluationException {
        List<String> lines = new ArrayList<>();
        new Minimizer(new Local(ROSENBROCK), new double[] {-2, -2}, new double[] {2, 2})
                .batchSize(1000)
                .progress(lines::add)
                .run();

        assertEquals(List.of("scan: 1000/2500 points", "scan: 2000/2500 points", "scan: 2500/2500 points"), lines.subList(0, 3));
        assertTrue(lines.get(3).startsWith("starts: 8 grid points, 8 of them local minima of the grid, best value "), lines.get(3));
        assertTrue(lines.stream().anyMatch(line -> line.matches("refine: iteration 100, \\d/8 simplices still moving")),
                lines.toString());
        assertTrue(lines.get(lines.size() - 1).matches("refine: \\d+ iterations, 8 starts, 1 distinct minima, best f\\(.*"),
                lines.get(lines.size() - 1));
    }

    @Test
    void aGridOverTheLimitIsRefusedBeforeAnyEvaluation() {
        Local f = new Local(RASTRIGIN);
        Minimizer sixVariables = new Minimizer(f, filled(6, -1), filled(6, 1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sixVariables::run);
        assertEquals("a grid of 50^6 = 15625000000 points is over the limit of 20000000 points; use a smaller grid(...)",
                e.getMessage());
        assertEquals(0, f.calls());
    }

    @Test
    void badSettingsAreRefused() {
        PointEvaluator f = new Local(HIMMELBLAU);
        assertThrows(IllegalArgumentException.class, () -> new Minimizer(f, new double[] {0}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Minimizer(f, new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new Minimizer(f, new double[] {0, 1}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Minimizer(f, new double[] {0, Double.NaN}, new double[] {1, 1}));
        Minimizer m = new Minimizer(f, LO5, HI5);
        assertThrows(IllegalArgumentException.class, () -> m.grid(1));
        assertThrows(IllegalArgumentException.class, () -> m.starts(0));
        assertThrows(IllegalArgumentException.class, () -> m.batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> m.maxIterations(0));
        assertThrows(IllegalArgumentException.class, () -> m.tolerances(-1, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> m.tolerances(1e-10, Double.NaN));
    }

    @Test
    void aMinimumComparesItsCoordinatesAndKeepsItsOwnCopy() {
        double[] point = {3, 2};
        Minimum m = new Minimum(point, 0.5);
        point[0] = 99;
        m.point()[1] = 99;

        assertEquals(new Minimum(new double[] {3, 2}, 0.5), m);
        assertEquals(new Minimum(new double[] {3, 2}, 0.5).hashCode(), m.hashCode());
        assertNotEquals(new Minimum(new double[] {3, 2.0000000000000004}, 0.5), m);
        assertArrayEquals(new double[] {3, 2}, m.point());
        assertEquals("f(3.0, 2.0) = 0.5", m.toString());
    }
}
