package clusterlab.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * The last N readings of one node in a ring buffer: a fixed array, written round and round, the
 * oldest reading overwritten by the newest. However long the head runs, a node costs the same
 * memory. Not thread-safe: its node guards it.
 */
final class History {
    private final Reading[] slots;
    private int next;  // where the next reading goes
    private int size;  // readings held, at most slots.length

    History(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a history holds at least 1 reading, not " + capacity);
        }
        slots = new Reading[capacity];
    }

    void add(Reading reading) {
        slots[next] = reading;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
    }

    int size() {
        return size;
    }

    int capacity() {
        return slots.length;
    }

    /** The newest reading, or null when there is none. */
    Reading latest() {
        return size == 0 ? null : slots[(next - 1 + slots.length) % slots.length];
    }

    /** The last {@code n} readings (fewer if there are fewer), oldest first. */
    List<Reading> last(int n) {
        int count = Math.min(n, size);
        List<Reading> readings = new ArrayList<>(count);
        for (int i = count; i > 0; i--) {
            readings.add(slots[(next - i + slots.length) % slots.length]);
        }
        return readings;
    }

    /** The lowest and highest temperature held, as {min, max}; NaN for both when empty. */
    double[] range() {
        double min = Double.NaN;
        double max = Double.NaN;
        for (int i = 0; i < size; i++) {
            double t = slots[i].temp();
            min = Double.isNaN(min) ? t : Math.min(min, t);
            max = Double.isNaN(max) ? t : Math.max(max, t);
        }
        return new double[] {min, max};
    }
}
