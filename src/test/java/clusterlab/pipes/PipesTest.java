package clusterlab.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import clusterlab.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pipe-write and pipe-read as a user runs them: in separate JVMs that share nothing but the path of
 * the named pipe. A blocking open cannot hang the tests: every process is waited for with a time
 * limit and destroyed after the test.
 */
class PipesTest {
    private static final long LIMIT_SECONDS = 30;
    private static final Pattern LINE = Pattern.compile("reader pid (\\d+) got from writer pid (\\d+): (.*)");

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();
    private int processes;

    @AfterEach
    void destroyLeftovers() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWriterAndAReaderInTwoJvmsExchangeThreeMessages() throws Exception {
        Path fifo = tmp.resolve("fifo");
        // The writer first: it creates the FIFO, then waits in open() until a reader comes.
        Run writer = start("pipe-write", "--pipe", fifo.toString(), "one", "two", "three words");
        Thread.sleep(500);
        assertTrue(writer.process.isAlive(), "with no reader yet, the writer is still waiting in open()");
        Run reader = start("pipe-read", "--pipe", fifo.toString());

        assertEquals(0, writer.finish(), writer.describe());
        assertEquals(0, reader.finish(), reader.describe());
        List<String[]> got = messages(reader.out());
        assertEquals(3, got.size(), reader.describe());
        assertEquals(List.of("one", "two", "three words"), got.stream().map(m -> m[2]).toList());
        for (String[] m : got) {
            assertEquals(String.valueOf(reader.process.pid()), m[0], "the reader prints its own pid");
            assertEquals(String.valueOf(writer.process.pid()), m[1], "the reader prints the writer's pid");
            assertNotEquals(m[0], m[1], "two processes, two pids");
        }
        assertTrue(reader.out().contains("end of file, every writer has closed"), reader.describe());
        assertTrue(writer.out().contains("writer pid " + writer.process.pid() + " sent 3 messages"), writer.describe());
        assertTrue(NamedPipe.isFifo(fifo));
    }

    @Test
    void twoWritersMessagesAllArriveWhole() throws Exception {
        Path fifo = tmp.resolve("shared");
        int each = 40;
        Run reader = start("pipe-read", "--pipe", fifo.toString(), "--count", String.valueOf(2 * each));
        waitForFifo(fifo, reader);
        // Near PIPE_BUF: if a frame were split, another writer's bytes would land inside it.
        Run a = start(messagesArgs(fifo, 'a', each));
        Run b = start(messagesArgs(fifo, 'b', each));
        assertEquals(0, reader.finish(), reader.describe());
        assertEquals(0, a.finish(), a.describe());
        assertEquals(0, b.finish(), b.describe());

        Map<String, List<String>> byWriter = new HashMap<>();
        for (String[] m : messages(reader.out())) {
            byWriter.computeIfAbsent(m[1], k -> new ArrayList<>()).add(m[2]);
        }
        assertEquals(2, byWriter.size(), "two writers: " + byWriter.keySet());
        for (Run w : List.of(a, b)) {
            List<String> texts = byWriter.get(String.valueOf(w.process.pid()));
            char letter = texts.get(0).charAt(0);
            assertEquals(expectedTexts(letter, each), texts, "every message whole, and in its writer's order");
        }
    }

    @Test
    void aReaderWithCountStopsAfterThatMany() throws Exception {
        Path fifo = tmp.resolve("counted");
        Run reader = start("pipe-read", "--pipe", fifo.toString(), "--count", "2");
        Run writer = start("pipe-write", "--pipe", fifo.toString(), "m1", "m2", "m3", "m4", "m5");
        assertEquals(0, reader.finish(), reader.describe());
        assertEquals(List.of("m1", "m2"), messages(reader.out()).stream().map(m -> m[2]).toList());
        // The writer either got all five into the pipe's buffer before the reader left, or met EPIPE.
        int status = writer.finish();
        assertTrue(status == 0 || status == 1 && writer.err().contains("the reader closed"), writer.describe());
    }

