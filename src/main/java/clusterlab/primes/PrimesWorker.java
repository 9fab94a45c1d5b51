package clusterlab.primes;

import clusterlab.net.Backoff;
import clusterlab.net.HostName;
import clusterlab.primes.PrimeRange.Block;
import clusterlab.wire.Connection;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A prime-finder worker: {@code threads} threads, each with a connection of its own to the head,
 * its own sieve and its own encoder, asking for a block, sieving it and sending the primes back,
 * until the head says the work is done. When the head cannot be reached, or goes away, a thread
 * tries again, waiting a little longer each time (the article's workers retry every 5 s), and gives
 * up when no head has answered for the give-up time.
 */
public final class PrimesWorker {
    /** Longer than the head's {"type":"wait"} period: silence this long means the head is gone. */
    private static final int READ_TIMEOUT_MILLIS = (int) (6 * Protocol.WAIT_MILLIS);

    private final String host;
    private final int port;
    private final int threads;
    private final String name;
    private final long giveUpMillis;
    private final PrintStream log;
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong primes = new AtomicLong();
    private final List<Connection> open = new ArrayList<>();
    private volatile boolean stopping;

    public PrimesWorker(String host, int port, int threads, String name, long giveUpMillis, PrintStream log) {
        this.host = host;
        this.port = port;
        this.threads = threads;
        this.name = name;
        this.giveUpMillis = giveUpMillis;
        this.log = log;
    }

    /** This process's default worker name: host name and process id. */
    public static String defaultName() {
        return HostName.localOr("localhost") + "/" + ProcessHandle.current().pid();
    }

    /** Runs every thread until the head says done (returns 0) or one gives up (returns 1). */
    public int run() throws InterruptedException {
        long start = System.nanoTime();
        List<Thread> running = new ArrayList<>();
        boolean[] done = new boolean[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> done[index] = serveUntilDone(index + 1), "primes-worker-" + (t + 1));
            thread.setDaemon(true);
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        boolean all = true;
        for (boolean d : done) {
            all &= d;
        }
        log.printf("worker %s: %d blocks, %d primes in %.3f s%s%n", name, blocks.get(), primes.get(),
                (System.nanoTime() - start) / 1e9, all ? "" : " (not finished: the head went away)");
        return all ? 0 : 1;
    }

    /** Closes every connection: the threads end without waiting for the head. */
    public void stop() {
        stopping = true;
        synchronized (open) {
            for (Connection c : open) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // Stopping anyway.
                }
            }
        }
    }

    /** One thread: connects, serves, reconnects; true once the head said done. */
    private boolean serveUntilDone(int thread) {
        SegmentedSieve sieve = new SegmentedSieve();
        GapEncoder encoder = new GapEncoder();
        long lastContact = System.currentTimeMillis();
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
        while (!stopping) {
            try (Connection c = Connection.open(host, port, 5_000)) {
                synchronized (open) {
                    open.add(c);
                }
                backoff.reset();
                try {
                    if (serve(c, sieve, encoder)) {
                        return true;
                    }
                    log.println("worker " + name + " thread " + thread + ": the head closed the connection");
                } finally {
                    synchronized (open) {
                        open.remove(c);
                    }
                    lastContact = System.currentTimeMillis();
                }
            } catch (IOException e) {
                if (!stopping) {
                    log.println("worker " + name + " thread " + thread + ": head " + host + ":" + port + ": " + e.getMessage());
                }
            }
            if (stopping || System.currentTimeMillis() - lastContact > giveUpMillis) {
                if (!stopping) {
                    log.println("worker " + name + " thread " + thread + ": giving up, no head at " + host + ":" + port
                            + " for " + giveUpMillis / 1000 + " s");
                }
                return false;
            }
            try {
                Thread.sleep(backoff.nextMillis());
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    /** Sieves the blocks the head sends; true when it says done, false when the connection ends. */
    private boolean serve(Connection c, SegmentedSieve sieve, GapEncoder encoder) throws IOException {
        c.setReadTimeout(READ_TIMEOUT_MILLIS);
        c.sendJson(Protocol.hello(name, threads));
        while (true) {
            Map<String, Object> m;
            try {
                m = c.receiveJson();
            } catch (SocketTimeoutException e) {
                throw new IOException("no word from the head for " + READ_TIMEOUT_MILLIS / 1000 + " s");
            }
            if (m == null) {
                return false;
            }
            Object type = m.get("type");
            if ("done".equals(type)) {
                return true;
            } else if ("wait".equals(type)) {
                continue;
            } else if ("error".equals(type)) {
                log.println("worker " + name + ": the head says: " + Protocol.clip(m.get("message")));
                return false;
            } else if (!"block".equals(type)) {
                throw new IOException("unexpected message from the head: " + Protocol.clip(m));
            }
            Block block = block(m);
            encoder.start(block.from());
            sieve.primes(block.from(), block.to(), encoder);
            Protocol.sendPrimes(c, block.id(), encoder);
            blocks.incrementAndGet();
            primes.addAndGet(encoder.count());
        }
    }

    private static Block block(Map<String, Object> m) throws IOException {
        if (!(m.get("id") instanceof Long id) || !(m.get("from") instanceof Long from) || !(m.get("to") instanceof Long to)
                || from < 0 || to < from || to - from >= Protocol.MAX_BLOCK) {
            throw new IOException("bad block from the head (expected 0 <= from <= to, at most "
                    + Protocol.MAX_BLOCK + " numbers): " + Protocol.clip(m));
        }
        return new Block(id, from, to);
    }
}
