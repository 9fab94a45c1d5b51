package clusterlab.calc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Looks for the global minimum of a function of a few variables (2 to about 6) inside a box, by
 * brute force shared out through a {@link PointEvaluator}: the many evaluations are what networked
 * computers are good at sharing.
 *
 * <ol>
 * <li>Scan: evaluate the function on a grid of N points per variable, both ends of every range
 *     included, in batches of {@link #batchSize} points, so that a distributed evaluator can spread
 *     each batch over its nodes.
 * <li>Starts: take up to K of the best grid points that are local minima of the grid (no axis
 *     neighbour is lower), each more than two grid cells from those taken before it. If there are
 *     not enough, take the best other points, with the same spacing.
 * <li>Refine: run Nelder–Mead from every start at once, in lockstep, so that one iteration of all
 *     of them is one call to the evaluator (plus a second call in the rare iterations where a
 *     simplex shrinks).
 * <li>Merge minima closer than a tenth of a grid cell, keeping the better, and sort them by value.
 * </ol>
 *
 * <p>The box is where the scan looks. Refinement follows the function downhill and may leave it, so
 * a minimum just outside the box can be reported; filter the result if that matters.
 *
 * <p>A NaN value counts as +infinity, worse than any other: regions where the function is undefined
 * are avoided rather than confusing the comparisons (every comparison with NaN is false).
 *
 * <p>The result depends on nothing but the values the evaluator returns: there is no randomness,
 * and ties are broken by position, so an evaluator spread over three nodes gives the same minima,
 * bit for bit, as one evaluating alone, provided the nodes compute the same values: a function
 * written with {@link StrictMath} gives the same bits on every machine, one with {@link Math} may
 * not. Only the timings differ.
 *
 * <p>One {@link #run()} at a time: a Minimizer counts evaluations and iterations in fields.
 */
public final class Minimizer {
    /** The most points a grid may have. Their values alone take 160 MB. */
    public static final long MAX_GRID_POINTS = 20_000_000;

    /** Minima closer than this many grid cells in every variable are taken as one. */
    private static final double MERGE_CELLS = 0.1;

    /** A progress line every this many refinement iterations. */
    private static final int PROGRESS_ITERATIONS = 100;

    /**
     * The four points Nelder–Mead may try in an iteration, as multiples t of the step from the worst
     * vertex w to the centroid c of the others: c + t (c - w). With the usual coefficients
     * (reflection 1, expansion 2, contraction 0.5) they are the reflection, the expansion, the
     * outside contraction and the inside contraction.
     */
    private static final double[] TRIAL_STEPS = {1, 2, 0.5, -0.5};
    private static final int REFLECTION = 0;
    private static final int EXPANSION = 1;
    private static final int OUTSIDE_CONTRACTION = 2;
    private static final int INSIDE_CONTRACTION = 3;

    /** A shrink moves every vertex but the best to this fraction of its distance from the best. */
    private static final double SHRINK = 0.5;

    private final PointEvaluator f;
    private final double[] lo;
    private final double[] hi;
    private final int d;
    private int pointsPerDimension = 50;
    private int starts = 8;
    private int batchSize = 10_000;
    private int maxIterations = 2000;
    private double valueTolerance = 1e-10;
    private double sizeTolerance = 1e-8;
    private Consumer<String> progress = line -> { };
    private long evaluations;
    private int iterations;

    /**
     * What a run found, and what it cost.
     *
     * @param minima       the distinct minima, best first
     * @param evaluations  the points evaluated, scan and refinement together
     * @param scanMillis   the time taken by the scan and picking the starts
     * @param refineMillis the time taken by refinement
     * @param iterations   Nelder–Mead iterations, each one call to the evaluator for all the simplices
     */
    public record Result(List<Minimum> minima, long evaluations, long scanMillis, long refineMillis, int iterations) {
        public Result {
            minima = List.copyOf(minima);
        }
    }

    /**
     * @param f  evaluates the function; a point has one coordinate per variable
     * @param lo the lower end of each variable's range
     * @param hi the upper end of each variable's range, above lo
     */
    public Minimizer(PointEvaluator f, double[] lo, double[] hi) {
        this.f = Objects.requireNonNull(f, "f");
        if (lo.length == 0 || lo.length != hi.length) {
            throw new IllegalArgumentException("lo and hi need one value per variable, got "
                    + lo.length + " and " + hi.length);
        }
        for (int k = 0; k < lo.length; k++) {
            if (!Double.isFinite(lo[k]) || !Double.isFinite(hi[k]) || !(lo[k] < hi[k])) {
                throw new IllegalArgumentException("variable " + k + ": the range " + lo[k] + ".." + hi[k]
                        + " is not a finite range with lo < hi");
            }
        }
        this.lo = lo.clone();
        this.hi = hi.clone();
        this.d = lo.length;
    }

    /** Grid points per variable, both ends included (default 50); the grid has that to the power d. */
    public Minimizer grid(int pointsPerDimension) {
        if (pointsPerDimension < 2) {
            throw new IllegalArgumentException("the grid needs at least 2 points per dimension, got " + pointsPerDimension);
        }
        this.pointsPerDimension = pointsPerDimension;
        return this;
    }

    /** At most this many starting points for refinement (default 8). */
    public Minimizer starts(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("starts must be at least 1, got " + k);
        }
        this.starts = k;
        return this;
    }

    /** At most this many points per evaluate call during the scan (default 10,000). */
    public Minimizer batchSize(int points) {
        if (points < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + points);
        }
        this.batchSize = points;
        return this;
    }

    /** Nelder–Mead iterations at most (default 2000). */
    public Minimizer maxIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("max iterations must be at least 1, got " + n);
        }
        this.maxIterations = n;
        return this;
    }

    /**
     * When a simplex has converged: the spread of its values is at most {@code value} (times
     * 1 + |best value|, so large values are compared relatively), and each of its vertices is within
     * {@code size} times the box's width of its best vertex in every variable. Defaults 1e-10 and 1e-8.
     */
    public Minimizer tolerances(double value, double size) {
        if (!(value >= 0) || !(size >= 0)) {
            throw new IllegalArgumentException("tolerances must be 0 or more, got " + value + " and " + size);
        }
        this.valueTolerance = value;
        this.sizeTolerance = size;
        return this;
    }

    /** Receives one line per scan batch, per phase and every 100 refinement iterations (default: none). */
    public Minimizer progress(Consumer<String> sink) {
        this.progress = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /**
     * Scans, refines and merges, as described above.
     *
     * @throws IllegalArgumentException when the grid would have more than {@link #MAX_GRID_POINTS}
     * @throws EvaluationException      when the evaluator fails, or returns the wrong number of values
     */
    public Result run() throws EvaluationException {
        Grid grid = new Grid(pointsPerDimension);
        evaluations = 0;
        iterations = 0;
        long start = System.nanoTime();
        double[] values = scan(grid);
        List<Integer> startIndices = pickStarts(grid, values);
        long scanned = System.nanoTime();
        List<Minimum> minima = refine(grid, startIndices, values);
        long done = System.nanoTime();
        return new Result(minima, evaluations, (scanned - start) / 1_000_000, (done - scanned) / 1_000_000, iterations);
    }

    /** The function's value at every grid point, by grid index. */
    private double[] scan(Grid grid) throws EvaluationException {
        double[] values = new double[grid.size];
        for (int first = 0; first < grid.size; ) {
            int count = Math.min(batchSize, grid.size - first);
            double[][] points = new double[count][];
            for (int j = 0; j < count; j++) {
                points[j] = grid.point(first + j);
            }
            System.arraycopy(evaluate(points), 0, values, first, count);
            first += count;
            progress.accept("scan: " + first + "/" + grid.size + " points");
        }
        return values;
    }

    /** Grid indices to refine from, best first. */
    private List<Integer> pickStarts(Grid grid, double[] values) {
        boolean[] localMinimum = new boolean[grid.size];
        for (int i = 0; i < grid.size; i++) {
            localMinimum[i] = grid.isLocalMinimum(i, values);
        }
        List<Integer> picks = new ArrayList<>();
        pickBest(grid, values, i -> localMinimum[i], picks);
        int fromLocalMinima = picks.size();
        pickBest(grid, values, i -> true, picks);
        progress.accept("starts: " + picks.size() + " grid points, " + fromLocalMinima + " of them local minima of the grid"
                + (picks.isEmpty() ? "" : ", best value " + values[picks.get(0)]));
        return picks;
    }

    /**
     * Adds eligible grid points to {@code picks}, best first, each more than two cells from every
     * point picked before, until there are {@link #starts} picks or no point qualifies. One pass over
     * the grid per pick: cheap next to evaluating the grid, and it needs no sorted copy of it.
     */
    private void pickBest(Grid grid, double[] values, IntPredicate eligible, List<Integer> picks) {
        while (picks.size() < starts) {
            int best = -1;
            for (int i = 0; i < values.length; i++) {
                // Strictly lower, so among equal values the first index wins, and a point whose value
                // is +infinity (or was NaN) is never picked.
                double bar = best < 0 ? Double.POSITIVE_INFINITY : values[best];
                if (values[i] < bar && eligible.test(i) && grid.farFromAll(i, picks)) {
                    best = i;
                }
            }
            if (best < 0) {
                return;
            }
            picks.add(best);
        }
    }

    /** Nelder–Mead from every start in lockstep; the distinct minima found, best first. */
    private List<Minimum> refine(Grid grid, List<Integer> startIndices, double[] values) throws EvaluationException {
        List<Simplex> simplices = new ArrayList<>();
        for (int index : startIndices) {
            simplices.add(new Simplex(grid, grid.point(index), values[index]));
        }
        evaluateTails(simplices);

        while (iterations < maxIterations) {
            List<Simplex> active = simplices.stream().filter(s -> !s.converged()).toList();
            if (active.isEmpty()) {
                break;
            }
            iterations++;
            // Every point an iteration might need, for every active simplex, in one batch: a round
            // trip per iteration, at the price of evaluating some points that go unused.
            double[][] batch = new double[TRIAL_STEPS.length * active.size()][];
            for (int j = 0; j < active.size(); j++) {
                System.arraycopy(active.get(j).trials(), 0, batch, j * TRIAL_STEPS.length, TRIAL_STEPS.length);
            }
            double[] trialValues = evaluate(batch);
            List<Simplex> shrinking = new ArrayList<>();
            for (int j = 0; j < active.size(); j++) {
                int from = j * TRIAL_STEPS.length;
                int to = from + TRIAL_STEPS.length;
                Simplex s = active.get(j);
                if (!s.step(Arrays.copyOfRange(batch, from, to), Arrays.copyOfRange(trialValues, from, to))) {
                    s.shrink();
                    shrinking.add(s);
                }
            }
            evaluateTails(shrinking);
            if (iterations % PROGRESS_ITERATIONS == 0) {
                progress.accept("refine: iteration " + iterations + ", " + active.size() + "/" + simplices.size()
                        + " simplices still moving");
            }
        }

        // Stable sort: among equal values the earlier start comes first, so the merge is deterministic.
        simplices.sort(Comparator.comparingDouble(s -> s.values[0]));
        List<Simplex> distinct = new ArrayList<>();
        for (Simplex s : simplices) {
            if (distinct.stream().noneMatch(kept -> grid.sameMinimum(kept.vertices[0], s.vertices[0]))) {
                distinct.add(s);
            }
        }
        List<Minimum> minima = distinct.stream().map(s -> new Minimum(s.vertices[0], s.values[0])).toList();
        progress.accept("refine: " + iterations + " iterations, " + simplices.size() + " starts, "
                + minima.size() + " distinct minima" + (minima.isEmpty() ? "" : ", best " + minima.get(0)));
        return minima;
    }

    /** Evaluates every vertex but the best of each simplex, in one call: new simplices and shrunk ones. */
    private void evaluateTails(List<Simplex> simplices) throws EvaluationException {
        double[][] batch = new double[d * simplices.size()][];
        for (int j = 0; j < simplices.size(); j++) {
            System.arraycopy(simplices.get(j).vertices, 1, batch, j * d, d);
        }
        double[] tailValues = evaluate(batch);
        for (int j = 0; j < simplices.size(); j++) {
            simplices.get(j).setTailValues(Arrays.copyOfRange(tailValues, j * d, (j + 1) * d));
        }
    }

    /** One call to the evaluator, checked and counted, with NaN turned into +infinity. */
    private double[] evaluate(double[][] points) throws EvaluationException {
        if (points.length == 0) { // no starts, or no simplex shrank: nothing worth a round trip
            return new double[0];
        }
        double[] values = f.evaluate(points);
        if (values == null || values.length != points.length) {
            throw new EvaluationException("the evaluator returned "
                    + (values == null ? "null" : values.length + " values") + " for " + points.length + " points");
        }
        evaluations += points.length;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                values[i] = Double.POSITIVE_INFINITY;
            }
        }
        return values;
    }

    /**
     * The scan's grid: n points per variable from lo to hi. Point index i0 + n i1 + n² i2 + ... has
     * coordinate number i_k along variable k, so variable 0 varies fastest.
     */
    private final class Grid {
        final int n;
        final int size;
        /** stride[k] = n^k: how far apart in index two neighbours along variable k are. */
        final int[] stride = new int[d];

        Grid(int n) {
            BigInteger points = BigInteger.valueOf(n).pow(d);
            if (points.compareTo(BigInteger.valueOf(MAX_GRID_POINTS)) > 0) {
                throw new IllegalArgumentException("a grid of " + n + "^" + d + " = " + points
                        + " points is over the limit of " + MAX_GRID_POINTS + " points; use a smaller grid(...)");
            }
            this.n = n;
            this.size = points.intValueExact();
            for (int k = 0, s = 1; k < d; k++, s *= n) {
                stride[k] = s;
            }
        }

        /** Coordinate number i along variable k. */
        double coordinate(int k, int i) {
            // At the last point lo + i (hi - lo) / (n - 1) may round to a neighbour of hi; make it hi exactly.
            return i == n - 1 ? hi[k] : lo[k] + i * (hi[k] - lo[k]) / (n - 1);
        }

        int digit(int index, int k) {
            return index / stride[k] % n;
        }

        double[] point(int index) {
            double[] x = new double[d];
            for (int k = 0; k < d; k++) {
                x[k] = coordinate(k, digit(index, k));
            }
            return x;
        }

        /** The distance between neighbouring grid points along variable k. */
        double cell(int k) {
            return (hi[k] - lo[k]) / (n - 1);
        }

        /** No neighbour along an axis (2d of them, fewer on the edge) has a lower value. */
        boolean isLocalMinimum(int index, double[] values) {
            double v = values[index];
            for (int k = 0; k < d; k++) {
                int i = digit(index, k);
                if (i > 0 && values[index - stride[k]] < v || i < n - 1 && values[index + stride[k]] < v) {
                    return false;
                }
            }
            return true;
        }

        /** More than two cells along some variable from every grid point in {@code picks}. */
        boolean farFromAll(int index, List<Integer> picks) {
            for (int p : picks) {
                int cells = 0;
                for (int k = 0; k < d; k++) {
                    cells = Math.max(cells, Math.abs(digit(index, k) - digit(p, k)));
                }
                if (cells <= 2) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether two refined points are one minimum: within a tenth of a cell in every variable.
         * Refining towards the same minimum from two starts ends far closer than that, and the scan
         * could not tell apart minima that close anyway.
         */
        boolean sameMinimum(double[] a, double[] b) {
            for (int k = 0; k < d; k++) {
                if (Math.abs(a[k] - b[k]) > MERGE_CELLS * cell(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A Nelder–Mead simplex: d + 1 vertices, kept sorted by value, best first. It starts at a grid
     * point plus one grid cell along each axis.
     */
    private final class Simplex {
        final double[][] vertices = new double[d + 1][];
        final double[] values = new double[d + 1];

        /** The other vertices have no values until {@link #setTailValues} gives them. */
        Simplex(Grid grid, double[] start, double value) {
            vertices[0] = start;
            values[0] = value;
            for (int k = 0; k < d; k++) {
                double[] x = start.clone();
                x[k] += grid.cell(k);
                vertices[k + 1] = x;
            }
        }

        /** Values for vertices 1..d, which are new; then the vertices are sorted again. */
        void setTailValues(double[] tail) {
            System.arraycopy(tail, 0, values, 1, d);
            for (int j = 1; j <= d; j++) {
                insert(j, vertices[j], values[j]);
            }
        }

        /** See {@link Minimizer#tolerances}. */
        boolean converged() {
            if (!(values[d] - values[0] <= valueTolerance * (1 + Math.abs(values[0])))) {
                return false; // written so that a NaN spread (infinity minus infinity) is not converged
            }
            for (int j = 1; j <= d; j++) {
                for (int k = 0; k < d; k++) {
                    if (Math.abs(vertices[j][k] - vertices[0][k]) > sizeTolerance * (hi[k] - lo[k])) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The points of {@link #TRIAL_STEPS}, on the line from the worst vertex through the others' centroid. */
        double[][] trials() {
            double[] centroid = new double[d];
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    centroid[k] += vertices[j][k];
                }
            }
            for (int k = 0; k < d; k++) {
                centroid[k] /= d;
            }
            double[][] points = new double[TRIAL_STEPS.length][d];
            for (int t = 0; t < TRIAL_STEPS.length; t++) {
                for (int k = 0; k < d; k++) {
                    points[t][k] = centroid[k] + TRIAL_STEPS[t] * (centroid[k] - vertices[d][k]);
                }
            }
            return points;
        }

        /**
         * One Nelder–Mead step, given the trial points and their values: replaces the worst vertex,
         * or returns false when the simplex must shrink instead.
         */
        boolean step(double[][] points, double[] v) {
            double best = values[0];
            double secondWorst = values[d - 1];
            double worst = values[d];
            double reflected = v[REFLECTION];
            // The standard rules, as in Lagarias, Reeds, Wright and Wright (1998).
            int accepted;
            if (reflected < best) {
                accepted = v[EXPANSION] < reflected ? EXPANSION : REFLECTION;
            } else if (reflected < secondWorst) {
                accepted = REFLECTION;
            } else if (reflected < worst) {
                if (v[OUTSIDE_CONTRACTION] > reflected) {
                    return false;
                }
                accepted = OUTSIDE_CONTRACTION;
            } else {
                if (v[INSIDE_CONTRACTION] >= worst) {
                    return false;
                }
                accepted = INSIDE_CONTRACTION;
            }
            insert(d, points[accepted], v[accepted]);
            return true;
        }

        /** Moves every vertex but the best halfway towards it; their values must then be set again. */
        void shrink() {
            for (int j = 1; j <= d; j++) {
                double[] x = new double[d];
                for (int k = 0; k < d; k++) {
                    x[k] = vertices[0][k] + SHRINK * (vertices[j][k] - vertices[0][k]);
                }
                vertices[j] = x;
            }
        }

        /**
         * Puts a vertex at position {@code j}, or earlier: it moves in front of every vertex before it
         * with a higher value, and stays behind those with an equal one, so older vertices win ties.
         */
        private void insert(int j, double[] point, double value) {
            while (j > 0 && value < values[j - 1]) {
                vertices[j] = vertices[j - 1];
                values[j] = values[j - 1];
                j--;
            }
            vertices[j] = point;
            values[j] = value;
        }
    }
}
