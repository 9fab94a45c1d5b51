package lesson05;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Exercise (c), a reference answer. */
public final class OpenOrder {
    private OpenOrder() {
    }

    public static InputStream openReadEnd(Path fifo, Duration timeout) throws IOException, InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread opener = new Thread(() -> {
            try {
                result.set(new FileInputStream(fifo.toFile())); // blocks until a writer opens
            } catch (IOException e) {
                result.set(e);
            }
        }, "open " + fifo);
        opener.setDaemon(true);
        opener.start();
        opener.join(timeout.toMillis());
        if (opener.isAlive()) {
            // No writer came. Become one for a moment, so that the thread's open returns: on Linux a
            // FIFO opened for reading and writing never blocks (POSIX leaves that case undefined).
            // (A real writer arriving in this same instant is turned away too: it sees the pipe closed.)
            FileChannel release = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                opener.join();
            } finally {
                release.close();
            }
            if (result.get() instanceof InputStream stream) {
                stream.close();
            }
            return null;
        }
        if (result.get() instanceof IOException e) {
            throw e;
        }
        return (InputStream) result.get();
    }
}
