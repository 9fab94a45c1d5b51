package clusterlab.primes;

import static clusterlab.primes.Loopback.logged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.Eventually;
import clusterlab.primes.PrimeRange.Block;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A head and its workers in this JVM over loopback: the whole run, lost workers, bad batches. */
class HeadTest {
    @RegisterExtension
    final Loopback loopback = new Loopback();

    @TempDir
    Path dir;

    private static void awaitComplete(PrimesHead head) throws Exception {
        assertTrue(head.awaitComplete(20_000), "the run did not complete");
    }

    private static void assertVerified(Path out, PrimeRange range, long count) throws Exception {
        assertEquals(count, new PrimesVerifier(out, range).verify().count());
    }

    @Test
    void twoWorkersFindEveryPrimeBelowAMillionAndExitWhenDone() throws Exception {
        Path out = dir.resolve("primes.txt");
        PrimeRange range = new PrimeRange(1, 1_000_000);
        PrimesHead head = loopback.head(new HeadSettings().range(range).blockSize(30_000).out(out));
        Future<Integer> first = loopback.worker(head, "first", 1);
        Future<Integer> second = loopback.worker(head, "second", 2);
        awaitComplete(head);
        assertEquals(0, first.get(20, TimeUnit.SECONDS), "a worker exits with 0 when the head says done");
        assertEquals(0, second.get(20, TimeUnit.SECONDS));
        PrimesModel.Snapshot s = head.model().snapshot();
        assertEquals(78_498, s.count());
        assertEquals(999_983, s.largest());
        assertEquals(34, s.blocksWritten());
        assertEquals(34, s.workers().stream().mapToLong(WorkerStats::blocks).sum());
        assertEquals(List.of("first", "second"), s.workers().stream().map(WorkerStats::name).sorted().toList());
        assertVerified(out, range, 78_498);
        assertEquals(OutputTest.expectedText(range), Files.readString(out));
    }

    @Test
    void edgeRangesAndATinyBlockSize() throws Exception {
        for (PrimeRange range : List.of(new PrimeRange(1, 1), new PrimeRange(1, 2), new PrimeRange(2, 2),
                new PrimeRange(24, 28), new PrimeRange(99_990, 100_130))) {
            Path out = dir.resolve("edge-" + range.from() + "-" + range.to() + ".txt");
            PrimesHead head = loopback.head(new HeadSettings().range(range).blockSize(7).out(out).localThreads(2));
            awaitComplete(head);
            assertEquals(OutputTest.expectedText(range), Files.readString(out), range.toString());
            assertVerified(out, range, head.model().snapshot().count());
        }
    }

    @Test
    void theTopOfTheLongRangeGoesThroughWithoutOverflow() throws Exception {
        Path out = dir.resolve("top.txt");
        PrimeRange range = new PrimeRange(Long.MAX_VALUE - 1_000, Long.MAX_VALUE);
        PrimesHead head = loopback.head(new HeadSettings().range(range).blockSize(100).out(out).localThreads(2));
        awaitComplete(head);
        assertEquals(OutputTest.expectedText(range), Files.readString(out));
        assertEquals(9_223_372_036_854_775_783L, head.model().snapshot().largest(), "the largest prime below 2^63");
        assertVerified(out, range, head.model().snapshot().count());
    }

    @Test
    void staticSharesCompleteWithFewerWorkersThanShares() throws Exception {
        Path out = dir.resolve("static.txt");
        PrimeRange range = new PrimeRange(1, 200_000);
        PrimesHead head = loopback.head(new HeadSettings().range(range).blockSize(10_000).out(out).shares(3));
        assertEquals(0, loopback.worker(head, "only", 1).get(20, TimeUnit.SECONDS));
        awaitComplete(head);
        assertVerified(out, range, 17_984);
    }

