package lesson08;

import clusterlab.mpi.Comm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exercise (a): article D's example program, as printed, in Java. It has the listing's bugs, in
 * their Java form; find and fix them.
 *
 * <p>What it should do: the root (rank 0) broadcasts the numbers 1 to 6 and scatters the powers 1,
 * 2, ... one per rank; each rank raises every number to its power and makes a row
 * {@code "power 3: [1, 8, 27, 64, 125, 216]"}; the root gathers the rows, in rank order, then sends
 * the whole table to every other rank with send/recv. Every rank returns the table: on 3 ranks
 * <pre>
 * power 1: [1, 2, 3, 4, 5, 6]
 * power 2: [1, 4, 9, 16, 25, 36]
 * power 3: [1, 8, 27, 64, 125, 216]
 * </pre>
 * It must work on any number of ranks; the checker runs it on 1, 2, 3 and 4. Run it yourself with
 * {@code make check LESSON=08}; each failure says which rank went wrong and how.
 */
public final class PowersDemo {
    static final int TABLE_TAG = 1;

    private PowersDemo() {
    }

    public static List<String> run(Comm comm) {
        // Exercise (a): three bugs, as in the article's listing. Fix them; keep the steps.
        int root = 0;
        long[] numbers = comm.rank() == root ? new long[] {1, 2, 3, 4, 5, 6} : null;
        numbers = comm.bcast(numbers, root);

        // The article's four Pis plus the head: five powers.
        ArrayList<Integer> powers = comm.rank() == root ? new ArrayList<>(List.of(1, 2, 3, 4, 5)) : null;
        int power = comm.scatter(powers, root);

        long[] row = new long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            row[i] = (long) Math.pow(numbers[i], power);
        }
        // Rank 0 has power 1, rank 1 power 2, and so on.
        String line = "power " + comm.rank() + 1 + ": " + Arrays.toString(row);
        List<String> table = comm.gather(line, root);

        if (comm.rank() == root) {
            for (int dest = 0; dest < comm.size(); dest++) {
                if (dest != root) {
                    comm.send(new ArrayList<>(table), dest, TABLE_TAG);
                }
            }
            return table;
        }
        return comm.recv(TABLE_TAG, root);
    }
}
