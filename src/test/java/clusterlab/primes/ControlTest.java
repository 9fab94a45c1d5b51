package clusterlab.primes;

import static clusterlab.primes.Loopback.logged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.Eventually;
import clusterlab.primes.PrimeRange.Block;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Stop, Start and Quit as the window and the web page press them: the head's pause, resume and quit, with no view. */
class ControlTest {
    private static final PrimeRange RANGE = new PrimeRange(1, 100_000);

    @RegisterExtension
    final Loopback loopback = new Loopback();

    @TempDir
    Path dir;

    private static void assertNothingHandedOut(FakeWorker worker, String when) throws Exception {
        worker.readTimeout(1_000);
        assertThrows(SocketTimeoutException.class, worker::receive, "the head sent something " + when);
        worker.readTimeout(20_000);
    }

    @Test
    void whileStoppedNoBlockGoesOutTheBlockInHandIsKeptAndStartCarriesOn() throws Exception {
        Path out = dir.resolve("paused.txt");
        PrimesHead head = loopback.head(new HeadSettings().range(RANGE).blockSize(10_000).out(out).paused(true));
        assertTrue(head.model().snapshot().paused());
        assertTrue(logged(head, "stopped: no blocks go out until Start"));
        FakeWorker worker = loopback.fake(head, "w");
        assertNothingHandedOut(worker, "while started paused");

        head.resume();
        assertFalse(head.model().snapshot().paused());
        Block first = worker.nextBlock();
        assertEquals(0, first.id());

        head.pause();
        assertTrue(logged(head, "stopped: no new blocks go out; each worker finishes the block it has and waits"));
        worker.answer(first);
        Eventually.await("the block in hand when stopped to be written", () -> head.model().snapshot().blocksWritten() == 1);
        assertNothingHandedOut(worker, "after Stop");

        head.resume();
        assertTrue(logged(head, "started: blocks go out again"));
        int blocks = 1;
        for (Block b = worker.nextBlock(); b != null; b = worker.nextBlock()) {
            worker.answer(b);
            blocks++;
        }
        assertEquals(10, blocks, "every block handed out exactly once");
        assertTrue(head.awaitComplete(20_000));
        assertEquals(OutputTest.expectedText(RANGE), Files.readString(out), "nothing lost, nothing twice");
    }

    @Test
    void realWorkersWaitWhileStoppedAndTheRunCompletesAfterStart() throws Exception {
        PrimeRange range = new PrimeRange(1, 100_000_000);
        PrimesHead head = loopback.head(new HeadSettings().range(range).blockSize(1_000_000).paused(true));
        Future<Integer> run = loopback.worker(head, "pair", 2);
        Eventually.await("both threads of the worker to connect", () -> head.model().snapshot().workers().stream().anyMatch(w -> w.connections() == 2));
        assertEquals(0, head.model().snapshot().blocksAccepted(), "nothing handed out before Start");

        head.resume();
        Eventually.await("some blocks to be written", () -> head.model().snapshot().blocksWritten() >= 3);
        head.pause();
        long atStop = head.model().snapshot().blocksAccepted();
        head.pause(); // pressed twice: no harm
        assertEquals(1, head.model().snapshot().log().stream().filter(l -> l.startsWith("stopped: no new blocks")).count());
        head.awaitComplete(1_000);
        // Each connection may have a batch being checked and the next block, sent ahead of the check, being sieved.
        long accepted = head.model().snapshot().blocksAccepted();
        assertTrue(accepted <= atStop + 2 * 2, "after Stop " + (accepted - atStop) + " more blocks were accepted; at most 4 can be");
        head.resume();
        assertTrue(head.awaitComplete(20_000), "the run did not complete after Start");
        assertEquals(0, run.get(20, TimeUnit.SECONDS), "the worker exits with 0 when told done");
        PrimesModel.Snapshot s = head.model().snapshot();
        assertEquals(5_761_455, s.count(), "nothing lost, nothing twice");
        assertEquals(100, s.workers().get(0).blocks(), "each block accepted once");
    }

    @Test
    void quitHandsOutNothingMoreAndLeavesACheckpointTheSameCommandResumes() throws Exception {
        Path out = dir.resolve("quit.txt");
        HeadSettings settings = new HeadSettings().range(RANGE).blockSize(10_000).out(out).host("127.0.0.1").port(0);
        try (PrimesHead head = new PrimesHead(settings, Loopback.QUIET)) {
            assertThrows(IllegalStateException.class, head::quit, "quit before start");
            head.start();
            try (FakeWorker worker = new FakeWorker(head.port(), "w")) {
                for (int i = 0; i < 3; i++) {
                    worker.answer(worker.nextBlock());
                }
                Block inHand = worker.nextBlock();
                head.quit();
                assertTrue(head.quitRequested());
                assertTrue(logged(head, "quit: the head closes; " + Checkpoint.pathFor(out)
                        + " keeps what is on disk, and the same command resumes the run"));
                worker.answer(inHand);
                Eventually.await("the block in hand at Quit to be written", () -> head.model().snapshot().blocksWritten() == 4);
                head.resume();
                assertFalse(logged(head, "started"), "Start after Quit does nothing");
                assertNothingHandedOut(worker, "after Quit");
            }
        }
        Checkpoint saved = Checkpoint.read(Checkpoint.pathFor(out), PrimesHead.COMMAND);
        assertEquals(4, saved.blocksWritten());
        assertEquals(Files.size(out), saved.bytes());
        assertEquals(OutputTest.expectedText(new PrimeRange(1, 40_000)), Files.readString(out));

        try (PrimesHead again = new PrimesHead(settings.localThreads(2), Loopback.QUIET)) {
            again.start();
            assertTrue(again.awaitComplete(20_000), "the resumed run did not complete");
            assertEquals(4, again.model().snapshot().resumedBlocks());
        }
        assertEquals(OutputTest.expectedText(RANGE), Files.readString(out));
    }
}
