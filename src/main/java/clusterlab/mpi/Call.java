package clusterlab.mpi;

import java.util.Locale;

/** The collective operations; their messages carry the call so that ranks calling different ones are caught. */
enum Call {
    BARRIER, BCAST, SCATTER, GATHER, ALLGATHER, REDUCE, ALLREDUCE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
