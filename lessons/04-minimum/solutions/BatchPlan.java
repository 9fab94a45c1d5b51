package lesson04;

import java.util.ArrayList;
import java.util.List;

/** Exercise (c), a reference answer. */
public final class BatchPlan {
    private BatchPlan() {
    }

    public static List<int[]> split(int points, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (points < 0) {
            throw new IllegalArgumentException("points cannot be negative, got " + points);
        }
        List<int[]> batches = new ArrayList<>();
        // Stepping by the batch's own length keeps offset <= points: offset += batchSize could pass
        // Integer.MAX_VALUE near the end of a huge run and wrap round to a negative number.
        for (int offset = 0; offset < points; ) {
            int length = Math.min(batchSize, points - offset);
            batches.add(new int[] {offset, length});
            offset += length;
        }
        return batches;
    }
}
