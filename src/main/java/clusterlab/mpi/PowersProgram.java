package clusterlab.mpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Article D's example, corrected. The root broadcasts the numbers 1 to 6 and scatters the powers
 * 1 to size, one per rank (the article scattered more powers than it had ranks); each rank raises
 * every number to its power; the root gathers the rows and prints them, then sends the table to
 * every other rank with send/recv, and each prints what it got.
 */
public final class PowersProgram {
    private static final int TABLE_TAG = 1;

    private PowersProgram() {
    }

    public static void main(String[] args) {
        Comm comm = Comm.world();
        int root = 0;
        long[] numbers = comm.rank() == root ? new long[] {1, 2, 3, 4, 5, 6} : null;
        numbers = comm.bcast(numbers, root);

        List<Integer> powers = null;
        if (comm.rank() == root) {
            powers = new ArrayList<>();
            for (int p = 1; p <= comm.size(); p++) {
                powers.add(p);
            }
        }
        int power = comm.scatter(powers, root);

        long[] row = new long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            row[i] = (long) Math.pow(numbers[i], power);
        }
        List<long[]> table = comm.gather(row, root);

        if (comm.rank() == root) {
            ArrayList<String> lines = new ArrayList<>();
            for (int p = 0; p < table.size(); p++) {
                lines.add("power " + (p + 1) + ": " + Arrays.toString(table.get(p)));
            }
            lines.forEach(line -> System.out.println("gathered " + line));
            for (int dest = 0; dest < comm.size(); dest++) {
                if (dest != root) {
                    comm.send(lines, dest, TABLE_TAG);
                }
            }
        } else {
            List<String> lines = comm.recv(root, TABLE_TAG);
            System.out.println("rank " + comm.rank() + " received " + lines.size() + " rows; mine is \""
                    + lines.get(comm.rank()) + "\"");
        }
    }
}
