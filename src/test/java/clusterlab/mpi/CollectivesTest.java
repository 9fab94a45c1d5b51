package clusterlab.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every collective on 1 to 5 ranks, with every rank as the root. */
@Timeout(30)
class CollectivesTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void everyCollectiveGivesTheRightAnswer(int size) throws Exception {
        LocalJob.run(size, comm -> {
            int rank = comm.rank();
            comm.barrier();
            for (int root = 0; root < size; root++) {
                String greeting = comm.bcast(rank == root ? "from " + root : null, root);
                assertEquals("from " + root, greeting);
                assertArrayEquals(new double[] {root, 0.5}, comm.bcast(rank == root ? new double[] {root, 0.5} : null, root));

                List<Integer> values = null;
                if (rank == root) {
                    values = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        values.add(100 * root + i);
                    }
                }
                assertEquals(100 * root + rank, comm.scatter(values, root));

                List<String> gathered = comm.gather("r" + rank, root);
                if (rank == root) {
                    assertEquals(names(size), gathered);
                } else {
                    assertNull(gathered);
                }

                double sum = comm.reduce(rank + 1, Op.SUM, root);
                double[] extremes = comm.reduce(new double[] {rank, rank, rank + 1}, Op.MIN, root);
                Integer product = comm.reduceObject(rank + 1, (a, b) -> a * b, root);
                if (rank == root) {
                    assertEquals(size * (size + 1) / 2.0, sum);
                    assertArrayEquals(new double[] {0, 0, 1}, extremes);
                    assertEquals(factorial(size), product);
                } else {
                    assertEquals(Double.NaN, sum);
                    assertNull(extremes);
                    assertNull(product);
                }
            }
            assertEquals(names(size), comm.allgather("r" + rank));
            assertEquals(size - 1, comm.allreduce(rank, Op.MAX));
            assertEquals(factorial(size), comm.allreduce(rank + 1, Op.PROD));
            Op largerMagnitude = (a, b) -> Math.abs(a) >= Math.abs(b) ? a : b;
            assertEquals(-(size - 1), comm.allreduce(-rank, largerMagnitude));
            assertArrayEquals(new double[] {size, size * (size - 1) / 2.0}, comm.allreduce(new double[] {1, rank}, Op.SUM));
            assertEquals("a".repeat(size), comm.allreduceObject("a", String::concat));
            comm.barrier();
            return null;
        });
    }

    private static List<String> names(int size) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            names.add("r" + i);
        }
        return names;
    }

    private static int factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }
}
