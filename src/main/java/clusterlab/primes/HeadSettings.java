package clusterlab.primes;

import java.io.IOException;
import java.nio.file.Path;

/** How a {@link PrimesHead} runs, with the defaults of {@code clusterlab primes-head}. */
public final class HeadSettings {
    /** Article E's port for the prime finder. */
    public static final int DEFAULT_PORT = 4040;
    public static final long DEFAULT_BLOCK = 10_000_000L;

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

    Opener opener() {
        return opener;
    }
}
