package clusterlab.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PointToPointTest {
    @Test
    void objectsAndEveryArrayTypeArriveIntact() throws Exception {
        LocalJob.run(2, comm -> {
            if (comm.rank() == 0) {
                Map<String, Object> map = new HashMap<>(Map.of("name", "pi", "digits", List.of(3, 1, 4)));
                comm.send((java.io.Serializable) map, 1, 0);
                comm.send("text", 1, 1);
                comm.sendBytes(new byte[] {1, -2, 3}, 1, 2);
                comm.sendInts(new int[] {Integer.MIN_VALUE, 0, 7}, 1, 3);
                comm.sendLongs(new long[] {Long.MAX_VALUE, -1}, 1, 4);
                comm.sendDoubles(new double[] {Math.PI, Double.NaN, -0.0}, 1, 5);
            } else {
                Map<String, Object> map = comm.recv(0, 0);
                assertEquals(Map.of("name", "pi", "digits", List.of(3, 1, 4)), map);
                assertEquals("text", comm.recv(0, 1));
                assertArrayEquals(new byte[] {1, -2, 3}, comm.recvBytes(0, 2));
                assertArrayEquals(new int[] {Integer.MIN_VALUE, 0, 7}, comm.recvInts(0, 3));
                assertArrayEquals(new long[] {Long.MAX_VALUE, -1}, comm.recvLongs(0, 4));
                assertArrayEquals(new double[] {Math.PI, Double.NaN, -0.0}, comm.recvDoubles(0, 5));
            }
            return null;
        });
    }

    @Test
    void anySourceAnyTagAndStatusSayWhatCame() throws Exception {
        LocalJob.run(3, comm -> {
            if (comm.rank() != 0) {
                comm.sendDoubles(new double[comm.rank()], 0, 10 + comm.rank());
            } else {
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Status status = new Status();
                    double[] data = comm.recvDoubles(Comm.ANY_SOURCE, Comm.ANY_TAG, status);
                    assertEquals(data.length * 8, status.size());
                    seen.add(status.source() + ":" + status.tag());
                }
                seen.sort(null);
                assertEquals(List.of("1:11", "2:12"), seen);
            }
            return null;
        });
    }

    @Test
    void messagesWithOneTagArriveInTheOrderSent() throws Exception {
        LocalJob.run(3, comm -> {
            int n = 1000;
            for (int dest = 0; dest < comm.size(); dest++) {
                if (dest != comm.rank()) {
                    for (int i = 0; i < n; i++) {
                        comm.sendInts(new int[] {i}, dest, 7);
                    }
                }
            }
            for (int source = 0; source < comm.size(); source++) {
                if (source != comm.rank()) {
                    for (int i = 0; i < n; i++) {
                        assertEquals(i, comm.recvInts(source, 7)[0]);
                    }
                }
            }
            return null;
        });
    }

    @Test
    void aReceiveMatchesByTagNotByArrival() throws Exception {
        LocalJob.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send("first", 1, 1);
                comm.send("second", 1, 2);
            } else {
                assertEquals("second", comm.recv(0, 2));
                assertEquals("first", comm.recv(0, 1));
            }
            return null;
        });
    }

    @Test
    void isendAndIrecvComplete() throws Exception {
        LocalJob.run(2, comm -> {
            int other = 1 - comm.rank();
            Request<String> first = comm.irecv(other, 3);
            Request<double[]> second = comm.irecvDoubles(other, 3);
            assertTrue(comm.isend("from " + comm.rank(), other, 3).test());
            comm.isendDoubles(new double[] {comm.rank()}, other, 3).waitFor();
            assertEquals("from " + other, first.waitFor());
            assertArrayEquals(new double[] {other}, second.waitFor());
            assertEquals(other, second.status().source());
            return null;
        });
    }

    @Test
    void testIsFalseUntilTheMessageComes() throws Exception {
        LocalJob.run(2, comm -> {
            if (comm.rank() == 0) {
                Request<String> r = comm.irecv(1, 0);
                assertFalse(r.test());
                comm.send("go", 1, 1);
                assertEquals("done", r.waitFor());
                assertTrue(r.test());
            } else {
                assertEquals("go", comm.recv(0, 1));
                comm.send("done", 0, 0);
            }
            return null;
        });
    }

    @Test
    void sendrecvAroundARingDoesNotDeadlock() throws Exception {
        for (int size : new int[] {1, 2, 5}) {
            List<Integer> got = LocalJob.run(size, comm -> {
                int right = (comm.rank() + 1) % comm.size();
                int left = (comm.rank() + comm.size() - 1) % comm.size();
                Integer fromLeft = comm.sendrecv(comm.rank(), right, 0, left, 0);
                double[] big = comm.sendrecvDoubles(new double[200_000], right, 1, left, 1);
                assertEquals(200_000, big.length);
                return fromLeft;
            });
            for (int rank = 0; rank < size; rank++) {
                assertEquals((rank + size - 1) % size, got.get(rank));
            }
        }
    }

    @Test
    void aRankSendsToItself() throws Exception {
        LocalJob.run(1, comm -> {
            comm.send("me", 0, 4);
            assertEquals("me", comm.recv(0, 4));
            return null;
        });
    }
}
