package clusterlab.bench;

import clusterlab.pipes.NamedPipe;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Three ways for two local processes to talk, side by side: a named pipe (FIFO), a Unix-domain
 * socket (java.nio with UnixDomainSocketAddress, JDK 16+) and TCP over 127.0.0.1, the baseline.
 * Latency: 8-byte ping-pong, one round trip at a time; a FIFO is one-way, so the pong comes back
 * through a second FIFO. Throughput: 64 KiB writes one way, 256 MiB per run.
 *
 * <p>The two ends are two threads of this JVM: the kernel path of a pipe or a socket is the same
 * whether its ends are in one process or two, and threads keep the benchmark short. Every run
 * opens its channels afresh (not timed). As in {@link FramingBench}, every variant runs once
 * untimed, then in each of the rounds the variants take turns; the ratios to TCP are the result.
 */
public final class PipesBench {
    private static final int ROUNDS = 3;
    private static final int RUNS_PER_ROUND = 2;
    private static final int PING_BYTES = 8;
    private static final int ROUND_TRIPS = 10_000;
    private static final int CHUNK = 64 * 1024;
    private static final long TOTAL = 256L << 20;

    private PipesBench() {
    }

    /** The two ends of one link: A talks to B and back, each end reads and writes. */
    private record Link(ReadableByteChannel aIn, WritableByteChannel aOut, ReadableByteChannel bIn,
            WritableByteChannel bOut, Closeable closer) {
    }

    private interface Opener {
        Link open() throws Exception;
    }

    /** What end B does while end A, on the timing thread, runs. */
    private interface End {
        void run(Link link) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("clusterlab-pipes-bench");
        try {
            run(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void run(Path dir) throws Exception {
        Path ping = dir.resolve("ping");
        Path pong = dir.resolve("pong");
        NamedPipe.ensure(ping, "bench"); // mkfifo
        NamedPipe.ensure(pong, "bench");
        Path socketFile = dir.resolve("socket");
        Opener tcp = PipesBench::tcp;
        Opener unix = () -> unixSocket(socketFile);
        Opener fifo = () -> fifos(ping, pong);

        BenchTable table = new BenchTable("PipesBench: named pipe vs Unix-domain socket vs TCP 127.0.0.1, two threads of"
                + " one JVM; figures: median of " + ROUNDS + " rounds, ratios: median of the per-round ratios");

        double[][] lat = measure("8-byte ping-pong", ROUND_TRIPS, new Opener[] {tcp, unix, fifo}, PipesBench::pingPong);
        table.group(String.format("8-byte ping-pong, one round trip at a time; a round: %d runs of %,d round trips",
                        RUNS_PER_ROUND, ROUND_TRIPS),
                "TCP loopback (TCP_NODELAY)", lat[0], "round trips/s", micros(lat[0]));
        table.row("Unix-domain socket", lat[1], "round trips/s", micros(lat[1]));
        table.row("two named pipes (ping one way, pong the other)", lat[2], "round trips/s", micros(lat[2]));

        int chunks = (int) (TOTAL / CHUNK);
        double[][] thr = measure("64 KiB writes", chunks, new Opener[] {tcp, unix, fifo}, PipesBench::stream);
        for (double[] rates : thr) {
            for (int r = 0; r < rates.length; r++) {
                rates[r] = rates[r] * CHUNK / (1 << 20); // writes/s to MiB/s
            }
        }
        table.group(String.format("64 KiB writes one way; a round: %d runs of %d MiB", RUNS_PER_ROUND, TOTAL >> 20),
                "TCP loopback", thr[0], "MiB/s", "");
        table.row("Unix-domain socket", thr[1], "MiB/s", "");
        table.row("named pipe", thr[2], "MiB/s", "a pipe buffers 64 KiB (Linux default): each 64 KiB write fills it, then waits");
        table.print();
    }

    private static String micros(double[] roundTripsPerSecond) {
        return String.format(java.util.Locale.ROOT, "%.1f us per round trip", 1e6 / BenchTable.median(roundTripsPerSecond));
    }

    /** Functions of a transport: (link, count) -> seconds on the timing end. */
    private interface Workload {
        double seconds(Opener opener, int count) throws Exception;
    }

    /** Each opener once untimed, then ROUNDS rounds of RUNS_PER_ROUND turns; returns counts/s, [opener][round]. */
    private static double[][] measure(String what, int count, Opener[] openers, Workload workload) throws Exception {
        BenchTable.progress(what + ": warm-up, then " + ROUNDS + " rounds");
        for (Opener opener : openers) {
            workload.seconds(opener, count);
        }
        double[][] rates = new double[openers.length][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            double[] seconds = new double[openers.length];
            for (int i = 0; i < RUNS_PER_ROUND; i++) {
                for (int v = 0; v < openers.length; v++) {
                    seconds[v] += workload.seconds(openers[v], count);
                }
            }
            for (int v = 0; v < openers.length; v++) {
                rates[v][r] = (double) count * RUNS_PER_ROUND / seconds[v];
            }
        }
        return rates;
    }

    /** A sends 8 bytes, B sends them back, {@code count} times; A's side is timed. */
    private static double pingPong(Opener opener, int count) throws Exception {
        return withEndB(opener, link -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(PING_BYTES);
            for (int i = 0; i < count; i++) {
                readFully(link.bIn(), buffer);
                writeFully(link.bOut(), buffer);
            }
        }, link -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(PING_BYTES);
            for (int i = 0; i < count; i++) {
                buffer.clear().putLong(0, i);
                writeFully(link.aOut(), buffer);
                readFully(link.aIn(), buffer);
                if (buffer.getLong(0) != i) {
                    throw new IOException("round trip " + i + " came back as " + buffer.getLong(0));
                }
            }
        });
    }

