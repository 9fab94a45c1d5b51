package lesson04;

import java.util.List;

/**
 * Exercise (b): how much faster does a run get with more nodes?
 *
 * <p>Time the same run with 1, 2, 3 ... nodes (for instance a minimum search with
 * {@code --distributed}, or {@code make bench}). With T(n) the time with n nodes:
 * <ul>
 *   <li>the <em>speedup</em> with n nodes is S(n) = T(1) / T(n): how many times faster than one node;</li>
 *   <li>the <em>efficiency</em> is E(n) = S(n) / n: the share of the n nodes' time that is useful
 *       work. 1 is perfect; it drops as the nodes wait for the network or for each other.</li>
 * </ul>
 * Amdahl's law says what to expect when a fraction p of the work can be spread and the rest, 1 - p,
 * cannot (reading the input, picking the starts, the round trips): S(n) = 1 / ((1 - p) + p / n).
 * However many nodes, the speedup stays below 1 / (1 - p).
 */
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

    /**
     * (b) The table for measured times: {@code secondsByNodes[i]} is the time with i + 1 nodes, and
     * the table has one row for each, in the same order; no times give an empty table. Every time
     * must be a positive number: a time of 0, below 0, NaN or infinite is an
     * IllegalArgumentException whose message says which time is wrong.
     */
    public static List<Row> table(double[] secondsByNodes) {
        // Exercise (b): check every time, then build one Row per time.
        throw new UnsupportedOperationException("exercise: one Row per time, with speedup T1/Tn and efficiency speedup/n");
    }

    /**
     * (b) Amdahl's law: the speedup on {@code nodes} nodes when a fraction {@code parallelFraction}
     * of the work is spread over them, 1 / ((1 - p) + p / n). A fraction outside [0, 1] (or NaN), or
     * fewer than 1 node, is an IllegalArgumentException whose message gives the value.
     */
    public static double amdahl(double parallelFraction, int nodes) {
        // Exercise (b): check p and n, then apply the formula.
        throw new UnsupportedOperationException("exercise: 1 / ((1 - p) + p / n)");
    }
}
