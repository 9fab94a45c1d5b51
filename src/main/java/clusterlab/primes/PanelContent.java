package clusterlab.primes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the prime finder's panel shows, worked out as text from one snapshot: the state, a few
 * labelled values, the progress bar, a row per worker, the log, and which of Start and Stop makes
 * sense now. {@link PrimesWindow} lays it out with Swing components and {@link PanelPicture} draws
 * it into a picture, so the window and a PNG of it show the same things.
 *
 * @param title    the window's title, with the range
 * @param state    running, stopped or complete, in a few words
 * @param fields   labelled values, in order: largest prime, primes found, progress, rate, time, last primes,
 *                 and the article's primes once there are any
 * @param fraction the part of the range done, 0 to 1, for the bar
 * @param progress the text on the bar
 * @param workers  a row per worker, one cell per {@link #WORKER_COLUMNS} entry
 * @param log      the last lines the model logged, oldest first
 * @param canStart true while stopped with work left
 * @param canStop  true while blocks go out with work left
 */
public record PanelContent(String title, String state, List<Field> fields, double fraction, String progress,
        List<List<String>> workers, List<String> log, boolean canStart, boolean canStop) {

    /** The worker table's columns. */
    public static final List<String> WORKER_COLUMNS = List.of("worker", "address", "threads", "blocks", "primes", "numbers/s");
    /** Columns from this one on hold numbers, set right-aligned. */
    public static final int FIRST_NUMBER_COLUMN = 2;

    /** One labelled value, such as "largest prime" and "999983". */
    public record Field(String label, String value) {
    }

    public PanelContent {
        fields = List.copyOf(fields);
        workers = List.copyOf(workers);
        log = List.copyOf(log);
    }

    /** The panel for a snapshot. */
    public static PanelContent of(PrimesModel.Snapshot s) {
        long active = s.workers().stream().filter(w -> w.connections() > 0).count();
        String state;
        if (s.complete()) {
            state = "complete: every block is on disk";
        } else if (s.paused()) {
            state = "stopped: no new blocks go out (Start carries on)";
        } else if (active == 0) {
            state = "running: waiting for workers";
        } else {
            state = "running: " + active + (active == 1 ? " worker" : " workers");
        }
        double fraction = Math.min(1, s.fraction());
        String percent = String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("largest prime", s.count() == 0 ? "(none yet)" : String.valueOf(s.largest())));
        fields.add(new Field("primes found", String.format(Locale.ROOT, "%,d", s.count())));
        fields.add(new Field("progress", s.blocksWritten() + " of " + s.blockCount() + " blocks on disk, " + percent
                + " of " + s.range() + " checked"));
        fields.add(new Field("rate", TerminalProgress.humanRate(s.rate()) + " numbers/s"));
        double eta = s.etaSeconds();
        String elapsed = TerminalProgress.clock(s.elapsedNanos() / 1e9);
        fields.add(new Field("time", s.complete() ? elapsed + " in all"
                : elapsed + " so far, " + (eta < 0 ? "time left unknown" : TerminalProgress.clock(eta) + " left")));
        fields.add(new Field("last primes", s.lastPrimes().isEmpty() ? "(none yet)"
                : s.lastPrimes().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        if (s.articlePrimes() > 0 || s.articleRefused() > 0) {
            fields.add(new Field("article protocol", String.format(Locale.ROOT, "%,d primes from %d %s, the largest %d,"
                    + " %d refused (shown, not part of the output)", s.articlePrimes(), s.articleWorkers(),
                    s.articleWorkers() == 1 ? "address" : "addresses", s.articleLargest(), s.articleRefused())));
        }
        List<List<String>> rows = new ArrayList<>();
        for (WorkerStats w : s.workers()) {
            rows.add(List.of(w.name(), w.address(), String.valueOf(w.threads()), String.valueOf(w.blocks()),
                    String.format(Locale.ROOT, "%,d", w.primes()), TerminalProgress.humanRate(w.rate())));
        }
        String title = "clusterlab primes-head " + s.range();
        return new PanelContent(title, state, fields, fraction, percent + "  (" + s.blocksWritten() + "/" + s.blockCount()
                + " blocks)", rows, s.log(), s.paused() && !s.complete(), !s.paused() && !s.complete());
    }
}
