package clusterlab.primes;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Puts the blocks, which finish in any order, into the output in block order. Accepted blocks wait
 * in a reorder buffer until every block before them is in; a writer thread appends each run of
 * consecutive blocks as text, forces it to disk, and only then moves the checkpoint forward. The
 * buffer holds encoded gaps (about a byte a prime) up to a memory limit; a block that would go over
 * it waits in a file of its own in the spill directory instead, so memory stays flat however far
 * ahead of a slow block the others get.
 *
 * <p>Without an output file the blocks are only counted, still in order.
 */
final class OrderedOutput implements Closeable {
    /** Writes up to this many bytes of consecutive blocks before forcing them and checkpointing. */
    private static final long BATCH_BYTES = 16L << 20;

    private final PrimesModel model;
    private final OutputFile file;
    private final Path checkpointPath;
    private final long memoryLimit;
    private final Path spillDirectory;
    private final String outputName;
    private final TreeMap<Long, Entry> pending = new TreeMap<>();
    private final DecimalLines lines = new DecimalLines();
    private final Thread writer;
    private Checkpoint checkpoint;
    private long next;
    private long memoryUsed;
    private long spilled;
    private IOException failure;
    private boolean closing;
    private Runnable onWritten = () -> { };

    /** A block waiting: its data in memory, or in {@code spill} when that is not null. */
    private record Entry(CheckedBlock block, Path spill) {
    }

    /**
     * @param file          the output, already cut back to the checkpoint, or null to count only
     * @param start         what the output holds already (a resumed run) or {@link Checkpoint#empty}
     * @param memoryLimit   bytes of encoded primes the reorder buffer keeps in memory
     */
    OrderedOutput(PrimesModel model, OutputFile file, String outputName, Path checkpointPath, Checkpoint start,
            long memoryLimit, Path spillDirectory) {
        this.model = model;
        this.file = file;
        this.outputName = outputName;
        this.checkpointPath = checkpointPath;
        this.checkpoint = start;
        this.next = start.blocksWritten();
        this.memoryLimit = memoryLimit;
        this.spillDirectory = spillDirectory;
        this.writer = new Thread(this::writeLoop, "primes-writer");
        writer.setDaemon(true);
    }

    /** Has {@code action} run after each write reaches the disk, outside this object's lock; call before {@link #start}. */
    void onWritten(Runnable action) {
        onWritten = action;
    }

    void start() {
        writer.start();
    }

    /** Whether block {@code id} is accepted: in the output, or waiting for it. */
    synchronized boolean isAccepted(long id) {
        return id < next || pending.containsKey(id);
    }

    /** Blocks accepted so far, including those written before a resume. */
    synchronized long acceptedCount() {
        return next + pending.size();
    }

    /** Blocks in the output (on disk, checkpointed). */
    synchronized long writtenCount() {
        return next;
    }

    /** The first write error, if the output failed; nothing more is written after one. */
    synchronized IOException failure() {
        return failure;
    }

    /** Blocks that went through a spill file. */
    synchronized long spilledCount() {
        return spilled;
    }

    synchronized Checkpoint checkpoint() {
        return checkpoint;
    }

    /**
     * Takes a checked block from {@code worker}, who spent {@code nanos} on it, and counts it in
     * the model (before the writer can see it, so the model never shows a block written but not
     * accepted). Returns false, and does nothing, if that block was accepted before.
     */
    synchronized boolean accept(CheckedBlock block, String worker, long nanos) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (isAccepted(block.id())) {
            return false;
        }
        long size = block.data().length;
        if (file == null) {
            pending.put(block.id(), new Entry(withoutData(block), null));
        } else if (block.id() != next && memoryUsed + size > memoryLimit) {
            pending.put(block.id(), new Entry(withoutData(block), spill(block)));
            spilled++;
        } else {
            pending.put(block.id(), new Entry(block, null));
            memoryUsed += size;
        }
        model.blockAccepted(worker, block.numbers(), block.count(), block.largest(), nanos);
        notifyAll();
        return true;
    }

    private static CheckedBlock withoutData(CheckedBlock b) {
        return new CheckedBlock(b.id(), b.from(), b.numbers(), b.count(), b.largest(), new byte[0]);
    }

    /** Stores a block's gaps in the spill directory, where its entry finds them. */
    private Path spill(CheckedBlock block) throws IOException {
        try {
            Files.createDirectories(spillDirectory);
            Path path = spillDirectory.resolve("block-" + block.id() + ".gaps");
            Files.write(path, block.data());
            return path;
        } catch (IOException e) {
            failure = new IOException("cannot spill a block to " + spillDirectory + ": " + e.getMessage(), e);
            notifyAll();
            throw failure;
        }
    }

    /** Waits until block {@code count - 1} is written or the output failed; false on timeout. */
    synchronized boolean awaitWritten(long count, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (next < count && failure == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return next >= count;
    }

    private void writeLoop() {
        try {
            while (true) {
                List<Entry> run = takeRun();
                if (run == null) {
                    return;
                }
                write(run);
                onWritten.run();
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
                notifyAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the next block, then takes it and the consecutive ones after it (up to a batch); null when closing. */
    private synchronized List<Entry> takeRun() throws InterruptedException {
        while (!closing && !pending.containsKey(next)) {
            wait();
        }
        if (closing) {
            return null;
        }
        List<Entry> run = new ArrayList<>();
        long bytes = 0;
        for (long id = next; pending.containsKey(id) && bytes < BATCH_BYTES; id++) {
            Entry e = pending.get(id);
            run.add(e);
            bytes += e.block().count() * 10;
        }
        return run;
    }

    /** Appends the run's primes, forces them to disk, then checkpoints; the entries stay pending until then. */
    private void write(List<Entry> run) throws IOException {
        long bytes = 0;
        long primes = 0;
        long largest = 0;
        for (Entry e : run) {
            if (file != null) {
                byte[] data = e.spill() == null ? e.block().data() : Files.readAllBytes(e.spill());
                try {
                    bytes += lines.write(e.block(), data, file);
                } catch (IOException failed) {
                    throw new IOException("cannot write " + outputName + ": " + failed.getMessage(), failed);
                }
            }
            primes += e.block().count();
            largest = Math.max(largest, e.block().largest());
        }
        Checkpoint after;
        synchronized (this) {
            after = checkpoint.plus(run.size(), bytes, primes, largest);
        }
        if (file != null) {
            try {
                file.force();
                after.write(checkpointPath);
            } catch (IOException failed) {
                throw new IOException("cannot write " + outputName + ": " + failed.getMessage(), failed);
            }
        }
        synchronized (this) {
            checkpoint = after;
            for (Entry e : run) {
                pending.remove(e.block().id());
                if (e.spill() == null) {
                    memoryUsed -= e.block().data().length;
                } else {
                    Files.deleteIfExists(e.spill());
                }
                next++;
                model.blockWritten();
            }
            notifyAll();
        }
    }

    /** Stops the writer (what it is writing is finished first) and removes the spill directory. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (spillDirectory != null && Files.isDirectory(spillDirectory)) {
            try (Stream<Path> files = Files.walk(spillDirectory)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (file != null) {
            file.close();
        }
    }
}
