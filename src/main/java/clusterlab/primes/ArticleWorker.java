package clusterlab.primes;

import clusterlab.net.Backoff;
import clusterlab.wire.Frames;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * A worker that talks the article's way, for lesson 11's comparison and capture. It sieves one
 * share of the range, given on its command line as the article's deploy script gives each Pi its
 * start and end, and sends each prime on a TCP connection of its own: connect, one frame (a 4-byte
 * big-endian length, then the prime in ASCII digits), close. There is no hello and there are no
 * blocks: the head just counts what arrives. When the head cannot be reached the worker tries the
 * same prime again, waiting a little longer each time up to 5 s (the article's worker retries every
 * 5 s), and gives up when no connection has worked for the give-up time.
 */
public final class ArticleWorker {
    /** Numbers sieved at a time: their primes wait in memory while they are sent. */
    private static final long CHUNK = 1_000_000;
    /** Long enough to sit out several of TCP's SYN retransmissions when the head's queue is full. */
    private static final int CONNECT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final PrimeRange range;
    private final long giveUpMillis;
    private final PrintStream log;
    private long[] primes = new long[1024];
    private int found;

    public ArticleWorker(String host, int port, PrimeRange range, long giveUpMillis, PrintStream log) {
        this.host = host;
        this.port = port;
        this.range = range;
        this.giveUpMillis = giveUpMillis;
        this.log = log;
    }

    /**
     * Sends every prime of the range; 0 when all went, 1 when it gave up.
     *
     * @throws IOException if the head's host name has no address
     */
    public int run() throws IOException, InterruptedException {
        InetSocketAddress head = new InetSocketAddress(InetAddress.getByName(host), port);
        long start = System.nanoTime();
        long sent = 0;
        SegmentedSieve sieve = new SegmentedSieve();
        for (long from = range.from(); ; from += CHUNK) {
            long to = range.to() - from < CHUNK ? range.to() : from + CHUNK - 1;
            found = 0;
            sieve.primes(from, to, this::keep);
            for (int i = 0; i < found; i++) {
                if (!send(head, primes[i])) {
                    log.printf(Locale.ROOT, "article-protocol worker: giving up after %d primes, no head at %s:%d for %d s%n",
                            sent, host, port, giveUpMillis / 1000);
                    return 1;
                }
                sent++;
            }
            if (to == range.to()) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf(Locale.ROOT, "article-protocol worker: sent %d primes of %s to %s:%d in %.3f s, a connection each (%,.0f primes/s)%n",
                sent, range, host, port, seconds, seconds > 0 ? sent / seconds : 0);
        return 0;
    }

    private void keep(long prime) {
        if (found == primes.length) {
            primes = Arrays.copyOf(primes, 2 * primes.length);
        }
        primes[found++] = prime;
    }

    /** One prime on one connection; false when the head has not answered for the give-up time. */
    private boolean send(InetSocketAddress head, long prime) throws InterruptedException {
        byte[] frame = Frames.encode(Long.toString(prime).getBytes(StandardCharsets.US_ASCII));
        long failingSince = 0;
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(head, CONNECT_MILLIS);
                socket.getOutputStream().write(frame);
                return true;
            } catch (IOException e) {
                long now = System.currentTimeMillis();
                if (failingSince == 0) {
                    failingSince = now;
                    log.println("article-protocol worker: head " + host + ":" + port + ": " + e.getMessage() + "; trying again");
                } else if (now - failingSince > giveUpMillis) {
                    return false;
                }
            }
            Thread.sleep(backoff.nextMillis());
        }
    }
}
