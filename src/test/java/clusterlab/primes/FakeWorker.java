package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.fail;

import clusterlab.primes.PrimeRange.Block;
import clusterlab.wire.Connection;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** A worker a test drives by hand over loopback: takes blocks, answers them well, badly, or not at all. */
final class FakeWorker implements Closeable {
    private final Connection connection;
    private final GapEncoder encoder = new GapEncoder();

    FakeWorker(int port, String name) throws IOException {
        connection = Connection.open("127.0.0.1", port, 5_000);
        connection.setReadTimeout(20_000);
        connection.sendJson(Protocol.hello(name, 1));
    }

    /** The next block the head hands out (skipping waits), or null when it says done. */
    Block nextBlock() throws IOException {
        while (true) {
            Map<String, Object> m = connection.receiveJson();
            if (m == null) {
                fail("the head closed the connection instead of sending a block");
            }
            if ("done".equals(m.get("type"))) {
                return null;
            }
            if ("block".equals(m.get("type"))) {
                return new Block((Long) m.get("id"), (Long) m.get("from"), (Long) m.get("to"));
            }
            if (!"wait".equals(m.get("type"))) {
                fail("unexpected message " + m);
            }
        }
    }

    /** Answers the block with its true primes. */
    void answer(Block block) throws IOException {
        encoder.start(block.from());
        new SegmentedSieve().primes(block.from(), block.to(), encoder);
        Protocol.sendPrimes(connection, block.id(), encoder);
    }

    /** Answers the block with the given numbers as its primes. */
    void answer(Block block, long... primes) throws IOException {
        encoder.start(block.from());
        for (long p : primes) {
            encoder.prime(p);
        }
        Protocol.sendPrimes(connection, block.id(), encoder);
    }

    /** How long a read from the head may wait. */
    void readTimeout(int millis) throws IOException {
        connection.setReadTimeout(millis);
    }

    /** Sends any message, as a broken worker might. */
    void send(Map<String, Object> message) throws IOException {
        connection.sendJson(message);
    }

    /**
     * The message of the head's next {"type":"error"}, skipping the block the head may have sent
     * ahead (it sends the next block before it checks a batch); fails if none comes.
     */
    String error() throws IOException {
        while (true) {
            Map<String, Object> m = connection.receiveJson();
            if (m == null) {
                fail("the head closed the connection without an error message");
            }
            if ("error".equals(m.get("type"))) {
                return (String) m.get("message");
            }
            if (!"block".equals(m.get("type"))) {
                fail("unexpected message " + m);
            }
        }
    }

    /** The head's next message, or null when it closed the connection. */
    Map<String, Object> receive() throws IOException {
        return connection.receiveJson();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
