package clusterlab.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mistakes give clear errors, and hangs and dead ranks become visible. */
@Timeout(30)
class ErrorsTest {
    @Test
    void badRanksAndTagsAreRefusedWithTheirNumbers() throws Exception {
        LocalJob.run(2, comm -> {
            if (comm.rank() == 0) {
                assertEquals("rank 0 of 2 cannot send to rank 2 (tag 0): ranks are 0 to 1",
                        assertThrows(MpiException.class, () -> comm.send("x", 2, 0)).getMessage());
                assertEquals("rank 0 of 2 cannot send with tag -1 to rank 1: tags are 0 or more",
                        assertThrows(MpiException.class, () -> comm.send("x", 1, Comm.ANY_TAG)).getMessage());
                assertEquals("rank 0 of 2 cannot receive from rank -2 (tag 0): ranks are 0 to 1, or ANY_SOURCE",
                        assertThrows(MpiException.class, () -> comm.recv(-2, 0)).getMessage());
                assertEquals("rank 0 of 2 cannot receive with tag -5 from rank 1: tags are 0 or more, or ANY_TAG",
                        assertThrows(MpiException.class, () -> comm.recvDoubles(1, -5)).getMessage());
                assertEquals("rank 0 of 2 called bcast with root 3: ranks are 0 to 1",
                        assertThrows(MpiException.class, () -> comm.bcast("x", 3)).getMessage());
            }
            return null;
        });
    }

    @Test
    void aReceiveOfTheWrongKindSaysWhatCame() throws Exception {
        LocalJob.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send("not doubles", 1, 0);
            } else {
                assertTrue(assertThrows(MpiException.class, () -> comm.recvDoubles(0, 0)).getMessage()
                        .startsWith("rank 1 asked for a double[] but the message from rank 0 with tag 0 holds a Java object"));
            }
            return null;
        });
    }

    @Test
    void ranksCallingDifferentCollectivesAreNamed() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> LocalJob.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.bcast("x", 0);
            } else {
                comm.reduce(1.0, Op.SUM, 1);
            }
            return null;
        }));
        assertEquals("rank 0 called bcast while rank 1 called reduce (collective call #1 of each, 2 ranks)",
                e.getCause().getMessage());
    }

    @Test
    void aLongWaitPrintsWhatIsAwaitedAndWhatArrived() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // Warn after 1 s; the awaited message comes 3 s late, so the warning is certain however slow the machine.
            LocalJob.run(2, 1000, comm -> {
                if (comm.rank() == 0) {
                    comm.sendInts(new int[3], 1, 8); // the receiver's typo: it waits for tag 7
                    Thread.sleep(3000);
                    comm.sendInts(new int[1], 1, 7);
                } else {
                    comm.recvInts(0, 7);
                    comm.recvInts(0, 8);
                }
                return null;
            });
        } finally {
            System.setErr(stderr);
        }
        // Only this warning's line is checked: the ranks' closing barrier may warn as well on a busy machine.
        String warning = captured.toString(StandardCharsets.UTF_8);
        assertTrue(warning.lines().anyMatch(line -> line.matches("clusterlab mpi: rank 1 of 2 has waited \\d+\\.\\d+ s for a message"
                + " from rank 0 with tag 7; arrived but not received: \\[from rank 0, tag 8, 12 bytes\\]"
                + " \\(still waiting: is the source or tag wrong\\?\\)")), warning);
    }

    @Test
    void aRankThatDiesMakesReceivesFromItFailNamingIt() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> LocalJob.run(3, comm -> {
            if (comm.rank() == 2) {
                comm.abort(); // as if the process had died
                return null;
            }
            if (comm.rank() == 0) {
                return comm.recv(Comm.ANY_SOURCE, 0); // rank 1 also fails: then every other rank is gone
            }
            return comm.recv(2, 0);
        }));
        String message = e.getCause().getMessage();
        assertTrue(e.getCause() instanceof RankFailedException, message);
        assertTrue(message.contains("rank 2 died (its connection closed without a goodbye)"), message);
    }
}
