package clusterlab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private static Reading at(double temp) {
        return new Reading(temp, Double.NaN, -1, -1, 0);
    }

    private static List<Double> temps(List<Reading> readings) {
        return readings.stream().map(Reading::temp).toList();
    }

    @Test
    void itHoldsAtMostItsCapacityAndForgetsTheOldest() {
        History h = new History(3);
        assertNull(h.latest());
        assertEquals(0, h.size());
        for (int t = 41; t <= 45; t++) {
            h.add(at(t));
        }
        assertEquals(3, h.size());
        assertEquals(3, h.capacity());
        assertEquals(List.of(43.0, 44.0, 45.0), temps(h.last(10)), "oldest first, the first two overwritten");
        assertEquals(List.of(44.0, 45.0), temps(h.last(2)));
        assertEquals(45.0, h.latest().temp());
    }

    @Test
    void aMillionReadingsStillHoldOnlyTheLastFew() {
        History h = new History(120);
        for (int i = 0; i < 1_000_000; i++) {
            h.add(at(i % 100));
        }
        assertEquals(120, h.size());
        assertEquals(99.0, h.latest().temp());
        assertEquals(120, h.last(1000).size());
    }

    @Test
    void itKnowsItsLowestAndHighest() {
        History h = new History(4);
        assertEquals(Double.NaN, h.range()[0]);
        for (double t : new double[] {90, 50, 61, 47.5, 55}) {
            h.add(at(t));
        }
        assertEquals(47.5, h.range()[0], "90 has been overwritten");
        assertEquals(61, h.range()[1]);
    }

    @Test
    void aHistoryHoldsAtLeastOneReading() {
        assertThrows(IllegalArgumentException.class, () -> new History(0));
    }
}
