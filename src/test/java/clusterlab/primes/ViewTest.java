package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The model as the terminal bar and the summary show it. */
class ViewTest {
    private static PrimesModel halfDone() {
        PrimesModel model = new PrimesModel(new PrimeRange(1, 1_000), 100, new PrintStream(PrintStream.nullOutputStream()));
        model.workerConnected("pi-1", "10.0.0.7", 3);
        for (int i = 0; i < 5; i++) {
            model.blockAccepted("pi-1", 100, 10, 97 + 100 * i, 1_000_000);
            model.blockWritten();
        }
        model.articlePrime("10.0.0.9", 1_009);
        return model;
    }

    @Test
    void theBarShowsProgressCountAndWorkers() {
        String line = TerminalProgress.line(halfDone().snapshot());
        assertTrue(line.startsWith("[##########..........]  50.0%  5/10 blocks  50 primes  "), line);
        assertTrue(line.endsWith("1 worker"), line);
        assertTrue(line.matches(".* numbers/s  ETA \\d+:\\d\\d  .*"), line);
        assertEquals("0:05", TerminalProgress.clock(5));
        assertEquals("1:02:03", TerminalProgress.clock(3_723));
        assertEquals("1.5 M", TerminalProgress.humanRate(1_500_000));
    }

    @Test
    void theBarIsRedrawnInPlaceAtMostFourTimesASecondWithLogLinesAbove() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrimesModel model = halfDone();
        AtomicLong nanos = new AtomicLong();
        TerminalProgress view = new TerminalProgress(out, nanos::get);
        view.update(model.snapshot());
        nanos.addAndGet(249_000_000L);
        view.update(model.snapshot()); // too soon: not drawn
        nanos.addAndGet(2_000_000L);
        view.update(model.snapshot()); // a quarter of a second after the first: drawn
        model.log("worker pi-2 joined");
        view.finish(model.snapshot());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, text.split("\r", -1).length - 1, text);
        assertTrue(text.contains("\rworker pi-2 joined"), text);
        assertTrue(text.endsWith("\n"), text);
        assertEquals(2, text.chars().filter(c -> c == '\n').count(), "the log line, then the last bar");
    }

    @Test
    void theSummaryHasALinePerWorkerAndTheArticlesPrimesApart() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(halfDone().snapshot(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("range 1:1000: 50 primes, the largest 497\n5 of 10 blocks of 100 numbers in "), text);
        assertTrue(text.contains("\npi-1 "), text);
        assertTrue(text.matches("(?s).*pi-1 +10\\.0\\.0\\.7 +3 +5 +50 .*"), text);
        assertTrue(text.contains("article protocol: 1 primes from 1 address, the largest 1009, 0 refused (shown here, not part"
                + " of the output)"), text);
    }
}
