package clusterlab.primes;

import clusterlab.cli.UsageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the output file holds for sure, kept beside it as {@code OUT.ckpt}: the run's range and
 * block size, how many blocks (from the first, in order) are in the file, how many bytes of it
 * they take, and their count and largest prime. It is rewritten after every write to the output
 * has reached the disk, and atomically (a temporary file, forced, then renamed over the old one),
 * so a crash at any moment leaves either the old checkpoint or the new one, never half of one.
 * The output may hold more than the checkpoint says (a block being written when the head died);
 * a resume cuts it back to {@code bytes}.
 *
 * <p>The file is text, {@code key=value} lines, so that a student can read it.
 */
record Checkpoint(PrimeRange range, long blockSize, long blocksWritten, long bytes, long count, long largest) {
    private static final String HEADER = "# clusterlab primes-head checkpoint: the first blocks-written blocks of the range are in the"
            + " output's first bytes bytes";

    /** The checkpoint of output {@code out}: {@code out.ckpt} beside it. */
    static Path pathFor(Path out) {
        return out.resolveSibling(out.getFileName() + ".ckpt");
    }

    /** The checkpoint of a run that has written nothing yet. */
    static Checkpoint empty(PrimeRange range, long blockSize) {
        return new Checkpoint(range, blockSize, 0, 0, 0, 0);
    }

    /** This checkpoint after {@code blocks} more blocks, of {@code addedBytes} bytes and {@code primes} primes. */
    Checkpoint plus(long blocks, long addedBytes, long primes, long largestPrime) {
        return new Checkpoint(range, blockSize, blocksWritten + blocks, bytes + addedBytes, count + primes,
                primes > 0 ? Math.max(largest, largestPrime) : largest);
    }

    /** How many numbers of the range the written blocks cover. */
    long numbers() {
        return blocksWritten == 0 ? 0 : range.block(blocksWritten - 1, blockSize).to() - range.from() + 1;
    }

    /** Writes the checkpoint to {@code path} atomically: temp file, force, rename. */
    void write(Path path) throws IOException {
        String text = HEADER + "\nrange=" + range + "\nblock=" + blockSize + "\nblocks-written=" + blocksWritten
                + "\nbytes=" + bytes + "\ncount=" + count + "\nlargest=" + largest + "\n";
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The checkpoint at {@code path}, or null if there is none. A damaged one is a usage error saying so. */
    static Checkpoint read(Path path, String command) throws IOException, UsageException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        try {
            PrimeRange range = PrimeRange.parse(require(values, "range"), command);
            Checkpoint c = new Checkpoint(range, number(values, "block"), number(values, "blocks-written"),
                    number(values, "bytes"), number(values, "count"), number(values, "largest"));
            if (c.blockSize < 1 || c.blocksWritten < 0 || c.blocksWritten > range.blockCount(c.blockSize) || c.bytes < 0
                    || c.count < 0) {
                throw new NumberFormatException("a value is out of its range");
            }
            return c;
        } catch (NumberFormatException | UsageException e) {
            throw new UsageException("clusterlab " + command + ": checkpoint " + path + " is damaged (" + e.getMessage()
                    + "); delete it and its output to start again");
        }
    }

    private static String require(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new NumberFormatException("no " + key + "= line");
        }
        return value;
    }

    private static long number(Map<String, String> values, String key) {
        String value = require(values, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new NumberFormatException(key + "=" + value + " is not a whole number");
        }
    }
}
