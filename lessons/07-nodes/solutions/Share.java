package lesson07;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** (c) Jobs shared between nodes in proportion to their workers (largest remainder). */
public final class Share {
    private Share() {
    }

    public static Map<String, Integer> split(Map<String, Integer> workers, int jobs) {
        long total = workers.values().stream().mapToLong(Integer::longValue).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("no node has workers");
        }
        Map<String, Integer> share = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(workers.keySet());
        long[] remainder = new long[names.size()];
        int given = 0;
        for (int i = 0; i < names.size(); i++) {
            long exact = (long) jobs * workers.get(names.get(i));
            share.put(names.get(i), (int) (exact / total));
            remainder[i] = exact % total;
            given += (int) (exact / total);
        }
        for (; given < jobs; given++) {
            int best = 0;
            for (int i = 1; i < names.size(); i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            share.merge(names.get(best), 1, Integer::sum);
            remainder[best] = -1; // one extra job per node at most
        }
        return share;
    }
}
