package clusterlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java reader and the bash reader (scripts/lib/pi-list.sh) against the same sample files:
 * each NAME.txt in src/test/resources/pi-lists has NAME.expected, one "TARGET SLOTS" line per host,
 * or "error: LINE: message" for a list that must be refused.
 */
class HostListTest {
    private static final Path ROOT = Path.of(System.getProperty("clusterlab.root", ".")).toAbsolutePath().normalize();
    private static final Path SAMPLES = ROOT.resolve("src/test/resources/pi-lists");

    private static List<Path> samples() throws Exception {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
    }

    private static List<String> expected(Path sample) throws Exception {
        Path file = Path.of(sample.toString().replaceFirst("\\.txt$", ".expected"));
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicTest> javaReaderGivesTheExpectedHosts() throws Exception {
        return samples().stream().map(sample -> DynamicTest.dynamicTest("java " + sample.getFileName(), () -> {
            List<String> got = new ArrayList<>();
            try {
                for (HostList.Host h : HostList.read(sample)) {
                    got.add(h.target() + " " + h.slots());
                }
            } catch (HostList.Error e) {
                got.add(e.getMessage().replace(sample + ":", "error: "));
            }
            assertEquals(expected(sample), got);
        }));
    }

    @TestFactory
    Stream<DynamicTest> bashReaderGivesTheSameHosts() throws Exception {
        return samples().stream().map(sample -> DynamicTest.dynamicTest("bash " + sample.getFileName(), () -> {
            Process p = new ProcessBuilder("bash", ROOT.resolve("scripts/lib/pi-list.sh").toString(), sample.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("pi-list.sh did not finish");
            }
            List<String> got = output.lines().map(l -> l.replace(sample + ":", "error: ")).toList();
            List<String> want = expected(sample);
            assertEquals(want, got);
            assertEquals(want.stream().anyMatch(l -> l.startsWith("error: ")) ? 2 : 0, p.exitValue(), output);
        }));
    }

    @TestFactory
    Stream<DynamicTest> theShippedListsAreValid() {
        return Stream.of("pi_list.txt").map(name -> DynamicTest.dynamicTest(name, () -> HostList.read(ROOT.resolve(name))));
    }
}
