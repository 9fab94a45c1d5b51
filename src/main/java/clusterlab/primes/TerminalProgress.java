package clusterlab.primes;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a terminal, redrawn in place with a carriage return at most four
 * times a second: the bar, the percentage, blocks written, primes found, the rate and the time left.
 * Lines the model logged since the last drawing are printed above the bar, so the two never mix.
 * <pre>
 * [##########..........]  50.0%  50/100 blocks  25,424,000 primes  270.1 M numbers/s  ETA 0:02  3 workers
 * </pre>
 */
public final class TerminalProgress implements ProgressView {
    private static final long MIN_NANOS = 250_000_000L;
    private static final int WIDTH = 20;

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private boolean drawn;
    private long lastDrawn;
    private int lastLength;
    private long logShown;

    public TerminalProgress(PrintStream out) {
        this(out, System::nanoTime);
    }

    /** @param nanoTime the clock that spaces the redraws (a test's own, to leave nothing to chance) */
    TerminalProgress(PrintStream out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    @Override
    public void update(PrimesModel.Snapshot s) {
        long now = nanoTime.getAsLong();
        if (drawn && now - lastDrawn < MIN_NANOS) {
            return;
        }
        drawn = true;
        lastDrawn = now;
        draw(s);
    }

    @Override
    public void finish(PrimesModel.Snapshot s) {
        draw(s);
        out.print('\n');
        out.flush();
    }

    private void draw(PrimesModel.Snapshot s) {
        List<String> log = s.log();
        for (int i = (int) Math.max(0, log.size() - (s.logged() - logShown)); i < log.size(); i++) {
            overwrite(log.get(i));
            out.print('\n');
            lastLength = 0;
        }
        logShown = s.logged();
        overwrite(line(s));
        out.flush();
    }

    /** Writes over the current line; spaces wipe what a longer previous line left behind. */
    private void overwrite(String text) {
        out.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
        lastLength = text.length();
    }

    /** The text of the bar for a snapshot. */
    static String line(PrimesModel.Snapshot s) {
        double fraction = Math.min(1, s.fraction());
        int filled = (int) Math.round(fraction * WIDTH);
        long workers = s.workers().stream().filter(w -> w.connections() > 0).count();
        double eta = s.etaSeconds();
        return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %d/%d blocks  %,d primes  %s numbers/s  ETA %s  %d %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * fraction, s.blocksWritten(), s.blockCount(),
                s.count(), humanRate(s.rate()), eta < 0 ? "?" : clock(eta), workers, workers == 1 ? "worker" : "workers");
    }

    static String humanRate(double rate) {
        if (rate >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", rate / 1e9);
        }
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, "%.1f M", rate / 1e6);
        }
        return String.format(Locale.ROOT, "%,.0f", rate);
    }

    /** 0:05, 12:34 or 1:02:03. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
