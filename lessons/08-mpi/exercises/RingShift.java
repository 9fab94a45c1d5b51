package lesson08;

import clusterlab.mpi.Comm;

/**
 * Exercise (c): find the deadlock. The ranks stand in a ring: rank r's right neighbour is r + 1
 * (the last rank's is rank 0) and its left neighbour r - 1 (rank 0's is the last rank). Each rank
 * passes its value to the right and returns the value that came from its left; on one rank, the
 * rank is its own neighbour and gets its own value back.
 *
 * <p>As written, it hangs on any number of ranks. Why? clusterlab's sends return as soon as the
 * message is on its way (the receiver keeps it until it asks for it); its receives wait until a
 * message comes. Fix it so that it works on 1 to 5 ranks; there is more than one way.
 */
public final class RingShift {
    static final int TAG = 7;

    private RingShift() {
    }

    public static double shift(Comm comm, double value) {
        // Exercise (c): this order of calls deadlocks. Change it.
        int right = (comm.rank() + 1) % comm.size();
        int left = (comm.rank() - 1 + comm.size()) % comm.size();
        double fromLeft = comm.recv(left, TAG);
        comm.send(value, right, TAG);
        return fromLeft;
    }
}
