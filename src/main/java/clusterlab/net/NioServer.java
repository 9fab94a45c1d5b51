package clusterlab.net;

import clusterlab.wire.FrameDecoder;
import clusterlab.wire.FrameTooLargeException;
import clusterlab.wire.Frames;
import clusterlab.wire.TruncatedFrameException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The same service as {@link SimpleServer}, on ONE thread. A selector tells the thread which
 * connections have bytes to read or room to write, so it never blocks on any one client; each
 * connection keeps a {@link FrameDecoder} because its bytes arrive in arbitrary pieces.
 * One thread can hold thousands of idle connections that would each cost a thread (and its stack)
 * in a thread-per-connection server.
 */
public final class NioServer implements Server {
    /** Above this much unsent reply data, a connection is not read until its client catches up. */
    private static final int MAX_PENDING_BYTES = 1 << 20;

    private final ServerConfig config;
    private final FrameService service;
    private final PrintStream log;
    private final boolean trace;
    private final ServerStats stats = new ServerStats();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private Selector selector;
    private ServerSocketChannel listener;
    private int port;
    private Thread thread;
    private volatile boolean closing;

    /** One client: its decoder, the replies not yet written, and when it was last heard from. */
    private static final class Session {
        final SocketChannel channel;
        final SocketAddress peer;
        final FrameDecoder decoder;
        final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
        long pendingBytes;
        long lastHeard = System.nanoTime();
        long frames;
        boolean closeWhenWritten;
        String ending; // why the server ended it, or null when the client left

        Session(SocketChannel channel, int maxFrameLength) throws IOException {
            this.channel = channel;
            this.peer = channel.getRemoteAddress();
            this.decoder = new FrameDecoder(maxFrameLength);
        }
    }

    /** @param trace print every read with the decoder's state, to watch frames arrive in pieces */
    public NioServer(ServerConfig config, FrameService service, PrintStream log, boolean trace) {
        this.config = config;
        this.service = service;
        this.log = log;
        this.trace = trace;
    }

