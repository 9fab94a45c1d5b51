package clusterlab.lessons;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the lessons true: runs every command of every {@code ```console} block in lessons/NN-x/README.md
 * from the repository root, and compares what it prints with what the page shows (see
 * {@link LessonPage} for the block format and {@link OutputMatcher} for what may vary).
 */
class LessonPagesTest {
    private static final Path ROOT = Path.of(System.getProperty("clusterlab.root", ".")).toAbsolutePath().normalize();
    private static final long COMMAND_SECONDS = 120;
    private static final long BACKGROUND_SECONDS = 20;

    @TestFactory
    Stream<DynamicTest> everyLessonPageRunsAsShown() throws IOException {
        List<Path> pages;
        try (Stream<Path> dirs = Files.list(ROOT.resolve("lessons"))) {
            pages = dirs.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(!pages.isEmpty(), "no lesson pages under " + ROOT.resolve("lessons"));
        return pages.stream().map(p -> DynamicTest.dynamicTest(ROOT.relativize(p).toString(), () -> run(p)));
    }

    /** A command left running, the lines it printed, and how many of them the page has shown. */
    private static final class Background {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        int shown;

        Background(Process process) {
            this.process = process;
            collect(process, lines);
        }
    }

    private static void run(Path page) throws Exception {
        List<LessonPage.Block> blocks = LessonPage.parse(page);
        Map<String, String> ports = freePorts(blocks);
        Map<String, Background> named = new LinkedHashMap<>();
        List<Background> background = new ArrayList<>();
        try {
            for (LessonPage.Block block : blocks) {
                for (LessonPage.Step step : block.steps()) {
                    String where = ROOT.relativize(page) + ":" + step.line();
                    List<String> expected = step.expected().stream().map(l -> swap(l, ports)).toList();
                    if (block.output() != null) {
                        Background b = named.get(block.output());
                        if (b == null) {
                            fail(where + ": no background block is named " + block.output());
                        }
                        awaitOutput(where, "(what " + block.output() + " printed)", b, expected);
                        continue;
                    }
                    String command = swap(step.command(), ports);
                    if (block.background()) {
                        Background b = new Background(start(command));
                        background.add(b);
                        if (block.name() != null) {
                            named.put(block.name(), b);
                        }
                        awaitOutput(where, command + "   (in the background)", b, expected);
                    } else {
                        runAndCompare(where, command, expected);
                    }
                }
            }
        } finally {
            for (Background b : background) {
                // SIGTERM, as Ctrl-C would, to the command's processes: servers print their totals and exit.
                b.process.descendants().forEach(ProcessHandle::destroy);
                b.process.destroy();
                if (!b.process.waitFor(10, TimeUnit.SECONDS)) {
                    b.process.descendants().forEach(ProcessHandle::destroyForcibly);
                    b.process.destroyForcibly();
                }
            }
        }
    }

    /** A free port for each port number the page lists, so a page never collides with a running server. */
    private static Map<String, String> freePorts(List<LessonPage.Block> blocks) throws IOException {
        Map<String, String> ports = new LinkedHashMap<>();
        for (LessonPage.Block block : blocks) {
            for (String port : block.ports()) {
                if (!ports.containsKey(port)) {
                    try (ServerSocket s = new ServerSocket(0)) {
                        ports.put(port, String.valueOf(s.getLocalPort()));
                    }
                }
            }
        }
        return ports;
    }

    private static String swap(String text, Map<String, String> ports) {
        for (Map.Entry<String, String> e : ports.entrySet()) {
            text = text.replaceAll("\\b" + e.getKey() + "\\b", e.getValue());
        }
        return text;
    }

    private static Process start(String command) throws IOException {
        return new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    }

    private static void runAndCompare(String where, String command, List<String> expected) throws Exception {
        Process p = start(command);
        p.getOutputStream().close();
        List<String> actual = new CopyOnWriteArrayList<>();
        Thread reader = collect(p, actual);
        if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(where + ": `" + command + "` still running after " + COMMAND_SECONDS + " s; it printed:\n" + String.join("\n", actual));
        }
        reader.join(5_000);
        if (!OutputMatcher.matches(expected, actual)) {
            fail(difference(where, command, expected, actual));
        }
    }

    /** Waits until the lines a background process printed since last shown begin as the page shows. */
    private static void awaitOutput(String where, String what, Background b, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BACKGROUND_SECONDS);
        boolean ended = false;
        while (true) {
            List<String> fresh = List.copyOf(b.lines.subList(b.shown, b.lines.size()));
            int covered = OutputMatcher.matchesStart(expected, fresh);
            if (covered >= 0) {
                b.shown += covered;
                return;
            }
            if (ended || System.nanoTime() > deadline) {
                fail(difference(where, what, expected, fresh));
            }
            ended = !b.process.isAlive(); // one more look, for lines still on their way
            Thread.sleep(ended ? 200 : 20);
        }
    }

    private static Thread collect(Process p, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process ended; what it printed so far is in the list.
            }
        }, "lesson-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String difference(String where, String command, List<String> expected, List<String> actual) {
        return where + ": the output of `" + command + "` differs from the page.\n--- the page shows:\n"
                + String.join("\n", expected) + "\n--- the command printed:\n" + String.join("\n", actual);
    }
}
