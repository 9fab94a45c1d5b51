package clusterlab.bench;

import clusterlab.wire.Connection;
import clusterlab.wire.FrameDecoder;
import clusterlab.wire.FrameReader;
import clusterlab.wire.FrameWriter;
import clusterlab.wire.Frames;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the 4-byte length header costs. Over one loopback connection, one way: many 64-byte frames
 * through FrameWriter and FrameReader against the same payloads written without framing, and
 * 1 MiB frames through Connection against a raw socket copy of the same bytes. Then, with no
 * socket at all, FrameDecoder against FrameReader on the same bytes in memory.
 *
 * <p>Every variant first runs once untimed, to warm up; then come 3 rounds, and in each round the
 * variants of a group take turns, many times over, so that a slow moment of the machine hits them
 * alike. The ratio to the group's baseline is the result to quote (see {@link BenchTable}); the
 * absolute figures depend on the machine.
 */
public final class FramingBench {
    private static final int ROUNDS = 3;
    private static final int RUNS_PER_ROUND = 8;
    private static final int SMALL = 64;
    private static final int SMALL_COUNT = 50_000;
    private static final int BATCHED_COUNT = 2_500_000; // gathered writes are fast: more, for a run that lasts
    private static final int LARGE = 1 << 20;
    private static final int LARGE_COUNT = 512;
    private static final int DECODER_COUNT = 500_000;
    private static final int SEGMENT = 1500;
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private FramingBench() {
    }

    /** One run of one variant; returns the seconds it took. */
    private interface Run {
        double seconds() throws Exception;
    }

    /** A way of moving {@code count} messages. */
    private record Variant(int count, Run run) {
    }

    /** What one end of the connection does. */
    private interface End {
        void run(Socket socket) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        BenchTable table = new BenchTable("FramingBench: clusterlab frames against the same bytes unframed, "
                + "127.0.0.1; figures: median of " + ROUNDS + " rounds, ratios: median of the per-round ratios");

        byte[] small = payload(SMALL);
        double[][] s = measure("64-byte messages",
                new Variant(SMALL_COUNT, () -> oneWay(s1 -> rawWrites(s1, small, SMALL_COUNT, false),
                        s2 -> rawReads(s2, (long) SMALL * SMALL_COUNT, 64 * 1024))),
                new Variant(SMALL_COUNT, () -> oneWay(s1 -> frameWrites(s1, small, SMALL_COUNT, false),
                        s2 -> frameReads(s2, SMALL, SMALL_COUNT))),
                new Variant(SMALL_COUNT, () -> oneWay(s1 -> frameWrites(s1, small, SMALL_COUNT, true),
                        s2 -> frameReads(s2, SMALL, SMALL_COUNT))),
                new Variant(BATCHED_COUNT, () -> oneWay(s1 -> rawWrites(s1, small, BATCHED_COUNT, true),
                        s2 -> rawReads(s2, (long) SMALL * BATCHED_COUNT, 64 * 1024))));
        table.group(String.format("64-byte messages pipelined one way, each run on a new connection; a round: "
                        + "%d runs of %,d", RUNS_PER_ROUND, SMALL_COUNT),
                "raw: one 64-byte write each, bulk reads", s[0], "messages/s", "the same payloads, no header");
        double cost = 1 - table.ratio(s[1]);
        String costNote = cost > 0 ? "framing cost " + BenchTable.percent(cost)
                : "no framing cost measurable (" + BenchTable.percent(cost) + ")";
        table.row("FrameWriter -> FrameReader (as in Connection)", s[1], "frames/s",
                costNote + "; aim: under 20% (" + (cost < 0.20 ? "met" : "NOT met") + ")");
        table.row("FrameWriter over a BufferedOutputStream", s[2], "frames/s",
                "the writer flushes every frame, so the buffer saves no write");
        table.row("raw, writes gathered in a 64 KiB buffer", s[3], "messages/s",
                String.format("for information: runs of %,d, in 64 KiB writes", BATCHED_COUNT));

