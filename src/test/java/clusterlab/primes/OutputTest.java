package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.cli.UsageException;
import clusterlab.primes.PrimeRange.Block;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ordered writer, its reorder buffer and spill files, and the checkpoint. */
class OutputTest {
    @TempDir
    Path dir;

    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    static CheckedBlock checked(PrimeRange range, long size, long id) throws MalformedBatchException {
        Block block = range.block(id, size);
        GapEncoder encoder = new GapEncoder();
        encoder.start(block.from());
        new SegmentedSieve().primes(block.from(), block.to(), encoder);
        byte[] data = Arrays.copyOf(encoder.buffer(), encoder.size());
        return new BatchCheck(-1).check(block, encoder.count(), data);
    }

    /** The text a complete run over {@code range} writes. */
    static String expectedText(PrimeRange range) {
        StringBuilder s = new StringBuilder();
        new SegmentedSieve().primes(range.from(), range.to(), p -> s.append(p).append('\n'));
        return s.toString();
    }

    @Test
    void blocksFinishedOutOfOrderAreWrittenInOrderThroughSpillFiles() throws Exception {
        PrimeRange range = new PrimeRange(1, 100_000);
        Path out = dir.resolve("primes.txt");
        Path spill = dir.resolve("primes.txt.spill");
        PrimesModel model = new PrimesModel(range, 10_000, QUIET);
        OrderedOutput output = new OrderedOutput(model, OutputFile.open(out), "primes.txt", Checkpoint.pathFor(out),
                Checkpoint.empty(range, 10_000), 0, spill);
        try (output) {
            output.start();
            for (long id = 9; id >= 1; id--) {
                assertTrue(output.accept(checked(range, 10_000, id), "w", 1));
            }
            assertFalse(output.accept(checked(range, 10_000, 5), "w", 1), "a second copy is ignored");
            assertEquals(9, output.spilledCount(), "memory limit 0: every block that is not next waits on disk");
            assertEquals(0, output.writtenCount());
            assertTrue(Files.isDirectory(spill));
            assertTrue(output.accept(checked(range, 10_000, 0), "w", 1));
            assertTrue(output.awaitWritten(10, 20_000));
            assertEquals(10, output.acceptedCount());
        }
        assertFalse(Files.exists(spill), "the spill directory is removed at the end");
        assertEquals(expectedText(range), Files.readString(out));
        Checkpoint c = Checkpoint.read(Checkpoint.pathFor(out), "primes-head");
        assertEquals(new Checkpoint(range, 10_000, 10, Files.size(out), 9_592, 99_991), c);
        assertEquals(9_592, model.snapshot().count());
        assertTrue(model.snapshot().complete());
    }

    @Test
    void withoutAFileBlocksAreOnlyCounted() throws Exception {
        PrimeRange range = new PrimeRange(1, 1_000);
        PrimesModel model = new PrimesModel(range, 100, QUIET);
        try (OrderedOutput output = new OrderedOutput(model, null, null, null, Checkpoint.empty(range, 100), 0, null)) {
            output.start();
            for (long id = 9; id >= 0; id--) {
                output.accept(checked(range, 100, id), "w", 1);
            }
            assertTrue(output.awaitWritten(10, 20_000));
        }
        assertEquals(168, model.snapshot().count());
        assertEquals(997, model.snapshot().largest());
    }

    @Test
    void aCheckpointReadsBackAndADamagedOneIsOneClearLine() throws Exception {
        Path path = dir.resolve("p.txt.ckpt");
        Checkpoint c = new Checkpoint(new PrimeRange(1, 1_000), 100, 3, 456, 62, 293);
        c.write(path);
        assertEquals(c, Checkpoint.read(path, "primes-head"));
        assertTrue(Files.readString(path).startsWith("# clusterlab primes-head checkpoint"));
        assertEquals(null, Checkpoint.read(dir.resolve("none.ckpt"), "primes-head"));
        Files.writeString(path, "range=1:1000\nblock=100\nblocks-written=x\n", StandardCharsets.UTF_8);
        String why = assertThrows(UsageException.class, () -> Checkpoint.read(path, "primes-head")).getMessage();
        assertEquals("clusterlab primes-head: checkpoint " + path + " is damaged (blocks-written=x is not a whole number); delete it and its"
                + " output to start again", why);
        Files.writeString(path, "range=1:1000\nblock=100\nblocks-written=11\nbytes=1\ncount=1\nlargest=2\n");
        assertTrue(assertThrows(UsageException.class, () -> Checkpoint.read(path, "primes-head")).getMessage()
                .contains("is damaged (a value is out of its range)"));
    }
}
