package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Heads and workers a test starts in this JVM on 127.0.0.1, all closed after the test, the last
 * started first. A test class holds one in a {@code @RegisterExtension} field.
 */
final class Loopback implements AfterEachCallback {
    static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** A started head on 127.0.0.1 and a free port, printing nothing. */
    PrimesHead head(HeadSettings settings) throws Exception {
        PrimesHead head = new PrimesHead(settings.host("127.0.0.1").port(0), QUIET);
        open.add(head);
        head.start();
        return head;
    }

    /** A real worker running on a thread of its own; its exit status when the head lets it go. */
    Future<Integer> worker(PrimesHead head, String name, int threadCount) {
        PrimesWorker worker = new PrimesWorker("127.0.0.1", head.port(), threadCount, name, 20_000, QUIET);
        open.add(worker::stop);
        return threads.submit((Callable<Integer>) worker::run);
    }

    /** A connection that speaks for a worker, one message at a time, as the test says. */
    FakeWorker fake(PrimesHead head, String name) throws Exception {
        FakeWorker fake = new FakeWorker(head.port(), name);
        open.add(fake);
        return fake;
    }

    static boolean logged(PrimesHead head, String text) {
        return head.model().snapshot().log().stream().anyMatch(line -> line.contains(text));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(20, TimeUnit.SECONDS), "worker threads still running");
    }
}
