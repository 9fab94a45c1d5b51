package lesson04;

import java.util.ArrayList;
import java.util.List;

/** Exercise (b), a reference answer. */
public final class Speedup {
    private Speedup() {
    }

    /**
     * One line of the table.
     *
     * @param nodes      how many nodes, from 1
     * @param seconds    the time measured with that many nodes
     * @param speedup    T(1) / T(nodes)
     * @param efficiency speedup / nodes
     */
    public record Row(int nodes, double seconds, double speedup, double efficiency) {
    }

    public static List<Row> table(double[] secondsByNodes) {
        // Checked before anything is computed, so that a bad time further on is not hidden by a
        // table that looks fine at the top.
        for (int i = 0; i < secondsByNodes.length; i++) {
            double t = secondsByNodes[i];
            if (!(t > 0) || Double.isInfinite(t)) { // !(t > 0) is also true for NaN
                throw new IllegalArgumentException("the time with " + (i + 1) + (i == 0 ? " node" : " nodes")
                        + " is " + t + " s: every time must be a positive number of seconds");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < secondsByNodes.length; i++) {
            int nodes = i + 1;
            double speedup = secondsByNodes[0] / secondsByNodes[i];
            rows.add(new Row(nodes, secondsByNodes[i], speedup, speedup / nodes));
        }
        return rows;
    }

    public static double amdahl(double parallelFraction, int nodes) {
        if (!(parallelFraction >= 0 && parallelFraction <= 1)) { // also refuses NaN
            throw new IllegalArgumentException("the parallel fraction must be between 0 and 1, got " + parallelFraction);
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("need at least 1 node, got " + nodes);
        }
        return 1 / ((1 - parallelFraction) + parallelFraction / nodes);
    }
}
