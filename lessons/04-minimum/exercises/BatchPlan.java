package lesson04;

import java.util.List;

/**
 * Exercise (c): how the head cuts a run into batches.
 *
 * <p>clusterlab's CalcHead (src/main/java/clusterlab/calc/CalcHead.java, evaluatePoints) cuts the
 * points of a run into batches of {@code batchSize} points, the last one possibly shorter, and puts
 * them in its queue in order; each batch remembers its offset, where its results go in the whole
 * answer. {@code split} makes the same plan without sending anything.
 *
 * <p>It returns one {@code int[] {offset, length}} per batch, in order: the batches cover 0 ..
 * points - 1 exactly once, with no gap, no overlap and no empty batch. 10 points in batches of 4
 * are {0, 4}, {4, 4}, {8, 2}; 0 points are no batch at all. A batchSize below 1, or fewer than 0
 * points, is an IllegalArgumentException whose message gives the value.
 */
public final class BatchPlan {
    private BatchPlan() {
    }

    public static List<int[]> split(int points, int batchSize) {
        // Exercise (c): check the arguments, then list the batches in order.
        throw new UnsupportedOperationException("exercise: one {offset, length} per batch of at most batchSize points");
    }
}
