package clusterlab.primes;

/** A way of showing a run's {@link PrimesModel}: the head calls it a few times a second, then once at the end. */
public interface ProgressView {
    /** Shows the model as it is now. */
    void update(PrimesModel.Snapshot snapshot);

    /** Shows the model one last time, when the run ends (complete or not). */
    void finish(PrimesModel.Snapshot snapshot);

    /** The view for batch runs: shows nothing while running (the summary comes at the end). */
    ProgressView NONE = new ProgressView() {
        @Override
        public void update(PrimesModel.Snapshot snapshot) {
        }

        @Override
        public void finish(PrimesModel.Snapshot snapshot) {
        }
    };
}
