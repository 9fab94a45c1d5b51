package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.Eventually;
import clusterlab.cli.UsageException;
import clusterlab.primes.PrimeRange.Block;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A head stopped or failed half-way, and started again on the same output. */
class ResumeTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    private static final PrimeRange RANGE = new PrimeRange(1, 100_000);
    private static final long BLOCK = 10_000;

    @TempDir
    Path dir;

    private HeadSettings settings(Path out) {
        return new HeadSettings().range(RANGE).blockSize(BLOCK).out(out).host("127.0.0.1").port(0);
    }

    /** A complete run on a fresh head; returns its model's snapshot. */
    private static PrimesModel.Snapshot finish(HeadSettings settings) throws Exception {
        try (PrimesHead head = new PrimesHead(settings.localThreads(2), QUIET)) {
            head.start();
            assertTrue(head.awaitComplete(20_000), "the resumed run did not complete");
            return head.model().snapshot();
        }
    }

    @Test
    void aStoppedHeadResumesFromItsCheckpointAndEndsWithTheSameFile() throws Exception {
        Path out = dir.resolve("primes.txt");
        try (PrimesHead first = new PrimesHead(settings(out), QUIET)) {
            first.start();
            try (FakeWorker worker = new FakeWorker(first.port(), "early")) {
                for (int i = 0; i < 3; i++) {
                    Block b = worker.nextBlock();
                    worker.answer(b);
                }
                Eventually.await("three blocks on disk", () -> first.model().snapshot().blocksWritten() == 3);
            }
        }
        Checkpoint saved = Checkpoint.read(Checkpoint.pathFor(out), "primes-head");
        assertEquals(3, saved.blocksWritten());
        assertEquals(Files.size(out), saved.bytes());
        // A head killed while writing leaves part of a block after what the checkpoint vouches for.
        Files.writeString(out, "30011\n300", StandardOpenOption.APPEND);

        PrimesModel.Snapshot s = finish(settings(out));
        assertEquals(3, s.resumedBlocks());
        assertEquals(9_592, s.count());
        assertTrue(s.log().stream().anyMatch(l -> l.contains("resuming " + out + " from its checkpoint: 3 of 10 blocks written (3245 primes)")),
                s.log().toString());
        assertEquals(OutputTest.expectedText(RANGE), Files.readString(out), "identical to a clean run");
        assertEquals(9_592, new PrimesVerifier(out, RANGE).verify().count());

        PrimesModel.Snapshot again = finish(settings(out));
        assertEquals(10, again.resumedBlocks(), "a complete output is left as it is");
        assertEquals(OutputTest.expectedText(RANGE), Files.readString(out));
    }

    @Test
    void anOutputOfAnotherRunIsRefusedAndLeftAlone() throws Exception {
        Path out = dir.resolve("primes.txt");
        finish(settings(out));
        byte[] before = Files.readAllBytes(out);
        String checkpoint = Files.readString(Checkpoint.pathFor(out));

        PrimesHead other = new PrimesHead(settings(out).range(new PrimeRange(1, 200_000)), QUIET);
        UsageException e = assertThrows(UsageException.class, other::start);
        other.close();
        assertEquals("clusterlab primes-head: " + out + " holds a run of --range 1:100000 --block 10000 (see " + out
                + ".ckpt), not --range 1:200000 --block 10000; resume it with those options, or choose another --out", e.getMessage());
        PrimesHead otherBlock = new PrimesHead(settings(out).blockSize(5_000), QUIET);
        assertThrows(UsageException.class, otherBlock::start);
        otherBlock.close();
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out)));
        assertEquals(checkpoint, Files.readString(Checkpoint.pathFor(out)));

        Path stray = dir.resolve("notes.txt");
        Files.writeString(stray, "my notes\n");
        PrimesHead head = new PrimesHead(settings(stray), QUIET);
        e = assertThrows(UsageException.class, head::start);
        head.close();
        assertEquals("clusterlab primes-head: " + stray + " exists and has no checkpoint " + stray + ".ckpt, so it is not a"
                + " run to resume; move it away or choose another --out", e.getMessage());
        assertEquals("my notes\n", Files.readString(stray));

        Files.write(out, new byte[10]);
        head = new PrimesHead(settings(out), QUIET);
        e = assertThrows(UsageException.class, head::start);
        head.close();
        assertTrue(e.getMessage().startsWith("clusterlab primes-head: " + out + " has 10 bytes but its checkpoint says "), e.getMessage());
    }

    /** An output file on a disk that fills up after {@code room} bytes. */
    private static HeadSettings.Opener fullAfter(long room) {
        return path -> new ForwardingOutputFile(OutputFile.open(path)) {
            private long left = room;

            @Override
            public void append(ByteBuffer bytes) throws IOException {
                if (bytes.remaining() > left) {
                    bytes.limit(bytes.position() + (int) left); // a write fills what room is left, then fails
                    super.append(bytes);
                    left = 0;
                    throw new IOException("No space left on device");
                }
                left -= bytes.remaining();
                super.append(bytes);
            }
        };
    }

    @Test
    void aFullDiskStopsTheRunWithAClearErrorAndTheCheckpointIntact() throws Exception {
        Path out = dir.resolve("primes.txt");
        String twoBlocks = OutputTest.expectedText(new PrimeRange(1, 2 * BLOCK));
        IOException failure;
        try (PrimesHead head = new PrimesHead(settings(out).opener(fullAfter(twoBlocks.length() + 100)), QUIET)) {
            head.start();
            try (FakeWorker worker = new FakeWorker(head.port(), "w")) {
                for (int i = 1; i <= 3; i++) {
                    worker.answer(worker.nextBlock());
                    int written = Math.min(i, 2);
                    Eventually.await(written + " blocks on disk", () -> head.model().snapshot().blocksWritten() == written);
                }
                failure = assertThrows(IOException.class, () -> head.awaitComplete(20_000));
            }
        }
        assertEquals("cannot write " + out + ": No space left on device; " + out + ".ckpt still vouches for the first 2 blocks"
                + " (2262 primes): run the same command again to resume", failure.getMessage());

        Checkpoint saved = Checkpoint.read(Checkpoint.pathFor(out), "primes-head");
        assertEquals(new Checkpoint(RANGE, BLOCK, 2, twoBlocks.length(), 2_262, 19_997), saved);
        assertEquals(twoBlocks.length() + 100, Files.size(out), "the failed write left part of block 2 behind");
        assertTrue(Files.readString(out).startsWith(twoBlocks));

        PrimesModel.Snapshot s = finish(settings(out));
        assertEquals(2, s.resumedBlocks());
        assertEquals(OutputTest.expectedText(RANGE), Files.readString(out));
    }
}
