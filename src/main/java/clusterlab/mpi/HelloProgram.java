package clusterlab.mpi;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** `mpirun -np 4 hello`: every rank says who and where it is. */
public final class HelloProgram {
    private HelloProgram() {
    }

    public static void main(String[] args) throws UnknownHostException {
        Comm comm = Comm.world();
        System.out.println("hello from rank " + comm.rank() + " of " + comm.size() + " on "
                + InetAddress.getLocalHost().getHostName() + ", pid " + ProcessHandle.current().pid());
    }
}
