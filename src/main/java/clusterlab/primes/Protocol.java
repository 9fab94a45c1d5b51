package clusterlab.primes;

import clusterlab.primes.PrimeRange.Block;
import clusterlab.wire.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prime finder's messages on port 4040, each a frame (clusterlab.wire): JSON control messages,
 * and the primes themselves as bytes.
 * <pre>
 * worker -> head  {"type":"hello","worker":NAME,"threads":N}     first frame of each connection (one per thread)
 * head -> worker  {"type":"block","id":K,"from":A,"to":B}        sieve A..B, both included
 *                 {"type":"wait"}                                nothing free now; ask again (sent every 10 s)
 *                 {"type":"done"}                                every block is on disk: exit
 *                 {"type":"error","message":TEXT}                the last batch was rejected; the connection closes
 * worker -> head  {"type":"primes","id":K,"count":C,"bytes":N}   then N bytes in frames of at most 1 MiB:
 *                                                                the C primes of block K as varint gaps ({@link GapEncoder})
 * </pre>
 * After a batch the worker reads the head's next message. The article's workers send instead one
 * frame of ASCII digits (a prime) per connection; the head tells the two apart by the first frame.
 */
final class Protocol {
    /** Bytes of primes in one frame of a batch. */
    static final int CHUNK = 1 << 20;
    /** How long the head lets a worker wait before sending {"type":"wait"}. */
    static final long WAIT_MILLIS = 10_000;
    /** The largest block a worker accepts, and the head hands out. */
    static final long MAX_BLOCK = 1_000_000_000L;

    private Protocol() {
    }

    static Map<String, Object> hello(String worker, int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "hello");
        m.put("worker", worker);
        m.put("threads", threads);
        return m;
    }

    static Map<String, Object> block(Block b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "block");
        m.put("id", b.id());
        m.put("from", b.from());
        m.put("to", b.to());
        return m;
    }

    static Map<String, Object> done() {
        return Map.of("type", "done");
    }

    static Map<String, Object> waitMessage() {
        return Map.of("type", "wait");
    }

    static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "error");
        m.put("message", message);
        return m;
    }

    /** Sends the encoder's primes as block {@code id}'s batch: header, then the bytes in chunks. */
    static void sendPrimes(Connection c, long id, GapEncoder primes) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "primes");
        m.put("id", id);
        m.put("count", primes.count());
        m.put("bytes", primes.size());
        c.sendJson(m);
        for (int at = 0; at < primes.size(); at += CHUNK) {
            c.send(Arrays.copyOfRange(primes.buffer(), at, Math.min(primes.size(), at + CHUNK)));
        }
    }

    /** A batch as received, not yet checked. */
    record Batch(long count, byte[] data) {
    }

    /**
     * Reads a worker's answer to {@code block}: the header, then its bytes. A header that cannot
     * be right (another block, more primes than the block has numbers, a byte count that cannot hold
     * the count) is refused before anything is allocated for it.
     *
     * @throws EOFException if the worker closed the connection
     * @throws MalformedBatchException if the answer is not a batch for this block
     */
    static Batch receiveBatch(Connection c, Block block) throws IOException, MalformedBatchException {
        Map<String, Object> header = c.receiveJson();
        if (header == null) {
            throw new EOFException("the worker closed the connection");
        }
        if ("error".equals(header.get("type"))) {
            throw new MalformedBatchException("the worker reported an error: " + header.get("message"));
        }
        if (!"primes".equals(header.get("type")) || !(header.get("id") instanceof Long id)
                || !(header.get("count") instanceof Long count) || !(header.get("bytes") instanceof Long bytes)) {
            throw new MalformedBatchException("expected {\"type\":\"primes\",\"id\":K,\"count\":C,\"bytes\":N}, got " + clip(header));
        }
        if (id != block.id()) {
            throw new MalformedBatchException("it answered block " + id + " but was sent block " + block.id());
        }
        long most = block.length() / 2 + 2;
        if (count < 0 || count > most) {
            throw new MalformedBatchException("it announced " + count + " primes; a block of " + block.length()
                    + " numbers has at most " + most);
        }
        if (bytes < count || bytes > count * 9 || bytes > Integer.MAX_VALUE - 8) {
            throw new MalformedBatchException(bytes + " bytes cannot hold " + count + " gaps (1 to 9 bytes each)");
        }
        byte[] data = new byte[(int) (long) bytes];
        int filled = 0;
        while (filled < data.length) {
            byte[] frame = c.receive();
            if (frame == null) {
                throw new EOFException("the worker closed the connection after " + filled + " of " + bytes + " bytes");
            }
            if (frame.length > data.length - filled) {
                throw new MalformedBatchException("it sent more than the " + bytes + " bytes it announced");
            }
            if (frame.length == data.length) {
                return new Batch(count, frame);
            }
            System.arraycopy(frame, 0, data, filled, frame.length);
            filled += frame.length;
        }
        return new Batch(count, data);
    }

    /** A message from the network, shortened for a one-line log. */
    static String clip(Object message) {
        String s = String.valueOf(message).replaceAll("[\\r\\n\\t]", " ");
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