        byte[] large = payload(LARGE);
        double[][] l = measure("1 MiB frames",
                new Variant(LARGE_COUNT, () -> oneWay(s1 -> rawWrites(s1, large, LARGE_COUNT, false),
                        s2 -> rawReads(s2, (long) LARGE * LARGE_COUNT, LARGE))),
                new Variant(LARGE_COUNT, () -> oneWay(s1 -> connectionSends(s1, large, LARGE_COUNT),
                        s2 -> connectionReceives(s2, LARGE, LARGE_COUNT))));
        table.group(String.format("1 MiB frames one way, each run on a new connection; a round: %d runs of %,d",
                        RUNS_PER_ROUND, LARGE_COUNT),
                "raw socket copy: 1 MiB writes, reads into a buffer", l[0], "MiB/s", "");
        double ratio = table.ratio(l[1]);
        table.row("Connection.send -> Connection.receive", l[1], "MiB/s",
                "aim: ratio at least 0.80 (" + (ratio >= 0.80 ? "met" : "NOT met") + ")");

        byte[] stream = frames(SMALL, DECODER_COUNT);
        double[][] d = measure("64-byte frames in memory",
                new Variant(DECODER_COUNT, () -> readerInMemory(stream, DECODER_COUNT)),
                new Variant(DECODER_COUNT, () -> decoderInMemory(stream, DECODER_COUNT)));
        table.group(String.format("64-byte frames in memory, no socket; a round: %d runs of %,d",
                        RUNS_PER_ROUND, DECODER_COUNT),
                "FrameReader over a ByteArrayInputStream", d[0], "frames/s", "");
        table.row("FrameDecoder fed " + SEGMENT + "-byte slices", d[1], "frames/s",
                "for information: the non-blocking server's decoder");

        table.print();
    }

    /**
     * Runs every variant once untimed, then ROUNDS rounds. A round runs every variant in turn,
     * RUNS_PER_ROUND times over: many short runs, taking turns, even out the moments when the
     * machine is busy with something else. Returns messages per second, [variant][round].
     */
    private static double[][] measure(String what, Variant... variants) throws Exception {
        BenchTable.progress(what + ": warm-up, then " + ROUNDS + " rounds");
        for (Variant variant : variants) {
            variant.run.seconds();
        }
        double[][] rates = new double[variants.length][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            double[] seconds = new double[variants.length];
            for (int i = 0; i < RUNS_PER_ROUND; i++) {
                for (int v = 0; v < variants.length; v++) {
                    seconds[v] += variants[v].run.seconds();
                }
            }
            for (int v = 0; v < variants.length; v++) {
                rates[v][r] = (double) variants[v].count * RUNS_PER_ROUND / seconds[v];
            }
        }
        return rates;
    }