    @Override
    public void initialise() throws IOException {
        listener = Binding.bindChannel(config);
        port = listener.socket().getLocalPort();
        listener.configureBlocking(false);
        selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::loop, "selector-" + port());
        thread.setDaemon(true);
        thread.start();
        log.println("listening on " + config.host() + ":" + port() + " (one selector thread, at most "
                + config.maxConnections() + " connections, timeout " + config.timeoutMillis() / 1000.0 + " s)");
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    private void loop() {
        long tick = config.timeoutMillis() == 0 ? 1000 : Math.max(10, Math.min(1000, config.timeoutMillis() / 4));
        long lastSweep = System.nanoTime();
        while (!closing) {
            try {
                selector.select(tick);
            } catch (IOException e) {
                log.println("select failed: " + e.getMessage());
                break;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    accept();
                } else {
                    Session s = (Session) key.attachment();
                    if (key.isReadable()) {
                        read(key, s);
                    }
                    if (key.isValid() && key.isWritable()) {
                        write(key, s);
                    }
                }
            }
            selector.selectedKeys().clear();
            if (System.nanoTime() - lastSweep > tick * 1_000_000L) {
                dropSilent();
                lastSweep = System.nanoTime();
            }
        }
        for (SelectionKey key : new ArrayList<>(selector.keys())) {
            if (key.attachment() instanceof Session s) {
                s.ending = "server closing";
                end(key, s);
            }
        }
        Closing.quietly(selector);
    }

    /** Accepts every connection waiting now (one readiness event can stand for many). */
    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                log.println("accept failed: " + e.getMessage());
                return;
            }
            if (channel == null) {
                return;
            }
            stats.accepted.incrementAndGet();
            try {
                channel.configureBlocking(false);
                channel.socket().setTcpNoDelay(true);
                if (stats.active() >= config.maxConnections()) {
                    stats.rejected.incrementAndGet();
                    String why = "busy: " + config.maxConnections() + " connections open; try again later";
                    channel.write(frame(EchoService.error(why))); // small: fits the fresh socket's buffer
                    channel.close();
                    continue;
                }
                Session s = new Session(channel, config.maxFrameLength());
                channel.register(selector, SelectionKey.OP_READ, s);
                stats.active.incrementAndGet();
                log.println("connected: " + s.peer + " (" + Thread.currentThread().getName() + ")");
            } catch (IOException e) {
                Closing.quietly(channel);
            }
        }
    }

    private void read(SelectionKey key, Session s) {
        readBuffer.clear();
        int n;
        try {
            n = s.channel.read(readBuffer);
        } catch (IOException e) {
            s.ending = e.getMessage();
            end(key, s);
            return;
        }
        if (n < 0) {
            try {
                s.decoder.endOfStream();
            } catch (TruncatedFrameException e) {
                stats.badInput.incrementAndGet();
                s.ending = "bad input: " + e.getMessage();
            }
            end(key, s);
            return;
        }
        s.lastHeard = System.nanoTime();
        stats.bytesIn.addAndGet(n);
        readBuffer.flip();
        List<byte[]> requests = new ArrayList<>();
        try {
            s.decoder.feed(readBuffer, requests::add);
        } catch (FrameTooLargeException e) {
            refuse(key, s, e.getMessage());
            return;
        } finally {
            if (trace) {
                log.println("read " + n + " bytes from " + s.peer + ": " + requests.size()
                        + " frames complete, decoder at " + s.decoder.state());
            }
        }
        for (byte[] request : requests) {
            try {
                queue(key, s, service.reply(request, Thread.currentThread().getName()));
                s.frames++;
                stats.frames.incrementAndGet();
            } catch (BadRequestException e) {
                refuse(key, s, e.getMessage());
                return;
            }
        }
        if (!s.pending.isEmpty()) {
            write(key, s); // most replies fit the socket's buffer: send now, not on the next pass
        }
    }

    /** Answers bad input with an error frame, then closes once it has been written. */
    private void refuse(SelectionKey key, Session s, String message) {
        stats.badInput.incrementAndGet();
        s.ending = "bad input: " + message;
        s.closeWhenWritten = true;
        queue(key, s, EchoService.error(message));
        key.interestOps(SelectionKey.OP_WRITE);
    }

    private void queue(SelectionKey key, Session s, byte[] payload) {
        ByteBuffer buffer = frame(payload);
        s.pending.add(buffer);
        s.pendingBytes += buffer.remaining();
        int ops = SelectionKey.OP_WRITE;
        if (s.pendingBytes <= MAX_PENDING_BYTES && !s.closeWhenWritten) {
            ops |= SelectionKey.OP_READ;
        }
        key.interestOps(ops);
    }

    private void write(SelectionKey key, Session s) {
        try {
            while (!s.pending.isEmpty()) {
                ByteBuffer head = s.pending.peek();
                int n = s.channel.write(head);
                stats.bytesOut.addAndGet(n);
                s.pendingBytes -= n;
                if (head.hasRemaining()) {
                    break; // the socket's send buffer is full; wait for OP_WRITE again
                }
                s.pending.poll();
            }
        } catch (IOException e) {
            s.ending = e.getMessage();
            end(key, s);
            return;
        }
        if (s.pending.isEmpty() && s.closeWhenWritten) {
            end(key, s);
        } else if (s.pending.isEmpty()) {
            key.interestOps(SelectionKey.OP_READ);
        } else if (s.pendingBytes <= MAX_PENDING_BYTES) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private void dropSilent() {
        if (config.timeoutMillis() == 0) {
            return; // 0: wait for ever, as a socket's read timeout of 0 does
        }
        long now = System.nanoTime();
        long limit = config.timeoutMillis() * 1_000_000L;
        for (SelectionKey key : new ArrayList<>(selector.keys())) {
            if (key.attachment() instanceof Session s && now - s.lastHeard > limit && s.pending.isEmpty()) {
                stats.timedOut.incrementAndGet();
                s.ending = "timed out: silent for " + config.timeoutMillis() / 1000.0 + " s";
                end(key, s);
            }
        }
    }

    private void end(SelectionKey key, Session s) {
        key.cancel();
        Closing.quietly(s.channel);
        log.println(ServerLog.ending(s.peer, s.frames, s.ending));
        stats.active.decrementAndGet();
        stats.served.incrementAndGet();
    }

    private static ByteBuffer frame(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(Frames.HEADER_BYTES + payload.length);
        buffer.putInt(payload.length).put(payload).flip();
        return buffer;
    }

    /** Stops the selector thread, which closes every connection, then prints the totals. */
    @Override
    public void close() {
        if (closing || listener == null) {
            return;
        }
        closing = true;
        selector.wakeup();
        try {
            thread.join(config.graceMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Closing.quietly(listener);
        log.println("closed port " + port() + ": " + stats.summary());
    }
}
