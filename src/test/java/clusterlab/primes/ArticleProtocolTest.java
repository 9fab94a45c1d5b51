package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clusterlab.Eventually;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Article E's Python prime worker, one connection per prime, feeding our head beside our own workers. */
class ArticleProtocolTest {
    /** The article's worker: trial division, each prime sent as 4-byte length + ASCII digits on its own connection. */
    private static final String WORKER = String.join("\n",
            "import socket, struct, sys",
            "def is_prime(n):",
            "    if n < 2: return False",
            "    i = 2",
            "    while i * i <= n:",
            "        if n % i == 0: return False",
            "        i += 1",
            "    return True",
            "def send(port, text):",
            "    data = text.encode('ascii')",
            "    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
            "    s.connect(('127.0.0.1', port))",
            "    s.sendall(struct.pack('>I', len(data)) + data)",
            "    s.close()",
            "port, start, end = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])",
            "for n in range(start, end + 1):",
            "    if is_prime(n): send(port, str(n))",
            "send(port, '91')  # 7 x 13: the head refuses it",
            "");

    @TempDir
    Path dir;

    private static boolean hasPython() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void articleWorkersPrimesAreCountedAndShownButNotWritten() throws Exception {
        assumeTrue(hasPython(), "python3 is not installed");
        Path out = dir.resolve("primes.txt");
        PrimeRange range = new PrimeRange(1, 100);
        HeadSettings settings = new HeadSettings().range(range).blockSize(10).out(out).host("127.0.0.1").port(0);
        try (PrimesHead head = new PrimesHead(settings, new PrintStream(PrintStream.nullOutputStream()))) {
            head.start();
            Process python = new ProcessBuilder("python3", "-c", WORKER, String.valueOf(head.port()), "1000", "1100")
                    .redirectErrorStream(true).start();
            assertTrue(python.waitFor(30, TimeUnit.SECONDS), "the python worker did not finish");
            assertEquals(0, python.exitValue(), new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            Eventually.await("the head to take every connection", () -> head.model().snapshot().articleRefused() == 1);
            Eventually.await("the 16 primes from 1000 to 1100", () -> head.model().snapshot().articlePrimes() == 16);
            PrimesModel.Snapshot s = head.model().snapshot();
            assertEquals(1_097, s.articleLargest());
            assertEquals(1, s.articleWorkers());
            assertEquals(PrimesModel.LAST_PRIMES, s.lastPrimes().size());
            assertTrue(s.lastPrimes().stream().allMatch(p -> p > 1_000 && p < 1_100 && MillerRabin.isPrime(p)), s.lastPrimes().toString());
            assertTrue(s.log().stream().anyMatch(l -> l.equals("refused '91' from article-protocol worker 127.0.0.1:"
                    + " not a prime below 2^63 in ASCII digits")), s.log().toString());
            assertEquals(0, s.count(), "article primes are not part of the checkpointed run");

            try (FakeWorker ours = new FakeWorker(head.port(), "ours")) {
                for (PrimeRange.Block b = ours.nextBlock(); b != null; b = ours.nextBlock()) {
                    ours.answer(b);
                }
            }
            assertTrue(head.awaitComplete(20_000));
            assertEquals(25, head.model().snapshot().count());
        }
        assertEquals(OutputTest.expectedText(range), Files.readString(out), "only the range's primes are in the output");
    }
}
