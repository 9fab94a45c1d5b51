package clusterlab.primes;

import java.io.IOException;
import java.nio.file.Path;

/** How a {@link PrimesHead} runs, with the defaults of {@code clusterlab primes-head}. */
public final class HeadSettings {
    /** Article E's port for the prime finder. */
    public static final int DEFAULT_PORT = 4040;
    public static final long DEFAULT_BLOCK = 10_000_000L;
    /**
     * Connection requests the system queues before the head accepts them. The article's workers
     * open one connection per prime; when they come faster than the head takes them and the queue
     * is full, the system drops the request and the worker's TCP sends it again only a second or
     * more later. The article's head used 50.
     */
    public static final int DEFAULT_BACKLOG = 1024;

    /** Opens the output file; a test may put a failing disk behind it. */
    interface Opener {
        OutputFile open(Path path) throws IOException;
    }

    private PrimeRange range = new PrimeRange(1, 1_000_000_000L);
    private long blockSize = DEFAULT_BLOCK;
    private Path out;
    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private int shares = 1;
    private int leaseMillis = 60_000;
    private int sample = 64;
    private long memoryLimit = 64L << 20;
    private int maxConnections = 512;
    private int localThreads;
    private int backlog = DEFAULT_BACKLOG;
    private boolean paused;
    private Opener opener = OutputFile::open;

    public HeadSettings range(PrimeRange value) {
        range = value;
        return this;
    }

    /** Numbers in a block, 1 to 10^9. */
    public HeadSettings blockSize(long value) {
        blockSize = value;
        return this;
    }

    /** The output file; null counts the primes without writing them. */
    public HeadSettings out(Path value) {
        out = value;
        return this;
    }

    public HeadSettings host(String value) {
        host = value;
        return this;
    }

    /** 0 lets the system choose; {@link PrimesHead#port()} tells which. */
    public HeadSettings port(int value) {
        port = value;
        return this;
    }

    /** 1 for dynamic load balancing; N splits the range once into N shares, one per worker. */
    public HeadSettings shares(int value) {
        shares = value;
        return this;
    }

    /** How long a worker may take over one block before it is dropped and the block handed out again. */
    public HeadSettings leaseMillis(int value) {
        leaseMillis = value;
        return this;
    }

    /** Primes per batch tested with Miller-Rabin; negative tests them all. */
    public HeadSettings sample(int value) {
        sample = value;
        return this;
    }

    /** Bytes of finished blocks kept in memory while they wait for an earlier one; more go to spill files. */
    public HeadSettings memoryLimit(long value) {
        memoryLimit = value;
        return this;
    }

    public HeadSettings maxConnections(int value) {
        maxConnections = value;
        return this;
    }

    /** Worker threads the head runs itself, connected over loopback. */
    public HeadSettings localThreads(int value) {
        localThreads = value;
        return this;
    }

    /** Connection requests queued before the head accepts them (see {@link #DEFAULT_BACKLOG}). */
    public HeadSettings backlog(int value) {
        backlog = value;
        return this;
    }

    /** Starts with no blocks handed out, until {@link PrimesHead#resume()}. */
    public HeadSettings paused(boolean value) {
        paused = value;
        return this;
    }

    HeadSettings opener(Opener value) {
        opener = value;
        return this;
    }

    public PrimeRange range() {
        return range;
    }

    public long blockSize() {
        return blockSize;
    }

    public Path out() {
        return out;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int shares() {
        return shares;
    }

    public int leaseMillis() {
        return leaseMillis;
    }

    public int sample() {
        return sample;
    }

    public long memoryLimit() {
        return memoryLimit;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int localThreads() {
        return localThreads;
    }

    public int backlog() {
        return backlog;
    }

    public boolean paused() {
        return paused;
    }

    Opener opener() {
        return opener;
    }
}
