package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clusterlab.CommandLine;
import java.awt.GraphicsEnvironment;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** primes-head and primes-worker from the command line: a whole run, --verify, and every kind of bad input. */
class CommandsTest {
    private final CommandLine cli = new CommandLine();

    @TempDir
    Path dir;

    /** Runs the command, expects {@code status} and exactly one line on stderr, and returns it. */
    private String oneLineError(int status, String... argv) {
        cli.reset();
        assertEquals(status, cli.run(argv), cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
        return cli.err().strip();
    }

    @Test
    void aRunWithLocalWorkersWritesAFileThatVerifies() throws Exception {
        Path out = dir.resolve("p.txt");
        assertEquals(0, cli.run("primes-head", "--range", "1:1000000", "--block", "100000", "--host", "127.0.0.1", "--port", "0",
                "--local", "2", "--out", out.toString(), "--view", "none"), cli.err());
        assertTrue(cli.out().startsWith("range 1:1000000: 78498 primes, the largest 999983\n10 of 10 blocks of 100000 numbers in "),
                cli.out());
        assertTrue(cli.out().contains("\nlocal "), cli.out());
        assertTrue(cli.err().contains("worker local joined from 127.0.0.1 with 2 threads"), cli.err());
        cli.reset();
        assertEquals(0, cli.run("primes-head", "--range", "1:1000000", "--verify", out.toString()), cli.err());
        assertEquals(out + ": 78498 primes of 1:1000000, ascending, each once, all prime, none missing; the largest 999983\n",
                cli.out());
    }

    @Test
    void badRangesAndOptionsAreOneLineAndStatus2() {
        assertEquals("clusterlab primes-head: --range 10:5 is empty: MIN 10 is larger than MAX 5 (expected MIN:MAX with whole"
                + " numbers from 0 to 9223372036854775807, such as 1:1000000000)", oneLineError(2, "primes-head", "--range", "10:5"));
        assertTrue(oneLineError(2, "primes-head", "--range", "one:ten").startsWith(
                "clusterlab primes-head: --range MIN 'one' in 'one:ten' is not a whole number"));
        assertEquals("clusterlab primes-head: --block must be a whole number from 1 to 1000000000, not '0'",
                oneLineError(2, "primes-head", "--block", "0"));
        assertEquals("clusterlab primes-head: --check must be a whole number from 0 to 1000000, or all, not 'some'",
                oneLineError(2, "primes-head", "--check", "some"));
        assertEquals("clusterlab primes-head: --view must be swing, web, terminal or none, not 'fancy'",
                oneLineError(2, "primes-head", "--range", "1:10", "--port", "0", "--view", "fancy"));
        assertEquals("clusterlab primes-head: --backlog must be a whole number from 1 to 65535, not '0'",
                oneLineError(2, "primes-head", "--range", "1:10", "--port", "0", "--backlog", "0"));
        assertEquals("clusterlab primes-head: --backlog must be a whole number from 1 to 65535, not '-50'",
                oneLineError(2, "primes-head", "--range", "1:10", "--port", "0", "--backlog", "-50"));
        assertEquals("clusterlab primes-head: --out /nonexistent/dir/p.txt: the directory /nonexistent/dir does not exist",
                oneLineError(2, "primes-head", "--range", "1:10", "--port", "0", "--out", "/nonexistent/dir/p.txt"));
        assertEquals("clusterlab primes-head: --paused needs --view swing or --view web, whose Start button starts the run;"
                + " with --view none nothing would",
                oneLineError(2, "primes-head", "--range", "1:10", "--port", "0", "--view", "none", "--paused"));
        assertEquals("clusterlab primes-worker: --head HOST[:PORT] is required", oneLineError(2, "primes-worker"));
        assertEquals("clusterlab primes-worker: --head must be HOST or HOST:PORT with a port from 1 to 65535, not 'pi:99999'",
                oneLineError(2, "primes-worker", "--head", "pi:99999"));
        assertEquals("clusterlab primes-worker: --threads must be a whole number from 1 to 1024, not '0'",
                oneLineError(2, "primes-worker", "--head", "127.0.0.1", "--threads", "0"));
    }

    @Test
    void aWindowWithNoDisplayIsOneLineAndStatus2() {
        assumeTrue(GraphicsEnvironment.isHeadless(), "this machine has a display");
        assertTrue(oneLineError(2, "primes-head", "--range", "1:10", "--port", "0", "--view", "swing").startsWith(
                "clusterlab primes-head: --view swing needs a display and there is none"));
    }

    @Test
    void theArticlesBacklogIsAccepted() {
        assertEquals(0, cli.run("primes-head", "--range", "1:1000", "--block", "100", "--host", "127.0.0.1", "--port", "0",
                "--local", "1", "--backlog", "50", "--view", "none"), cli.err());
        assertTrue(cli.out().startsWith("range 1:1000: 168 primes, the largest 997\n"), cli.out());
    }

    @Test
    void anOutputOfAnotherRangeIsStatus2() throws Exception {
        Path out = dir.resolve("p.txt");
        assertEquals(0, cli.run("primes-head", "--range", "1:1000", "--block", "100", "--host", "127.0.0.1", "--port", "0",
                "--local", "1", "--out", out.toString(), "--view", "none"), cli.err());
        assertTrue(oneLineError(2, "primes-head", "--range", "1:2000", "--block", "100", "--host", "127.0.0.1", "--port", "0",
                "--out", out.toString(), "--view", "none").startsWith("clusterlab primes-head: " + out + " holds a run of --range 1:1000"));
    }

    @Test
    void aWorkerWithNoHeadGivesUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(1, cli.run("primes-worker", "--head", "127.0.0.1:" + port, "--threads", "1", "--give-up", "1s"));
        assertTrue(cli.out().contains("giving up, no head at 127.0.0.1:" + port), cli.out());
    }