    @Test
    void aRegularFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain.txt"), "not a pipe");
        for (String command : List.of("pipe-read", "pipe-write")) {
            CommandLine cl = new CommandLine();
            assertEquals(2, cl.run(command, "--pipe", file.toString()));
            assertEquals("clusterlab " + command + ": " + file + " exists and is not a named pipe\n", cl.err());
        }
    }

    @Test
    void aMissingDirectoryIsReported() {
        Path fifo = tmp.resolve("no-such-dir").resolve("fifo");
        CommandLine cl = new CommandLine();
        assertEquals(2, cl.run("pipe-read", "--pipe", fifo.toString()));
        assertEquals("clusterlab pipe-read: directory " + fifo.getParent() + " does not exist (for the named pipe "
                + fifo + ")\n", cl.err());
    }

    @Test
    void aMissingPipeIsMadeWithMkfifoAndAnExistingOneIsKept() throws Exception {
        Path fifo = tmp.resolve("made");
        NamedPipe.ensure(fifo, "pipe-read");
        assertTrue(NamedPipe.isFifo(fifo), "mkfifo made a FIFO");
        assertTrue(Files.getAttribute(fifo, "unix:mode") instanceof Integer mode && (mode & 0777) == 0600,
                "only its owner may open it");
        NamedPipe.ensure(fifo, "pipe-write"); // already there: nothing to do, no error
        assertTrue(NamedPipe.isFifo(fifo));
        assertTrue(!NamedPipe.isFifo(Files.writeString(tmp.resolve("file"), "x")));
    }

    @Test
    void aMessageOverPipeBufIsRefusedBeforeAnythingIsOpened() {
        CommandLine cl = new CommandLine();
        String big = "x".repeat(PipeMessage.MAX_FRAME);
        assertEquals(2, cl.run("pipe-write", "--pipe", tmp.resolve("fifo").toString(), "small", big));
        assertTrue(cl.err().contains("over 4096 (PIPE_BUF)"), cl.err());
        assertTrue(!Files.exists(tmp.resolve("fifo")), "refused before the pipe was even made");
    }

    @Test
    void theLargestMessageFitsInOneFrameOfPipeBuf() throws Exception {
        String prefix = "{\"pid\":123,\"text\":\"\"}";
        String text = "é".repeat((PipeMessage.MAX_FRAME - 4 - prefix.length()) / 2);
        byte[] frame = new PipeMessage(123, text).frame();
        assertTrue(frame.length <= PipeMessage.MAX_FRAME);
        PipeMessage back = PipeMessage.decode(java.util.Arrays.copyOfRange(frame, 4, frame.length));
        assertEquals(new PipeMessage(123, text), back);
    }

    @Test
    void theCountMustBePositiveAndThePipeGiven() {
        CommandLine cl = new CommandLine();
        assertEquals(2, cl.run("pipe-read", "--count", "3"));
        assertTrue(cl.err().startsWith("clusterlab pipe-read: option --pipe is required"), cl.err());
        cl.reset();
        assertEquals(2, cl.run("pipe-read", "--pipe", tmp.resolve("p").toString(), "--count", "0"));
        assertTrue(cl.err().contains("--count must be a whole number from 1"), cl.err());
    }

    // ---------------------------------------------------------------- helpers

    /** Runs clusterlab commands in this JVM and keeps what they print (for the checks that never open). */
    private static final class CommandLine {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        int run(String... argv) {
            return Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        void reset() {
            out.reset();
            err.reset();
        }
    }

    private static String[] messagesArgs(Path fifo, char letter, int count) {
        List<String> args = new ArrayList<>(List.of("pipe-write", "--pipe", fifo.toString()));
        args.addAll(expectedTexts(letter, count));
        return args.toArray(String[]::new);
    }

    /** Messages of about 4,000 bytes, each numbered and filled with the writer's letter. */
    private static List<String> expectedTexts(char letter, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(letter + String.format("%03d", i) + String.valueOf(letter).repeat(4000));
        }
        return texts;
    }

    /** [reader pid, writer pid, text] of each message line. */
    private static List<String[]> messages(String out) {
        List<String[]> got = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                got.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        return got;
    }

    private static void waitForFifo(Path fifo, Run run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!Files.exists(fifo)) {
            if (System.nanoTime() > deadline || !run.process.isAlive()) {
                fail("the FIFO was not made: " + run.describe());
            }
            Thread.sleep(20);
        }
    }

    /** Starts `clusterlab ARGS...` in a JVM of its own. */
    private Run start(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classes,
                "clusterlab.Main"));
        cmd.addAll(List.of(args));
        int n = ++processes;
        Path out = tmp.resolve("process-" + n + ".out");
        Path err = tmp.resolve("process-" + n + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        started.add(p);
        return new Run(String.join(" ", args).replaceAll("(.{200}).*", "$1..."), p, out, err);
    }

    private record Run(String what, Process process, Path outFile, Path errFile) {
        /** Waits for the process, at most LIMIT_SECONDS, and returns its exit status. */
        int finish() throws Exception {
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("still running after " + LIMIT_SECONDS + " s (blocked in open?): " + describe());
            }
            return process.exitValue();
        }

        String out() throws Exception {
            return Files.readString(outFile, StandardCharsets.UTF_8);
        }

        String err() throws Exception {
            return Files.readString(errFile, StandardCharsets.UTF_8);
        }

        String describe() {
            try {
                String o = out();
                return "clusterlab " + what + "\n-- out:\n" + (o.length() > 2000 ? o.substring(0, 2000) + "..." : o)
                        + "\n-- err:\n" + err();
            } catch (Exception e) {
                return "clusterlab " + what + " (output unreadable: " + e + ")";
            }
        }
    }
}
