package lesson08;

import clusterlab.mpi.Comm;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Exercise (b), a reference answer: allgather is a gather to rank 0 followed by a bcast from it. */
public final class MyCollectives {
    private MyCollectives() {
    }

    public static <T extends Serializable> List<T> allgather(Comm comm, T value) {
        int root = 0;
        List<T> gathered = comm.gather(value, root); // null except at the root
        // bcast sends a Serializable: copy the root's list into an ArrayList, which is one.
        ArrayList<T> all = comm.rank() == root ? new ArrayList<>(gathered) : null;
        return comm.bcast(all, root);
    }
}
