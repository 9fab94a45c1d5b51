package lesson11;

import clusterlab.primes.PrimesModel;
import clusterlab.primes.ProgressView;
import java.io.PrintStream;

/**
 * (c) Add a view. The head calls update() a few times a second with a snapshot of its model, and
 * finish() once at the end. This view prints one line each time the run passes another tenth of
 * its range (snapshot.fraction() from 0 to 1), and only once per tenth, even when one update jumps
 * several tenths (then one line for each, in order):
 *   "10% done: 664579 primes, the largest 9999991"   (snapshot.count(), snapshot.largest())
 * finish() first prints the tenths not shown yet, as update() would, then "finished: N primes" when
 * snapshot.complete(), else "stopped at NN%" with the last whole tenth passed ("stopped at 30%",
 * or "stopped at 0%").
 */
public final class TenPercentView implements ProgressView {
    private final PrintStream out;

    public TenPercentView(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(PrimesModel.Snapshot snapshot) {
        // your code here
    }

    @Override
    public void finish(PrimesModel.Snapshot snapshot) {
        // your code here
    }
}
