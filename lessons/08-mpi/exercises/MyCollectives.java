package lesson08;

import clusterlab.mpi.Comm;
import java.io.Serializable;
import java.util.List;

/**
 * Exercise (b): a collective made of two others. After {@code allgather(comm, value)} every rank
 * holds every rank's value, in rank order, exactly as {@code comm.allgather(value)} gives it.
 * Write it with {@code comm.gather} and {@code comm.bcast} only: no send, no recv, and not
 * {@code comm.allgather} itself. Every rank calls it, as with any collective.
 *
 * <p>Hint: bcast takes a Serializable, and List is only an interface; ArrayList is Serializable.
 */
public final class MyCollectives {
    private MyCollectives() {
    }

    public static <T extends Serializable> List<T> allgather(Comm comm, T value) {
        // Exercise (b): gather to one rank, then broadcast what it gathered.
        throw new UnsupportedOperationException("exercise: allgather = gather to a root, then bcast from it");
    }
}
