package lesson11;

import clusterlab.primes.PrimesModel;
import clusterlab.primes.ProgressView;
import java.io.PrintStream;

/** (c) A line for every tenth of the range passed, and one at the end. */
public final class TenPercentView implements ProgressView {
    private final PrintStream out;
    private int tenthsShown;

    public TenPercentView(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(PrimesModel.Snapshot snapshot) {
        int tenths = tenths(snapshot);
        while (tenthsShown < tenths) {
            tenthsShown++;
            out.println(tenthsShown * 10 + "% done: " + snapshot.count() + " primes, the largest " + snapshot.largest());
        }
    }

    @Override
    public void finish(PrimesModel.Snapshot snapshot) {
        update(snapshot);
        out.println(snapshot.complete() ? "finished: " + snapshot.count() + " primes" : "stopped at " + tenthsShown * 10 + "%");
    }

    private static int tenths(PrimesModel.Snapshot snapshot) {
        // A little slack, so 0.3 written as 0.29999999999999993 still counts as three tenths.
        return (int) Math.min(10, Math.floor(snapshot.fraction() * 10 + 1e-9));
    }
}
