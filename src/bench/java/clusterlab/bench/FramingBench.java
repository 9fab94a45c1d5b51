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
 * variants of a group run one after the other, so that a slow moment of the machine hits them
 * alike. The ratio to the group's baseline is the result to quote (see {@link BenchTable}); the
 * absolute figures depend on the machine.
 */
public final class FramingBench {
    private static final int ROUNDS = 3;
    private static final int SMALL = 64;
    private static final int SMALL_COUNT = 200_000;
    private static final int BATCHED_COUNT = 10_000_000; // gathered writes are fast: more, for a run that lasts
    private static final int LARGE = 1 << 20;
    private static final int LARGE_COUNT = 2_048;
    private static final int DECODER_FRAMES = 500_000;
    private static final int DECODER_PASSES = 10;
    private static final int SEGMENT = 1500;
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private FramingBench() {
    }

    /** One timed run of one variant; returns messages (or MiB) per second. */
    private interface Run {
        double perSecond() throws Exception;
    }

    /** What one end of the connection does. */
    private interface End {
        void run(Socket socket) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        BenchTable table = new BenchTable("FramingBench: clusterlab frames against the same bytes unframed, "
                + "127.0.0.1; figures: median of " + ROUNDS + " rounds, ratios: median of the per-round ratios");

        byte[] small = payload(SMALL);
        double[][] s = measure("64-byte messages, " + String.format("%,d", SMALL_COUNT) + " per run",
                () -> oneWay(SMALL_COUNT, s1 -> rawWrites(s1, small, SMALL_COUNT, false),
                        s2 -> rawReads(s2, (long) SMALL * SMALL_COUNT, 64 * 1024)),
                () -> oneWay(SMALL_COUNT, s1 -> frameWrites(s1, small, SMALL_COUNT, false),
                        s2 -> frameReads(s2, SMALL, SMALL_COUNT)),
                () -> oneWay(SMALL_COUNT, s1 -> frameWrites(s1, small, SMALL_COUNT, true),
                        s2 -> frameReads(s2, SMALL, SMALL_COUNT)),
                () -> oneWay(BATCHED_COUNT, s1 -> rawWrites(s1, small, BATCHED_COUNT, true),
                        s2 -> rawReads(s2, (long) SMALL * BATCHED_COUNT, 64 * 1024)));
        table.group("64-byte messages pipelined one way on one connection, " + String.format("%,d", SMALL_COUNT)
                        + " per run", "raw: one 64-byte write each, bulk reads", s[0], "messages/s",
                "the same payloads, no header");
        double cost = 1 - table.ratio(s[1]);
        table.row("FrameWriter -> FrameReader (as in Connection)", s[1], "frames/s",
                "framing cost " + BenchTable.percent(cost) + "; aim: under 20% (" + (cost < 0.20 ? "met" : "NOT met") + ")");
        table.row("FrameWriter over a BufferedOutputStream", s[2], "frames/s",
                "the writer flushes every frame, so the buffer saves no write");
        table.row("raw, writes gathered in a 64 KiB buffer", s[3], "messages/s",
                "for information: " + String.format("%,d", BATCHED_COUNT) + " per run, in 64 KiB writes");

        byte[] large = payload(LARGE);
        double[][] l = measure("1 MiB frames, " + String.format("%,d", LARGE_COUNT) + " per run",
                () -> oneWay(LARGE_COUNT, s1 -> rawWrites(s1, large, LARGE_COUNT, false),
                        s2 -> rawReads(s2, (long) LARGE * LARGE_COUNT, LARGE)),
                () -> oneWay(LARGE_COUNT, s1 -> connectionSends(s1, large, LARGE_COUNT),
                        s2 -> connectionReceives(s2, LARGE, LARGE_COUNT)));
        table.group("1 MiB frames one way on one connection, " + String.format("%,d", LARGE_COUNT) + " per run",
                "raw socket copy: 1 MiB writes, reads into a buffer", l[0], "MiB/s", "");
        double ratio = table.ratio(l[1]);
        table.row("Connection.send -> Connection.receive", l[1], "MiB/s",
                "aim: ratio at least 0.80 (" + (ratio >= 0.80 ? "met" : "NOT met") + ")");

        byte[] stream = frames(SMALL, DECODER_FRAMES);
        String decoding = String.format("%,d", DECODER_FRAMES * DECODER_PASSES) + " frames of 64 bytes per run";
        double[][] d = measure("in memory, " + decoding,
                () -> readerInMemory(stream, DECODER_FRAMES),
                () -> decoderInMemory(stream, DECODER_FRAMES));
        table.group("in memory, no socket: " + decoding,
                "FrameReader over a ByteArrayInputStream", d[0], "frames/s", "");
        table.row("FrameDecoder fed " + SEGMENT + "-byte slices", d[1], "frames/s",
                "for information: the non-blocking server's decoder");

        table.print();
    }

    /** Runs every variant once untimed, then ROUNDS rounds of all in turn; returns [variant][round]. */
    private static double[][] measure(String what, Run... variants) throws Exception {
        BenchTable.progress(what + ": warm-up, then " + ROUNDS + " rounds");
        for (Run variant : variants) {
            variant.perSecond();
        }
        double[][] rounds = new double[variants.length][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            for (int v = 0; v < variants.length; v++) {
                rounds[v][r] = variants[v].perSecond();
            }
        }
        return rounds;
    }

    /**
     * Opens a fresh loopback connection, runs {@code send} on a new thread and {@code receive} on
     * this one, and returns {@code messages} divided by the seconds until the receiver had them all.
     */
    private static double oneWay(int messages, End send, End receive) throws Exception {
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
            return messages / seconds;
        } finally {
            pair.close(); // also unblocks the sender if the receiver failed
            sender.join();
        }
    }

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
        for (int pass = 0; pass < DECODER_PASSES; pass++) {
            FrameReader reader = new FrameReader(new ByteArrayInputStream(stream));
            for (int i = 0; i < count; i++) {
                check(reader.read(), SMALL, i);
            }
            if (reader.read() != null) {
                throw new IOException("more frames than written");
            }
        }
        return (double) count * DECODER_PASSES / ((System.nanoTime() - start) / 1e9);
    }

    /** Feeds the stream in SEGMENT-byte slices, as a non-blocking server gets it from its reads. */
    private static double decoderInMemory(byte[] stream, int count) throws IOException {
        long start = System.nanoTime();
        for (int pass = 0; pass < DECODER_PASSES; pass++) {
            FrameDecoder decoder = new FrameDecoder();
            long[] frames = new long[1];
            ByteBuffer view = ByteBuffer.wrap(stream);
            for (int at = 0; at < stream.length; at += SEGMENT) {
                view.limit(Math.min(stream.length, at + SEGMENT)).position(at);
                decoder.feed(view, payload -> frames[0] += payload.length == SMALL ? 1 : 1L << 40);
            }
            decoder.endOfStream();
            if (frames[0] != count) {
                throw new IOException("decoded " + frames[0] + " frames of " + SMALL + " bytes, expected " + count);
            }
        }
        return (double) count * DECODER_PASSES / ((System.nanoTime() - start) / 1e9);
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
