package lesson05;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Exercise (c): opening a FIFO for reading BLOCKS until some process opens it for writing, and
 * a thread blocked in open(2) cannot be interrupted. This helper waits for a writer, but not for
 * ever.
 */
public final class OpenOrder {
    private OpenOrder() {
    }

    /**
     * (c) Opens {@code fifo} for reading, giving up after {@code timeout}. Returns the open stream
     * when a writer opened the FIFO in time, or null when none did.
     * <ol>
     *   <li>Open the read end on a thread of your own (e.g. {@code new FileInputStream(fifo.toFile())}),
     *       and wait for that thread at most {@code timeout}.</li>
     *   <li>It opened: return its stream.</li>
     *   <li>It did not: the thread is still stuck in open, holding a read end that any later writer
     *       would meet. Release it by becoming a writer yourself, without blocking: on Linux,
     *       opening a FIFO for reading AND writing ({@code FileChannel.open(fifo, READ, WRITE)})
     *       never blocks. Then close both ends and return null.</li>
     * </ol>
     */
    public static InputStream openReadEnd(Path fifo, Duration timeout) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("exercise: open in a thread, wait at most the timeout, release it");
    }
}
