package lesson05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker of lesson 05: named pipes in a temporary directory. Every check gives up after 10
 * seconds, so an open that blocks for ever fails the check instead of hanging it.
 */
@DisplayName("Lesson 05: named pipes")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson05Check {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    // ---- (a) Fifo.make ----

    @Test
    @DisplayName("(a) make: creates a named pipe where there was nothing")
    void makesAFifo() {
        within(() -> {
            Path fifo = tmp.resolve("fifo");
            Fifo.make(fifo);
            assertTrue(isFifo(fifo), fifo + " should be a FIFO (run mkfifo with a ProcessBuilder)");
        });
    }

    @Test
    @DisplayName("(a) make: an existing named pipe is kept, without error")
    void keepsAnExistingFifo() {
        within(() -> {
            Path fifo = tmp.resolve("fifo");
            mkfifo(fifo);
            assertDoesNotThrow(() -> Fifo.make(fifo), "the other side may have made it first: that is fine");
            assertTrue(isFifo(fifo));
        });
    }

    @Test
    @DisplayName("(a) make: a regular file is refused with a clear message, and left alone")
    void refusesARegularFile() {
        within(() -> {
            Path file = Files.writeString(tmp.resolve("notes.txt"), "keep me");
            IOException e = assertThrows(IOException.class, () -> Fifo.make(file));
            assertEquals(file + " exists and is not a named pipe", e.getMessage());
            assertEquals("keep me", Files.readString(file), "the file must not be touched");
        });
    }

    @Test
    @DisplayName("(a) make: mkfifo's failure (missing directory) is an IOException naming the path")
    void reportsMkfifoFailure() {
        within(() -> {
            Path fifo = tmp.resolve("no-such-directory").resolve("fifo");
            IOException e = assertThrows(IOException.class, () -> Fifo.make(fifo),
                    "mkfifo exits with status 1 here: say so with an IOException");
            assertTrue(String.valueOf(e.getMessage()).contains(fifo.toString()),
                    "the message should name the path: " + e.getMessage());
        });
    }

    // ---- (b) PidMessage ----

    @Test
    @DisplayName("(b) encode: 8 bytes of pid, big-endian, then the UTF-8 text")
    void encodesTheLayout() {
        within(() -> {
            byte[] payload = PidMessage.encode(0x0102030405060708L, "hé");
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 'h', (byte) 0xC3, (byte) 0xA9}, payload);
        });
    }

    @Test
    @DisplayName("(b) decode(encode(...)) gives the same pid and text back")
    void roundTrips() {
        within(() -> {
            for (long pid : new long[] {1, 4242, Long.MAX_VALUE}) {
                for (String text : new String[] {"", "hello from pid " + pid, "naïve ∑ 🙂", "x".repeat(PidMessage.MAX_PAYLOAD - 8)}) {
                    assertEquals(new PidMessage(pid, text), PidMessage.decode(PidMessage.encode(pid, text)),
                            "pid " + pid + ", text of " + text.length() + " chars");
                }
            }
        });
    }

    @Test
    @DisplayName("(b) encode: refuses a payload whose frame would be over PIPE_BUF (4096 bytes)")
    void refusesOverPipeBuf() {
        within(() -> {
            assertEquals(PidMessage.MAX_PAYLOAD, PidMessage.encode(1, "x".repeat(PidMessage.MAX_PAYLOAD - 8)).length,
                    "4 + 4092 = 4096 bytes: the largest frame that is still one atomic write");
            assertThrows(IllegalArgumentException.class, () -> PidMessage.encode(1, "x".repeat(PidMessage.MAX_PAYLOAD - 7)),
                    "one byte more must be refused");
            assertThrows(IllegalArgumentException.class, () -> PidMessage.encode(1, "é".repeat(2100)),
                    "2100 characters, but 4200 bytes in UTF-8: count bytes");
            assertThrows(IllegalArgumentException.class, () -> PidMessage.decode(new byte[7]),
                    "7 bytes cannot hold the pid");
        });
    }

    // ---- (c) OpenOrder.openReadEnd ----

    @Test
    @DisplayName("(c) openReadEnd: no writer comes, so null after the timeout")
    void givesUpWithoutAWriter() {
        within(() -> {
            Path fifo = tmp.resolve("lonely");
            mkfifo(fifo);
            long start = System.nanoTime();
            InputStream in = OpenOrder.openReadEnd(fifo, Duration.ofMillis(300));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertNull(in, "no process opened the FIFO for writing: return null");
            assertTrue(millis >= 250, "returned after " + millis + " ms: wait for the whole timeout");
            assertTrue(millis < 3000, "returned after " + millis + " ms: do not wait much longer than the timeout");
        });
    }

    @Test
    @DisplayName("(c) openReadEnd: a writer comes in time, and its bytes can be read")
    void opensWhenAWriterComes() {
        within(() -> {
            Path fifo = tmp.resolve("meeting");
            mkfifo(fifo);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(200);
                    try (OutputStream out = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
                        out.write("hi".getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException | InterruptedException e) {
                    throw new RuntimeException(e);
                }
            });
            try (InputStream in = OpenOrder.openReadEnd(fifo, Duration.ofSeconds(5))) {
                assertNotNull(in, "the checker opened the FIFO for writing after 200 ms: return the read end");
                assertEquals("hi", readToEnd(in));
                writer.get(5, TimeUnit.SECONDS);
            } finally {
                release(fifo, writer);
            }
        });
    }

    @Test
    @DisplayName("(c) openReadEnd: after giving up, no read end is left waiting for the next writer")
    void leavesNoReaderBehind() {
        within(() -> {
            Path fifo = tmp.resolve("after");
            mkfifo(fifo);
            assertNull(OpenOrder.openReadEnd(fifo, Duration.ofMillis(200)));
            // With no reader, opening for writing must block. If it does not, a read end is still open
            // (the thread blocked in open would take this writer's bytes and nobody would read them).
            CompletableFuture<FileChannel> writer = CompletableFuture.supplyAsync(() -> {
                try {
                    return FileChannel.open(fifo, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            boolean blocked;
            try {
                writer.get(500, TimeUnit.MILLISECONDS).close();
                blocked = false;
            } catch (TimeoutException e) {
                blocked = true;
                release(fifo, writer);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
            assertTrue(blocked, "a writer found a reader although openReadEnd had returned null: the thread"
                    + " stuck in open is still there; release it (see the steps in OpenOrder)");
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                            .anyMatch(t -> t.getName().contains(fifo.toString()) && t.isAlive()),
                    "a thread named after the FIFO is still alive");
        });
    }

    // ---- helpers ----

    private static void within(Executable check) {
        assertTimeoutPreemptively(LIMIT, check, "gave up after 10 s: is something blocked in open?");
    }

    /**
     * Releases a writer of the checker's that may still be blocked in open, so that no thread is left
     * behind: opening a FIFO for reading and writing at once never blocks on Linux.
     */
    private static void release(Path fifo, CompletableFuture<?> writer) throws Exception {
        if (writer.isDone()) {
            return;
        }
        FileChannel release = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Object opened = writer.get(5, TimeUnit.SECONDS);
            if (opened instanceof FileChannel channel) {
                channel.close();
            }
        } finally {
            release.close();
        }
    }

    /**
     * Everything until end of file. Not readAllBytes: JDK 17's FileInputStream.readAllBytes asks the
     * file's position, and a pipe has none ("Illegal seek").
     */
    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isFifo(Path path) throws IOException {
        return Files.exists(path) && ((Integer) Files.getAttribute(path, "unix:mode") & 0170000) == 0010000;
    }

    /** The checker's own mkfifo, so that (c) does not depend on (a). */
    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", "--", path.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed: " + said);
    }

}
