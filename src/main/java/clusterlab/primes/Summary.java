package clusterlab.primes;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The lines a run ends with: the range, the count, the largest prime, the time, and a line per
 * worker with its blocks, its primes and its rate (from its arrival to its last block, and per
 * thread while busy).
 */
public final class Summary {
    private Summary() {
    }

    public static void print(PrimesModel.Snapshot s, PrintStream out) {
        double seconds = s.elapsedNanos() / 1e9;
        out.printf(Locale.ROOT, "range %s: %d primes, the largest %s%n", s.range(), s.count(),
                s.count() == 0 ? "(none)" : String.valueOf(s.largest()));
        out.printf(Locale.ROOT, "%d of %d blocks of %d numbers%s in %.3f s, %.3f s since the first worker joined (%s numbers/s)%s%n",
                s.blocksWritten(), s.blockCount(), s.blockSize(),
                s.resumedBlocks() > 0 ? " (" + s.resumedBlocks() + " from the checkpoint)" : "",
                seconds, s.workingNanos() / 1e9, TerminalProgress.humanRate(s.rate()),
                s.rejected() > 0 ? "; " + s.rejected() + " batches rejected and handed out again" : "");
        if (!s.workers().isEmpty()) {
            out.printf(Locale.ROOT, "%-32s %-16s %7s %7s %12s %14s %16s%n", "worker", "address", "threads", "blocks",
                    "primes", "numbers/s", "per busy thread");
            for (WorkerStats w : s.workers()) {
                out.printf(Locale.ROOT, "%-32s %-16s %7d %7d %12d %14s %16s%n", w.name(), w.address(), w.threads(),
                        w.blocks(), w.primes(), TerminalProgress.humanRate(w.rate()), TerminalProgress.humanRate(w.busyRate()));
            }
        }
        if (s.articlePrimes() > 0 || s.articleRefused() > 0) {
            out.printf(Locale.ROOT, "article protocol: %d primes from %d %s, the largest %d, %d refused"
                    + " (shown here, not part of the output)%n", s.articlePrimes(), s.articleWorkers(),
                    s.articleWorkers() == 1 ? "address" : "addresses", s.articleLargest(), s.articleRefused());
        }
    }
}
