package clusterlab.primes;

/**
 * A way of showing a run's {@link PrimesModel}: the head's command calls it a few times a second,
 * then once at the end. A view may also read the model on its own clock (the window and the web
 * page do), and then has nothing to do in {@link #update}.
 */
public interface ProgressView {
    /** Shows the model as it is now. */
    void update(PrimesModel.Snapshot snapshot);

    /** Shows the model one last time, when the run ends (complete or not). */
    void finish(PrimesModel.Snapshot snapshot);
}