    @Test
    void underStaticSharesEachWorkerKeepsToItsOwnShare() throws Exception {
        PrimeRange range = new PrimeRange(1, 40_000);
        PrimesHead head = loopback.head(new HeadSettings().range(range).blockSize(10_000).shares(2));
        FakeWorker a = loopback.fake(head, "a");
        Block a1 = a.nextBlock();
        FakeWorker b = loopback.fake(head, "b");
        Block b1 = b.nextBlock();
        assertEquals(List.of(0L, 2L), List.of(a1.id(), b1.id()), "a holds blocks 0-1, b blocks 2-3");
        a.answer(a1);
        Block a2 = a.nextBlock();
        assertEquals(1, a2.id());
        a.answer(a2);
        b.answer(b1);
        assertEquals(3, b.nextBlock().id());
    }

    @Test
    void aWorkerThatDiesMidBlockHasItsBlockHandedToAnother() throws Exception {
        Path out = dir.resolve("lost.txt");
        PrimeRange range = new PrimeRange(1, 100_000);
        PrimesHead head = loopback.head(new HeadSettings().range(range).blockSize(10_000).out(out));
        FakeWorker doomed = loopback.fake(head, "doomed");
        Block taken = doomed.nextBlock();
        assertEquals(0, taken.id());
        doomed.close(); // the socket closes mid-block
        Eventually.await("the head to notice the lost worker", () -> logged(head, "worker doomed went away during block 0"));
        loopback.worker(head, "rescuer", 2);
        awaitComplete(head);
        assertVerified(out, range, 9_592);
        assertEquals(OutputTest.expectedText(range), Files.readString(out), "nothing lost, nothing twice");
    }

    @Test
    void aWorkerSilentForTheLeaseIsDroppedAndItsBlockHandedOut() throws Exception {
        Path out = dir.resolve("lease.txt");
        PrimeRange range = new PrimeRange(1, 50_000);
        PrimesHead head = loopback.head(new HeadSettings().range(range).blockSize(10_000).out(out).leaseMillis(300));
        FakeWorker slow = loopback.fake(head, "slow");
        assertEquals(0, slow.nextBlock().id());
        Eventually.await("the lease to expire", () -> logged(head, "worker slow took over 0.3 s (the lease) on block 0"));
        assertNull(slow.receive(), "the head closed the silent worker's connection");
        loopback.worker(head, "steady", 1);
        awaitComplete(head);
        assertVerified(out, range, 5_133);
    }

    @Test
    void batchesOutsideTheBlockOrWithNonPrimesAreRejectedAndTheBlockReissued() throws Exception {
        Path out = dir.resolve("rejected.txt");
        PrimeRange range = new PrimeRange(1, 3_000);
        PrimesHead head = loopback.head(new HeadSettings().range(range).blockSize(1_000).out(out));

        FakeWorker outside = loopback.fake(head, "outside");
        Block block = outside.nextBlock();
        assertEquals(new Block(0, 1, 1_000), block);
        outside.answer(block, 2, 3, 1_009);
        assertEquals("rejected block 0 [1, 1000] from worker outside: 1009 is outside the block [1, 1000]", outside.error());
        assertNull(outside.receive(), "the connection closes after a rejection");

        FakeWorker liar = loopback.fake(head, "liar");
        Block again = liar.nextBlock();
        assertEquals(block, again, "the rejected block is handed out again first");
        liar.answer(again, 2, 3, 5, 7, 9);
        assertEquals("rejected block 0 [1, 1000] from worker liar: 9 is not prime", liar.error());

        FakeWorker honest = loopback.fake(head, "honest");
        assertEquals(block, honest.nextBlock());
        honest.answer(block);
        for (Block b = honest.nextBlock(); b != null; b = honest.nextBlock()) {
            honest.answer(b);
        }
        awaitComplete(head);
        assertVerified(out, range, 430);
        PrimesModel.Snapshot s = head.model().snapshot();
        assertEquals(2, s.rejected());
        assertTrue(logged(head, "rejected block 0 [1, 1000] from worker liar: 9 is not prime; the block goes to another worker"));
    }

