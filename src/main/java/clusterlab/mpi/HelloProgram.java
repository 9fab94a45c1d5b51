package clusterlab.mpi;

import clusterlab.net.HostName;

/** `mpirun -np 4 hello`: every rank says who and where it is. */
public final class HelloProgram {
    private HelloProgram() {
    }

    public static void main(String[] args) {
        Comm comm = Comm.world();
        System.out.println("hello from rank " + comm.rank() + " of " + comm.size() + " on "
                + HostName.localOr("unknown") + ", pid " + ProcessHandle.current().pid());
    }
}
