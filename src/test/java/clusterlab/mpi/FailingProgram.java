package clusterlab.mpi;

/** An MPI program whose rank 1 fails at once while the others wait for it. */
public final class FailingProgram {
    private FailingProgram() {
    }

    public static void main(String[] args) {
        Comm comm = Comm.world();
        if (comm.rank() == 1) {
            throw new IllegalStateException("boom");
        }
        comm.recv(1, 0);
    }
}