    private String verifyError(String range, String content) throws Exception {
        Path file = dir.resolve("check.txt");
        Files.writeString(file, content);
        return oneLineError(1, "primes-head", "--range", range, "--verify", file.toString())
                .replace("clusterlab primes-head: " + file, "FILE");
    }

    @Test
    void verifyNamesTheFirstFault() throws Exception {
        assertEquals("FILE line 3: 4 is not prime", verifyError("1:10", "2\n3\n4\n"));
        assertEquals("FILE line 2: the prime 3 is missing before 5", verifyError("1:10", "2\n5\n7\n"));
        assertEquals("FILE line 3: 3 appears twice", verifyError("1:10", "2\n3\n3\n"));
        assertEquals("FILE line 4: 3 comes after 5: not in ascending order", verifyError("1:10", "2\n3\n5\n3\n"));
        assertEquals("FILE line 5: 11 is outside the range 1:10", verifyError("1:10", "2\n3\n5\n7\n11\n"));
        assertEquals("FILE line 2: 'x7' is not a whole number from 0 to 9223372036854775807", verifyError("1:10", "2\nx7\n"));
        assertEquals("FILE line 2 is empty (expected a prime in decimal)", verifyError("1:10", "2\n\n3\n"));
        assertEquals("FILE line 4 ('7') has no newline at the end: the file was cut short", verifyError("1:10", "2\n3\n5\n7"));
        assertEquals("FILE ends after 2 primes (line 2): the prime 5 is missing, and any after it in 1:10", verifyError("1:10", "2\n3\n"));
        assertEquals("FILE ends after 0 primes (line 0): the prime 2 is missing, and any after it in 1:10", verifyError("1:10", ""));
        assertEquals("clusterlab primes-head: " + dir.resolve("none.txt") + " is not a file",
                oneLineError(1, "primes-head", "--range", "1:10", "--verify", dir.resolve("none.txt").toString()));
    }

    @Test
    void helpExplainsVerifyAndTheArticlesPrimes() {
        assertEquals(0, cli.run("primes-head", "--help"));
        assertTrue(cli.out().contains("--verify FILE"), cli.out());
        assertTrue(cli.out().contains("are not part of --out"), cli.out());
        cli.reset();
        assertEquals(0, cli.run());
        assertTrue(cli.out().contains("\n  primes-head "), cli.out());
        assertTrue(cli.out().contains("\n  primes-worker "), cli.out());
    }
}
