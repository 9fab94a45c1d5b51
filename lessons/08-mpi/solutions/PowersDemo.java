package lesson08;

import clusterlab.mpi.Comm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exercise (a), a reference answer: article D's example with its three bugs fixed.
 * <ol>
 *   <li>{@code "power " + comm.rank() + 1} is read left to right: a String plus an int is a String,
 *       so rank 0 wrote "power 01". The row now says the power it holds (in the article, Python 2
 *       refused "rank " + rank outright; Java quietly concatenates).</li>
 *   <li>Scatter needs exactly one value per rank: the root makes the powers 1 to size, not always 1
 *       to 5 (the article's listing only ran on five ranks).</li>
 *   <li>recv takes the source first, then the tag: {@code recv(TABLE_TAG, root)} waited for a
 *       message from rank 1 with tag 0, which never comes, so ranks 1 and up hung.</li>
 * </ol>
 */
public final class PowersDemo {
    static final int TABLE_TAG = 1;

    private PowersDemo() {
    }

    public static List<String> run(Comm comm) {
        int root = 0;
        long[] numbers = comm.rank() == root ? new long[] {1, 2, 3, 4, 5, 6} : null;
        numbers = comm.bcast(numbers, root);

        ArrayList<Integer> powers = null;
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
        String line = "power " + power + ": " + Arrays.toString(row);
        List<String> table = comm.gather(line, root);

        if (comm.rank() == root) {
            for (int dest = 0; dest < comm.size(); dest++) {
                if (dest != root) {
                    comm.send(new ArrayList<>(table), dest, TABLE_TAG);
                }
            }
            return table;
        }
        return comm.recv(root, TABLE_TAG);
    }
}