    /** B writes {@code count} chunks of 64 KiB; A reads them all, timed. */
    private static double stream(Opener opener, int count) throws Exception {
        return withEndB(opener, link -> {
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
            for (int i = 0; i < count; i++) {
                writeFully(link.bOut(), chunk.clear());
            }
        }, link -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
            long want = (long) count * CHUNK;
            long got = 0;
            while (got < want) {
                int n = link.aIn().read(buffer.clear());
                if (n < 0) {
                    throw new EOFException("stream ended after " + got + " of " + want + " bytes");
                }
                got += n;
            }
        });
    }

    /** Opens a link, runs B on a thread and A on this one; returns A's seconds. */
    private static double withEndB(Opener opener, End b, End a) throws Exception {
        Link link = opener.open();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                b.run(link);
            } catch (IOException e) {
                failure.set(e);
            }
        }, "end B");
        try {
            long start = System.nanoTime();
            other.start();
            a.run(link);
            double seconds = (System.nanoTime() - start) / 1e9;
            other.join();
            if (failure.get() != null) {
                throw failure.get();
            }
            return seconds;
        } finally {
            link.closer().close(); // also releases B if A failed
            other.join();
        }
    }

    private static Link tcp() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
            SocketChannel a = SocketChannel.open(listener.getLocalAddress());
            SocketChannel b = listener.accept();
            a.setOption(StandardSocketOptions.TCP_NODELAY, true);
            b.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return link(a, b);
        }
    }

    private static Link unixSocket(Path file) throws IOException {
        Files.deleteIfExists(file); // bind creates the socket file, and fails if it exists
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(file), 1);
            SocketChannel a = SocketChannel.open(UnixDomainSocketAddress.of(file));
            SocketChannel b = listener.accept();
            return link(a, b);
        }
    }

    private static Link link(ByteChannel a, ByteChannel b) {
        return new Link(a, a, b, b, () -> {
            try (b) {
                a.close();
            }
        });
    }

    /** A to B through {@code ping}, B to A through {@code pong}. */
    private static Link fifos(Path ping, Path pong) throws Exception {
        FileChannel[] toB = openBothEnds(ping);
        FileChannel[] toA = openBothEnds(pong);
        return new Link(toA[0], toB[1], toB[0], toA[1], () -> {
            for (FileChannel c : new FileChannel[] {toB[0], toB[1], toA[0], toA[1]}) {
                c.close();
            }
        });
    }

    /**
     * [read end, write end] of one FIFO. Each open blocks until the other is made, so the read end
     * is opened on a thread of its own while this one opens the write end.
     */
    private static FileChannel[] openBothEnds(Path fifo) throws Exception {
        AtomicReference<Object> readEnd = new AtomicReference<>();
        Thread opener = new Thread(() -> {
            try {
                readEnd.set(FileChannel.open(fifo, StandardOpenOption.READ));
            } catch (IOException e) {
                readEnd.set(e);
            }
        }, "open " + fifo.getFileName());
        opener.start();
        FileChannel writeEnd = FileChannel.open(fifo, StandardOpenOption.WRITE);
        opener.join();
        if (readEnd.get() instanceof IOException e) {
            writeEnd.close();
            throw e;
        }
        return new FileChannel[] {(FileChannel) readEnd.get(), writeEnd};
    }

    private static void readFully(ReadableByteChannel in, ByteBuffer buffer) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new EOFException("closed after " + buffer.position() + " of " + buffer.capacity() + " bytes");
            }
        }
        buffer.flip();
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
