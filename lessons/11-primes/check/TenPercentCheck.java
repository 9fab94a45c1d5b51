package lesson11;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clusterlab.primes.PrimeRange;
import clusterlab.primes.PrimesModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The checker of exercise (c): the view is fed snapshots of a run of 1:1000 in 10 blocks. */
@DisplayName("Lesson 11: the prime finder")
class TenPercentCheck {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final TenPercentView view = new TenPercentView(new PrintStream(printed, true, StandardCharsets.UTF_8));

    /** A snapshot of a run of 1:1000 with {@code done} numbers checked, {@code count} primes found. */
    private static PrimesModel.Snapshot at(long done, long count, long largest, long written) {
        return new PrimesModel.Snapshot(new PrimeRange(1, 1000), 100, 10, 0, 0, done / 100, written, done, count, largest, 0,
                1_000_000, 1_000_000, List.of(), List.of(), 0, 0, 0, 0, List.of(), 0, false);
    }

    private List<String> lines() {
        String text = printed.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    @Test
    @DisplayName("(c) TenPercentView: a line per tenth passed, each once, several when one update jumps")
    void tenths() {
        view.update(at(50, 15, 47, 0));
        assertEquals(List.of(), lines(), "nothing before the first tenth");
        view.update(at(100, 25, 97, 1));
        view.update(at(150, 35, 149, 1));
        view.update(at(400, 78, 397, 4));
        assertEquals(List.of("10% done: 25 primes, the largest 97", "20% done: 78 primes, the largest 397",
                "30% done: 78 primes, the largest 397", "40% done: 78 primes, the largest 397"), lines());
    }

    @Test
    @DisplayName("(c) TenPercentView: finished, or stopped at the last tenth passed")
    void finishing() {
        view.update(at(300, 62, 293, 3));
        view.finish(at(340, 68, 337, 3));
        assertEquals("stopped at 30%", lines().get(lines().size() - 1));
        printed.reset();
        TenPercentView whole = new TenPercentView(new PrintStream(printed, true, StandardCharsets.UTF_8));
        whole.finish(at(1000, 168, 997, 10));
        assertEquals(11, lines().size(), "ten tenths, then the end: " + lines());
        assertEquals("finished: 168 primes", lines().get(10));
    }
}