    @Test
    void aBatchForAnotherBlockOrWithABadHeaderIsRejected() throws Exception {
        PrimesHead head = loopback.head(new HeadSettings().range(new PrimeRange(1, 3_000)).blockSize(1_000));
        FakeWorker confused = loopback.fake(head, "confused");
        Block block = confused.nextBlock();
        confused.answer(new Block(2, 2_001, 3_000));
        assertEquals("rejected block 0 [1, 1000] from worker confused: it answered block 2 but was sent block 0",
                confused.receive().get("message"));
        FakeWorker boaster = loopback.fake(head, "boaster");
        assertEquals(block, boaster.nextBlock());
        boaster.send(Map.of("type", "primes", "id", 0L, "count", 100_000L, "bytes", 100_000L));
        assertEquals("rejected block 0 [1, 1000] from worker boaster: it announced 100000 primes; a block of 1000 numbers"
                + " has at most 502", boaster.receive().get("message"));
        FakeWorker padder = loopback.fake(head, "padder");
        assertEquals(block, padder.nextBlock());
        padder.send(Map.of("type", "primes", "id", 0L, "count", 3L, "bytes", 30L));
        assertEquals("rejected block 0 [1, 1000] from worker padder: 30 bytes cannot hold 3 gaps (1 to 9 bytes each)",
                padder.receive().get("message"));
        FakeWorker chatty = loopback.fake(head, "chatty");
        assertEquals(block, chatty.nextBlock());
        chatty.send(Map.of("type", "hello"));
        assertEquals("rejected block 0 [1, 1000] from worker chatty: expected {\"type\":\"primes\",\"id\":K,\"count\":C,"
                + "\"bytes\":N}, got {type=hello}", chatty.receive().get("message"));
        assertEquals(4, head.model().snapshot().rejected());
        assertFalse(head.model().snapshot().complete());
    }

    @Test
    void aSlowBlockMakesTheOthersWaitInSpillFilesWithoutLosingAny() throws Exception {
        Path out = dir.resolve("spill.txt");
        PrimeRange range = new PrimeRange(1, 200_000);
        PrimesHead head = loopback.head(new HeadSettings().range(range).blockSize(10_000).out(out).memoryLimit(0));
        FakeWorker laggard = loopback.fake(head, "laggard");
        Block first = laggard.nextBlock();
        assertEquals(0, first.id());
        loopback.worker(head, "quick", 2);
        Eventually.await("every other block to be accepted", () -> head.model().snapshot().blocksAccepted() == 19);
        assertEquals(0, head.model().snapshot().blocksWritten(), "nothing is written before block 0");
        assertTrue(Files.isDirectory(dir.resolve("spill.txt.spill")));
        laggard.answer(first);
        awaitComplete(head);
        assertEquals(19, head.spilledBlocks());
        assertEquals(OutputTest.expectedText(range), Files.readString(out));
    }

    @Test
    void workersAreToldDoneOnlyOnceEveryBlockIsOnDisk() throws Exception {
        CountDownLatch diskSlow = new CountDownLatch(1);
        HeadSettings.Opener slowDisk = path -> new ForwardingOutputFile(OutputFile.open(path)) {
            @Override
            public void force() throws IOException {
                try {
                    diskSlow.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                super.force();
            }
        };
        Path out = dir.resolve("slow.txt");
        PrimesHead head = loopback.head(new HeadSettings().range(new PrimeRange(1, 2_000)).blockSize(1_000).out(out).opener(slowDisk));
        FakeWorker worker = loopback.fake(head, "patient");
        worker.answer(worker.nextBlock());
        worker.answer(worker.nextBlock());
        Eventually.await("both blocks accepted", () -> head.model().snapshot().blocksAccepted() == 2);
        worker.readTimeout(500);
        assertThrows(SocketTimeoutException.class, worker::receive, "no done while a block is not on disk");
        diskSlow.countDown();
        worker.readTimeout(20_000);
        assertNull(worker.nextBlock(), "done once both blocks are on disk");
        assertTrue(head.awaitComplete(20_000));
        assertVerified(out, new PrimeRange(1, 2_000), 303);
    }
}
