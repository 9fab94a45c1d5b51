package clusterlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the exercises honest: for every lesson with a checker (lessons/NN-x/check/), the reference
 * answers must pass it and the starter files must compile and fail it. Both run through
 * scripts/check-lesson.sh, as a student would.
 */
class LessonExercisesTest {
    private static final Path ROOT = Path.of(System.getProperty("clusterlab.root", ".")).toAbsolutePath().normalize();
    private static final long SCRIPT_SECONDS = 120;

    @TestFactory
    Stream<DynamicTest> everyLessonCheckerAcceptsTheSolutionsAndRejectsTheStarters() throws IOException {
        Path script = ROOT.resolve("scripts/check-lesson.sh");
        assertTrue(Files.isExecutable(script), script + " not found or not executable (set -Dclusterlab.root)");
        List<Path> lessons;
        try (Stream<Path> dirs = Files.list(ROOT.resolve("lessons"))) {
            lessons = dirs.filter(d -> Files.isDirectory(d.resolve("check"))).sorted().toList();
        }
        return lessons.stream().flatMap(lesson -> {
            String nn = lesson.getFileName().toString().split("-", 2)[0];
            return Stream.of(
                    DynamicTest.dynamicTest(nn + " solutions pass their checker", () -> solutionsPass(lesson, nn)),
                    DynamicTest.dynamicTest(nn + " starters compile and fail their checker", () -> startersFail(nn)));
        });
    }

    private static void solutionsPass(Path lesson, String nn) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(lesson.resolve("solutions")),
                "no solutions in this copy (a student handout)");
        Result r = checkLesson(nn, "solutions");
        assertEquals(0, r.status, "scripts/check-lesson.sh " + nn + " solutions should pass every check:\n" + r.output);
    }

    private static void startersFail(String nn) throws Exception {
        Result r = checkLesson(nn, "exercises");
        if (r.status == 3) {
            fail("the starter files of lesson " + nn + " do not compile with their checker:\n" + r.output);
        }
        assertEquals(1, r.status, "scripts/check-lesson.sh " + nn + " exercises should compile and fail:\n" + r.output);
        assertTrue(r.output.contains("lesson " + nn + " (exercises): "), "no summary line:\n" + r.output);
    }

    /** The script's output; bytes that are not UTF-8 (a program may print anything) become U+FFFD. */
    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    private record Result(int status, String output) {
    }

    /** Runs scripts/check-lesson.sh NN WORK from the repository root, within the time limit. */
    private static Result checkLesson(String nn, String work) throws IOException, InterruptedException {
        Path log = Files.createTempFile("check-lesson-" + nn + "-" + work, ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("scripts/check-lesson.sh").toString(), nn, work)
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            String junit = System.getProperty("clusterlab.junit");
            if (junit != null && !junit.isEmpty()) {
                pb.environment().put("JUNIT", Path.of(junit).toAbsolutePath().toString());
            }
            Process p = pb.start();
            if (!p.waitFor(SCRIPT_SECONDS, TimeUnit.SECONDS)) {
                // The script runs javac and java as children: stop them too.
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                fail("scripts/check-lesson.sh " + nn + " " + work + " did not finish within " + SCRIPT_SECONDS
                        + " s:\n" + read(log));
            }
            return new Result(p.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
