package clusterlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster scripts' answers to bad input, which need no cluster: each one line, and exit status 2. */
class ScriptsTest {
    private static final Path ROOT = Path.of(System.getProperty("clusterlab.root", ".")).toAbsolutePath().normalize();

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        return new Result(p.exitValue(), output);
    }

    private static void assertRefused(String expected, String... command) throws Exception {
        Result r = run(List.of(command));
        assertEquals(2, r.status(), r.output());
        assertEquals(expected + "\n", r.output());
    }

    @Test
    void deployWithoutAJarSaysToRunMakeFirst() throws Exception {
        assertRefused("deploy.sh: no no/such.jar: run make first", "scripts/deploy.sh", "--jar", "no/such.jar");
    }

    @Test
    void aMalformedHostListIsRefusedWithItsLineBeforeAnythingIsSent() throws Exception {
        String list = "src/test/resources/pi-lists/bad-slots.txt";
        String error = list + ":1: 'slots=0' must be slots=N with N from 1 to 64";
        assertRefused(error, "scripts/deploy.sh", "--hosts", list);
        assertRefused(error, "scripts/cluster.sh", "--hosts", list, "status");
    }

    @Test
    void deployRefusesAMissingSecretFileBeforeAnythingIsSent(@TempDir Path dir) throws Exception {
        Path hosts = dir.resolve("pi_list.txt");
        Files.writeString(hosts, "127.0.0.1\n");
        assertRefused("deploy.sh: no secret file /nonexistent: create one with `scripts/clusterlab secret --new`",
                "scripts/deploy.sh", "--secret-file", "/nonexistent", "--hosts", hosts.toString());
    }

    @Test
    void clusterShKnowsItsActions() throws Exception {
        assertRefused("cluster.sh: unknown action 'bogus': start, stop, status or logs (a command to start goes after --)",
                "scripts/cluster.sh", "bogus");
    }

    @Test
    void makePiListChecksItsRangesAndNeverOverwrites(@TempDir Path dir) throws Exception {
        assertRefused("make-pi-list.sh: --subnets: 300 is not an octet (0 to 255, no leading zeros)",
                "scripts/make-pi-list.sh", "--prefix", "192.168", "--subnets", "4-300", "--hosts", "1-3", "--out", "-");
        Path out = dir.resolve("pi_list.txt");
        Files.writeString(out, "10.0.0.1\n");
        Result r = run(List.of("scripts/make-pi-list.sh", "--prefix", "192.168", "--subnets", "4", "--hosts", "1-3", "--out", out.toString()));
        assertTrue(r.status() != 0 && r.output().contains("exists: add --force to overwrite it"), r.output());
        assertEquals("10.0.0.1\n", Files.readString(out), "the existing list is untouched");
        r = run(List.of("scripts/make-pi-list.sh", "--prefix", "192.168", "--subnets", "4", "--hosts", "1-3", "--out", out.toString(), "--force"));
        assertEquals(0, r.status(), r.output());
        List<String> hosts = HostList.read(out).stream().map(HostList.Host::target).toList();
        assertEquals(List.of("192.168.4.1", "192.168.4.2", "192.168.4.3"), hosts);
    }

    @Test
    void theVirtualClusterNeedsRootAndSaysSo() throws Exception {
        boolean root = run(List.of("id", "-u")).output().strip().equals("0");
        List<String> command = root
                ? List.of("runuser", "-u", "nobody", "--", "scripts/virtual-cluster.sh", "up", "2")
                : List.of("scripts/virtual-cluster.sh", "up", "2");
        assertRefused("virtual-cluster.sh: needs root to create network namespaces: run it with sudo", command.toArray(new String[0]));
    }
}
