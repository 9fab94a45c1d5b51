package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.Eventually;
import clusterlab.CommandLine;
import java.io.PrintStream;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** primes-worker --protocol article: a share from the command line, each prime on a connection of its own. */
class ArticleWorkerTest {
    private final CommandLine cli = new CommandLine();

    private String oneLineError(String... argv) {
        cli.reset();
        assertEquals(2, cli.run(argv), cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
        return cli.err().strip();
    }

    @Test
    void theArticlesWayFeedsAHeadAPrimeAConnection() throws Exception {
        HeadSettings settings = new HeadSettings().range(new PrimeRange(1, 1_000)).host("127.0.0.1").port(0);
        try (PrimesHead head = new PrimesHead(settings, new PrintStream(PrintStream.nullOutputStream()))) {
            head.start();
            assertEquals(0, cli.run("primes-worker", "--protocol", "article", "--range", "1:1000", "--head",
                    "127.0.0.1:" + head.port()), cli.err());
            assertTrue(cli.out().startsWith("article-protocol worker: sent 168 primes of 1:1000 to 127.0.0.1:" + head.port()
                    + " in "), cli.out());
            Eventually.await("the head to count the 168 primes below 1000", () -> head.model().snapshot().articlePrimes() == 168);
            PrimesModel.Snapshot s = head.model().snapshot();
            assertEquals(997, s.articleLargest());
            assertEquals(0, s.articleRefused());
            assertEquals(1, s.articleWorkers());
            assertEquals(0, s.count(), "the article's primes are not part of the head's own run");
            assertEquals(0, s.blocksAccepted());
        }
    }

    @Test
    void withNoHeadItGivesUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(1, cli.run("primes-worker", "--protocol", "article", "--range", "1:100", "--head", "127.0.0.1:" + port,
                "--give-up", "1s"));
        assertTrue(cli.out().contains("giving up after 0 primes, no head at 127.0.0.1:" + port + " for 1 s"), cli.out());
    }

    @Test
    void badProtocolOptionsAreOneLineAndStatus2() {
        assertEquals("clusterlab primes-worker: --protocol must be ours or article, not 'python'",
                oneLineError("primes-worker", "--head", "127.0.0.1", "--protocol", "python"));
        assertEquals("clusterlab primes-worker: --protocol article needs --range MIN:MAX, the share of the numbers this worker"
                + " sieves (the head hands out no blocks in the article's protocol)",
                oneLineError("primes-worker", "--head", "127.0.0.1", "--protocol", "article"));
        assertEquals("clusterlab primes-worker: --range is for --protocol article only; with our protocol the head hands out"
                + " the blocks", oneLineError("primes-worker", "--head", "127.0.0.1", "--range", "1:1000"));
        assertTrue(oneLineError("primes-worker", "--head", "127.0.0.1", "--protocol", "article", "--range", "9:2")
                .startsWith("clusterlab primes-worker: --range 9:2 is empty"));
    }

    @Test
    void helpSaysWhatTheArticleProtocolIsFor() {
        assertEquals(0, cli.run("primes-worker", "--help"));
        assertTrue(cli.out().contains("the article's way, for lesson 11's comparison and capture"), cli.out());
    }
}