    /**
     * Opens a fresh loopback connection, runs {@code send} on a new thread and {@code receive} on
     * this one, and returns the seconds until the receiver had everything.
     */
    private static double oneWay(End send, End receive) throws Exception {
        Pair pair = Pair.open();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                send.run(pair.sender);
            } catch (IOException e) {
                failure.set(e);
            }
        }, "sender");
        try {
            long start = System.nanoTime();
            sender.start();
            receive.run(pair.receiver);
            double seconds = (System.nanoTime() - start) / 1e9;
            sender.join();
            if (failure.get() != null) {
                throw failure.get();
            }
            return seconds;
        } finally {
            pair.close(); // also unblocks the sender if the receiver failed
            sender.join();
        }
    }

    /**
     * The payloads without headers. Unbuffered, each message is one write, one system call, as each
     * frame is with FrameWriter; buffered, the messages go out gathered in 64 KiB writes.
     */
    private static void rawWrites(Socket socket, byte[] payload, int count, boolean buffered) throws IOException {
        OutputStream out = buffered
                ? new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)
                : socket.getOutputStream();
        for (int i = 0; i < count; i++) {
            out.write(payload);
        }
        out.flush();
    }

    private static void rawReads(Socket socket, long total, int bufferSize) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[bufferSize];
        long got = 0;
        while (got < total) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, total - got));
            if (n < 0) {
                throw new EOFException("raw stream ended after " + got + " of " + total + " bytes");
            }
            got += n;
        }
    }

    private static void frameWrites(Socket socket, byte[] payload, int count, boolean buffered) throws IOException {
        OutputStream out = socket.getOutputStream();
        FrameWriter writer = new FrameWriter(buffered ? new BufferedOutputStream(out, 64 * 1024) : out);
        for (int i = 0; i < count; i++) {
            writer.write(payload);
        }
    }

    /** Reads as Connection does: a FrameReader over a BufferedInputStream of the default size. */
    private static void frameReads(Socket socket, int size, int count) throws IOException {
        FrameReader reader = new FrameReader(new BufferedInputStream(socket.getInputStream()));
        for (int i = 0; i < count; i++) {
            check(reader.read(), size, i);
        }
    }

    private static void connectionSends(Socket socket, byte[] payload, int count) throws IOException {
        Connection c = new Connection(socket); // closed with the socket, by the caller
        for (int i = 0; i < count; i++) {
            c.send(payload);
        }
    }

    private static void connectionReceives(Socket socket, int size, int count) throws IOException {
        Connection c = new Connection(socket);
        for (int i = 0; i < count; i++) {
            check(c.receive(), size, i);
        }
    }

    private static double readerInMemory(byte[] stream, int count) throws IOException {
        long start = System.nanoTime();
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream));
        for (int i = 0; i < count; i++) {
            check(reader.read(), SMALL, i);
        }
        if (reader.read() != null) {
            throw new IOException("more frames than written");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Feeds the stream in SEGMENT-byte slices, as a non-blocking server gets it from its reads. */
    private static double decoderInMemory(byte[] stream, int count) throws IOException {
        long start = System.nanoTime();
        FrameDecoder decoder = new FrameDecoder();
        long[] frames = new long[2]; // all frames, and those of the wrong size
        ByteBuffer view = ByteBuffer.wrap(stream);
        for (int at = 0; at < stream.length; at += SEGMENT) {
            view.limit(Math.min(stream.length, at + SEGMENT)).position(at);
            decoder.feed(view, payload -> {
                frames[0]++;
                if (payload.length != SMALL) {
                    frames[1]++;
                }
            });
        }
        decoder.endOfStream();
        if (frames[0] != count || frames[1] != 0) {
            throw new IOException("decoded " + frames[0] + " frames, " + frames[1] + " of the wrong size; expected "
                    + count + " of " + SMALL + " bytes");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void check(byte[] payload, int size, int index) throws IOException {
        if (payload == null || payload.length != size) {
            throw new IOException("frame " + index + ": expected " + size + " bytes, got "
                    + (payload == null ? "the end of the stream" : payload.length));
        }
    }

    private static byte[] payload(int size) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return payload;
    }

    /** {@code count} frames of {@code size} bytes, back to back, as they would arrive on a socket. */
    private static byte[] frames(int size, int count) {
        byte[] frame = Frames.encode(payload(size));
        byte[] stream = new byte[frame.length * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(frame, 0, stream, i * frame.length, frame.length);
        }
        return stream;
    }

    /** The two ends of one loopback TCP connection. */
    private static final class Pair implements Closeable {
        final Socket sender;
        final Socket receiver;

        private Pair(Socket sender, Socket receiver) {
            this.sender = sender;
            this.receiver = receiver;
        }

        static Pair open() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                Socket sender = new Socket();
                try {
                    sender.connect(listener.getLocalSocketAddress(), 2_000);
                    sender.setTcpNoDelay(true); // as Connection.open does
                    listener.setSoTimeout(2_000);
                    Socket receiver = listener.accept();
                    receiver.setSoTimeout(READ_TIMEOUT_MILLIS);
                    return new Pair(sender, receiver);
                } catch (IOException e) {
                    sender.close();
                    throw e;
                }
            }
        }

        @Override
        public void close() throws IOException {
            try (receiver) {
                sender.close();
            }
        }
    }
}
