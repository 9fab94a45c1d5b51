package clusterlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytecode shipping, with classes compiled by the test into a directory that only the test's own
 * class loader knows: a worker process can run them only if their bytecode travelled.
 */
@Timeout(60)
class ShippingTest {
    @TempDir
    static Path dir;
    private static URLClassLoader loader;
    private static JobServer server;

    private static final String HELPER = "package shipped;\n"
            + "public final class Helper { public static int square(int x) { return x * x; } }\n";
    private static final String SQUARE = "package shipped;\n"
            + "public final class Square implements clusterlab.jobs.Task<Square.Answer> {\n"
            + "    public record Answer(int in, int out) implements java.io.Serializable {}\n"
            + "    public Answer run(Object... args) { int x = (Integer) args[0]; return new Answer(x, Helper.square(x)); }\n"
            + "}\n";

    @BeforeAll
    static void compileAndStart() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/shipped"));
        Files.writeString(src.resolve("Helper.java"), HELPER);
        Files.writeString(src.resolve("Square.java"), SQUARE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        String taskClasses = Path.of(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int status = javac.run(null, null, errors, "--release", "17", "-cp", taskClasses,
                "-d", classes.toString(), src.resolve("Helper.java").toString(), src.resolve("Square.java").toString());
        assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ShippingTest.class.getClassLoader());
        server = JobServer.builder().workers(1).log(null).build();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        loader.close();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Task<Object>> square() throws ClassNotFoundException {
        return (Class<? extends Task<Object>>) loader.loadClass("shipped.Square");
    }

    @Test
    void aTaskThatExistsOnlyHereRunsOnAWorkerProcess() throws Exception {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("shipped.Square"), "the test's class path must not have it");
        Job<Object> job = server.job(square()).args(7).depends(loader.loadClass("shipped.Helper")).submit();
        Object answer = job.get();
        assertTrue(job.ranOn().startsWith("local pid "));
        // The result is of the shipped nested record, resolved with the task's own loader here.
        assertEquals("shipped.Square$Answer", answer.getClass().getName());
        assertEquals(loader, answer.getClass().getClassLoader());
        assertEquals("Answer[in=7, out=49]", answer.toString());
    }

    @Test
    void aDependencyNotNamedFailsClearly() throws Exception {
        // A fresh job server: the worker of the other test has Helper already.
        try (JobServer fresh = JobServer.builder().workers(1).log(null).build()) {
            Job<Object> job = fresh.submit(square(), 3);
            JobFailedException e = assertThrows(JobFailedException.class, job::get);
            assertTrue(e.getMessage().matches("job \\d+ \\(shipped\\.Square\\): local pid \\d+ cannot define class shipped\\.Helper: "
                    + "java\\.lang\\.NoClassDefFoundError: shipped/Helper; name the classes your task uses in depends\\(\\.\\.\\.\\)"),
                    e.getMessage());
            assertEquals("Answer[in=2, out=4]", fresh.job(square()).args(2).depends(loader.loadClass("shipped.Helper")).submit()
                    .get().toString(), "once the dependency is named, the same worker runs the task");
        }
    }

    @Test
    void badBytecodeFailsItsJobAndTheWorkerCarriesOn() throws Exception {
        Path classes = dir.resolve("classes");
        // The class loads here from good bytecode, but the loader hands out broken bytes to ship.
        try (URLClassLoader both = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ShippingTest.class.getClassLoader()) {
            @Override
            public java.io.InputStream getResourceAsStream(String name) {
                if (name.equals("shipped/Square.class")) {
                    return new java.io.ByteArrayInputStream(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0});
                }
                return super.getResourceAsStream(name);
            }
        }; JobServer fresh = JobServer.builder().workers(1).log(null).build()) {
            @SuppressWarnings("unchecked")
            Class<? extends Task<Object>> task = (Class<? extends Task<Object>>) both.loadClass("shipped.Square");
            Job<Object> job = fresh.job(task).args(3).depends(both.loadClass("shipped.Helper")).submit();
            JobFailedException e = assertThrows(JobFailedException.class, job::get);
            assertTrue(e.getMessage().matches("job \\d+ \\(shipped\\.Square\\): local pid \\d+ cannot define class shipped\\.Square: "
                    + "java\\.lang\\.ClassFormatError: .*; name the classes your task uses in depends\\(\\.\\.\\.\\)"), e.getMessage());
            assertEquals(9, fresh.submit(Tasks.Echo.class, 9).get(), "the worker survives bad bytecode");
        }
    }
}
