package clusterlab.calc;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One evaluation spread over the nodes: where the results go, and how many batches are still out. */
final class Run {
    private final double[] results;
    private final CountDownLatch batchesLeft;
    private final AtomicInteger pointsDone = new AtomicInteger();
    private volatile String failure;

    Run(int points, int batches) {
        this.results = new double[points];
        this.batchesLeft = new CountDownLatch(batches);
    }

    /** Stores a batch's results at its place in the whole answer. */
    void complete(Batch batch, double[] values) {
        System.arraycopy(values, 0, results, batch.offset, values.length);
        pointsDone.addAndGet(values.length);
        batchesLeft.countDown();
    }

    /** Ends the run with an error that no other node would avoid, e.g. a syntax error in the function. */
    void fail(String message) {
        failure = message;
        while (batchesLeft.getCount() > 0) {
            batchesLeft.countDown();
        }
    }

    boolean await(long millis) throws InterruptedException {
        return batchesLeft.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean finished() {
        return batchesLeft.getCount() == 0;
    }

    String failure() {
        return failure;
    }

    int pointsDone() {
        return pointsDone.get();
    }

    int size() {
        return results.length;
    }

    double[] results() {
        return results;
    }
}
