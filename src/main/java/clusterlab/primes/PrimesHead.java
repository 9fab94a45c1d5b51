package clusterlab.primes;

import clusterlab.cli.UsageException;
import clusterlab.net.Accepting;
import clusterlab.net.Binding;
import clusterlab.net.Closing;
import clusterlab.net.ServerConfig;
import clusterlab.primes.PrimeRange.Block;
import clusterlab.wire.Connection;
import clusterlab.wire.Json;
import clusterlab.wire.JsonException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The prime finder's head: hands out blocks to the workers that connect (see {@link Protocol}),
 * checks each batch they send ({@link BatchCheck}), and has the primes written in order with a
 * checkpoint ({@link OrderedOutput}); the run is complete when every block is on disk.
 *
 * <p>A worker that goes away, or is silent for a lease, during a block has that block handed to
 * another; its connection is closed, so a late answer is never read. A batch that fails the checks
 * is rejected whole and logged, the block goes to another worker, and the sender's connection is
 * closed. On the same port the head also takes the article's workers: one prime in ASCII digits per
 * connection. Those are counted in the model for display, but are not part of the output.
 *
 * <p>As a {@link HeadControl} the head can be stopped (no new blocks go out; workers finish theirs
 * and wait), started again, and asked to quit.
 */
public final class PrimesHead implements Closeable, HeadControl {
    static final String COMMAND = "primes-head";
    private static final int HELLO_MILLIS = 10_000;
    private static final int ARTICLE_MILLIS = 10_000;
    private static final long GRACE_MILLIS = 2_000;

    private final HeadSettings settings;
    private final PrimesModel model;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final Set<String> articleSeen = ConcurrentHashMap.newKeySet();
    /** One thread per connection, reused: starting a thread for each of the article's one-prime connections costs more than serving it. */
    private final ThreadPoolExecutor connectionThreads;
    private OrderedOutput output;
    private BlockScheduler scheduler;
    private ServerSocket listener;
    private PrimesWorker local;
    private Thread localThread;
    private volatile boolean closing;
    private volatile boolean quitRequested;
    /** Keeps the scheduler and the model agreeing on whether the head is paused. */
    private final Object pauseLock = new Object();

    /** A head for {@code settings}; its log lines go to {@code log} (and the model's log). */
    public PrimesHead(HeadSettings settings, PrintStream log) {
        this.settings = settings;
        this.model = new PrimesModel(settings.range(), settings.blockSize(), log);
        this.connectionThreads = new ThreadPoolExecutor(0, settings.maxConnections(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread t = new Thread(task, "primes-connection");
                    t.setDaemon(true);
                    return t;
                });
    }

    public PrimesModel model() {
        return model;
    }

    /**
     * Opens the output (resuming from its checkpoint when there is one), starts listening, and
     * starts the local workers if any.
     *
     * @throws UsageException when the output belongs to another run or cannot be resumed
     */
    public void start() throws IOException, UsageException {
        output = openOutput();
        scheduler = new BlockScheduler(settings.range(), settings.blockSize(), output.writtenCount(), settings.shares(), output);
        output.onWritten(scheduler::changed);
        output.start();
        if (settings.paused()) {
            scheduler.pause(true);
            model.paused(true);
        }
        listener = Binding.bind(new ServerConfig().host(settings.host()).port(settings.port()).backlog(settings.backlog()));
        Thread accept = new Thread(this::acceptLoop, "primes-accept-" + port());
        accept.setDaemon(true);
        accept.start();
        model.log("head listening on " + settings.host() + ":" + port() + " for " + settings.range() + " in "
                + model.blockCount() + (model.blockCount() == 1 ? " block of " : " blocks of ") + settings.blockSize() + (scheduler.isStatic()
                ? ", split once into " + settings.shares() + " shares (static)" : ", handed out on request (dynamic)")
                + "; start workers with: clusterlab primes-worker --head HOST:" + port());
        if (settings.paused()) {
            model.log("stopped: no blocks go out until Start");
        }
        if (settings.localThreads() > 0) {
            String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1" : settings.host();
            local = new PrimesWorker(host, port(), settings.localThreads(), "local", 10_000, new PrintStream(PrintStream.nullOutputStream()));
            localThread = new Thread(() -> {
                try {
                    local.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "primes-local-workers");
            localThread.setDaemon(true);
            localThread.start();
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Waits up to {@code millis} for every block to be on disk; true when they are.
     *
     * @throws IOException if the output failed (a full disk, say): the checkpoint still holds what was written before
     */
    public boolean awaitComplete(long millis) throws IOException, InterruptedException {
        boolean complete = output.awaitWritten(model.blockCount(), millis);
        IOException failure = output.failure(); // only an output file can fail
        if (failure != null) {
            Checkpoint c = output.checkpoint();
            throw new IOException(failure.getMessage() + "; " + Checkpoint.pathFor(settings.out()) + " still vouches for the first "
                    + c.blocksWritten() + " blocks (" + c.count() + " primes): run the same command again to resume", failure);
        }
        return complete;
    }

    /** Stops handing out blocks; workers finish the block they have and wait. Only after {@link #start}. */
    @Override
    public void pause() {
        synchronized (pauseLock) {
            if (started().pause(true)) {
                model.paused(true);
                model.log("stopped: no new blocks go out; each worker finishes the block it has and waits");
            }
        }
    }

    /** Hands out blocks again. Only after {@link #start}. */
    @Override
    public void resume() {
        synchronized (pauseLock) {
            if (!quitRequested && started().pause(false)) {
                model.paused(false);
                model.log("started: blocks go out again");
            }
        }
    }

    /**
     * Asks whoever runs the head to close it: nothing more is handed out from now on. The head
     * itself goes on until {@link #close}, which leaves the checkpoint as the last write left it.
     */
    @Override
    public void quit() {
        synchronized (pauseLock) {
            BlockScheduler blocks = started();
            if (quitRequested) {
                return;
            }
            quitRequested = true;
            blocks.pause(true);
        }
        model.log("quit: the head closes" + (settings.out() == null ? ""
                : "; " + Checkpoint.pathFor(settings.out()) + " keeps what is on disk, and the same command resumes the run"));
    }

    /** True once {@link #quit} was called. */
    public boolean quitRequested() {
        return quitRequested;
    }

    private BlockScheduler started() {
        if (scheduler == null) {
            throw new IllegalStateException("the head is not started");
        }
        return scheduler;
    }

    /** Blocks whose batches went through a spill file while they waited. */
    public long spilledBlocks() {
        return output.spilledCount();
    }

    private OrderedOutput openOutput() throws IOException, UsageException {
        Path out = settings.out();
        PrimeRange range = settings.range();
        Checkpoint start = Checkpoint.empty(range, settings.blockSize());
        if (out == null) {
            return new OrderedOutput(model, null, null, null, start, settings.memoryLimit(), null);
        }
        Path checkpointPath = Checkpoint.pathFor(out);
        Checkpoint saved = Checkpoint.read(checkpointPath, COMMAND);
        OutputFile file;
        if (saved != null) {
            if (!saved.range().equals(range) || saved.blockSize() != settings.blockSize()) {
                throw new UsageException("clusterlab " + COMMAND + ": " + out + " holds a run of --range " + saved.range()
                        + " --block " + saved.blockSize() + " (see " + checkpointPath + "), not --range " + range + " --block "
                        + settings.blockSize() + "; resume it with those options, or choose another --out");
            }
            if (!Files.exists(out)) {
                throw new UsageException("clusterlab " + COMMAND + ": " + out + " is missing but its checkpoint " + checkpointPath
                        + " is there; delete the checkpoint to start again");
            }
            file = settings.opener().open(out);
            if (file.size() < saved.bytes()) {
                long size = file.size();
                file.close();
                throw new UsageException("clusterlab " + COMMAND + ": " + out + " has " + size + " bytes but its checkpoint says "
                        + saved.bytes() + "; it was changed since: delete it and " + checkpointPath + " to start again");
            }
            file.truncate(saved.bytes());
            start = saved;
            model.resumed(saved.blocksWritten(), saved.numbers(), saved.count(), saved.largest());
            model.log("resuming " + out + " from its checkpoint: " + saved.blocksWritten() + " of " + model.blockCount()
                    + " blocks written (" + saved.count() + " primes)");
        } else {
            if (Files.exists(out) && Files.size(out) > 0) {
                throw new UsageException("clusterlab " + COMMAND + ": " + out + " exists and has no checkpoint " + checkpointPath
                        + ", so it is not a run to resume; move it away or choose another --out");
            }
            file = settings.opener().open(out);
            start.write(checkpointPath);
        }
        return new OrderedOutput(model, file, out.toString(), checkpointPath, start, settings.memoryLimit(),
                out.resolveSibling(out.getFileName() + ".spill"));
    }

    private void acceptLoop() {
        while (true) {
            Socket socket = Accepting.next(listener, () -> closing, model::log);
            if (socket == null) {
                return;
            }
            if (active.incrementAndGet() > settings.maxConnections()) {
                active.decrementAndGet();
                model.log("refused " + socket.getInetAddress().getHostAddress() + ": " + settings.maxConnections()
                        + " connections already");
                Closing.quietly(socket);
                continue;
            }
            sockets.add(socket);
            try {
                connectionThreads.execute(() -> {
                    try {
                        serve(socket);
                    } finally {
                        sockets.remove(socket);
                        Closing.quietly(socket);
                        active.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException e) {
                sockets.remove(socket);
                Closing.quietly(socket);
                active.decrementAndGet();
            }
        }
    }

    /** Reads the first frame and serves the connection as ours or as the article's. */
    private void serve(Socket socket) {
        String address = socket.getInetAddress().getHostAddress();
        try {
            socket.setTcpNoDelay(true);
            Connection c = new Connection(socket);
            c.setReadTimeout(HELLO_MILLIS);
            byte[] first = c.receive();
            if (first == null) {
                return;
            }
            if (isDigits(first)) {
                serveArticle(c, address, first);
                return;
            }
            Map<String, Object> hello;
            try {
                hello = Json.parseObject(first);
            } catch (JsonException e) {
                hello = null;
            }
            if (hello == null || !"hello".equals(hello.get("type")) || !(hello.get("worker") instanceof String name)
                    || !(hello.get("threads") instanceof Long threads) || name.isEmpty() || name.length() > 100
                    || name.chars().anyMatch(Character::isISOControl) || threads < 1 || threads > 4096) {
                String why = "the first frame is neither {\"type\":\"hello\",\"worker\":NAME,\"threads\":N} (NAME of 1 to 100"
                        + " characters, N from 1 to 4096) nor a prime in ASCII digits: " + Protocol.clip(new String(first, StandardCharsets.UTF_8));
                model.log("refused " + address + ": " + why);
                c.sendJson(Protocol.error(why));
                return;
            }
            serveWorker(c, address, name, threads.intValue());
        } catch (IOException e) {
            if (!closing) {
                model.log("connection from " + address + " ended: " + e.getMessage());
            }
        }
    }

    private static boolean isDigits(byte[] frame) {
        if (frame.length == 0 || frame.length > 19) {
            return false;
        }
        for (byte b : frame) {
            if (b < '0' || b > '9') {
                return false;
            }
        }
        return true;
    }

    /** The article's worker: frames of ASCII digits, one prime each (normally one per connection). */
    private void serveArticle(Connection c, String address, byte[] frame) throws IOException {
        c.setReadTimeout(ARTICLE_MILLIS);
        while (frame != null) {
            String text = new String(frame, StandardCharsets.US_ASCII);
            long n;
            try {
                n = isDigits(frame) ? Long.parseLong(text) : -1;
            } catch (NumberFormatException tooLarge) {
                n = -1;
            }
            if (n >= 0 && MillerRabin.isPrime(n)) {
                model.articlePrime(address, n);
                if (articleSeen.size() < PrimesModel.MAX_WORKERS && articleSeen.add(address)) {
                    model.log("article-protocol worker " + address + " sent its first prime, " + n
                            + " (counted, not part of the output)");
                }
            } else {
                model.articleRefused();
                model.log("refused '" + Protocol.clip(text) + "' from article-protocol worker " + address
                        + ": not a prime below 2^63 in ASCII digits");
            }
            frame = c.receive();
        }
    }

    /**
     * One of our workers' connections: blocks out, batches in, until done. As soon as a batch has
     * arrived the worker is sent its next block, and only then is the batch checked: the worker
     * sieves while the head checks.
     */
    private void serveWorker(Connection c, String address, String name, int threads) throws IOException {
        if (scheduler.connected(name) == 1) {
            model.log("worker " + name + " joined from " + address + " with " + threads + (threads == 1 ? " thread" : " threads"));
        }
        model.workerConnected(name, address, threads);
        BatchCheck check = new BatchCheck(settings.sample());
        try {
            Block block = awaitBlock(c, name);
            if (block == null) {
                return;
            }
            c.setReadTimeout(settings.leaseMillis());
            c.sendJson(Protocol.block(block));
            long sentAt = System.nanoTime();
            while (true) {
                Protocol.Batch batch = receive(c, name, block);
                if (batch == null) {
                    return;
                }
                long nanos = System.nanoTime() - sentAt;
                Block next = scheduler.next(name, 0);
                boolean nextSent = false;
                if (next != null && next != BlockScheduler.DONE) {
                    try {
                        c.sendJson(Protocol.block(next));
                        nextSent = true;
                        sentAt = System.nanoTime();
                    } catch (IOException e) {
                        scheduler.giveBack(next); // this batch is in hand all the same: check and keep it
                    }
                }
                if (!checkAndAccept(c, name, check, block, batch, nanos, nextSent ? next : null)) {
                    return;
                }
                if (!nextSent) {
                    next = next == BlockScheduler.DONE ? null : awaitBlock(c, name);
                    if (next == null) {
                        return;
                    }
                    c.sendJson(Protocol.block(next));
                    sentAt = System.nanoTime();
                }
                block = next;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            model.workerDisconnected(name);
            if (scheduler.disconnected(name) == 0 && !closing) {
                model.log("worker " + name + " left");
            }
        }
    }

    /**
     * Waits for a block for the worker, sending {"type":"wait"} now and then; null when there is no
     * more work (the worker has been told it is done, or the head is closing).
     */
    private Block awaitBlock(Connection c, String name) throws IOException, InterruptedException {
        while (true) {
            Block block = scheduler.next(name, Protocol.WAIT_MILLIS);
            if (block == null) {
                c.sendJson(Protocol.waitMessage());
            } else if (block == BlockScheduler.DONE) {
                if (!closing || output.writtenCount() >= model.blockCount()) {
                    c.sendJson(Protocol.done());
                }
                return null;
            } else {
                return block;
            }
        }
    }

    /** The worker's batch for {@code block}; null, with the block given back, when there is none. */
    private Protocol.Batch receive(Connection c, String name, Block block) throws IOException {
        try {
            return Protocol.receiveBatch(c, block);
        } catch (MalformedBatchException e) {
            reject(c, name, block, e);
        } catch (SocketTimeoutException e) {
            scheduler.giveBack(block);
            if (!closing) {
                model.log("worker " + name + " took over " + settings.leaseMillis() / 1000.0 + " s (the lease) on " + block
                        + "; dropped, the block goes to another worker");
            }
        } catch (IOException e) {
            scheduler.giveBack(block);
            if (!closing) {
                model.log("worker " + name + " went away during " + block + " (" + (e instanceof EOFException ? "" : "error: ")
                        + e.getMessage() + "); the block goes to another worker");
            }
        }
        return null;
    }

    /**
     * Checks the batch and hands it to the output. False when the connection is over (a rejection,
     * or a failed output); then {@code sentAhead}, the block already sent after this one, if any,
     * goes back too.
     */
    private boolean checkAndAccept(Connection c, String name, BatchCheck check, Block block, Protocol.Batch batch, long nanos,
            Block sentAhead) throws IOException {
        CheckedBlock checked;
        try {
            checked = check.check(block, batch.count(), batch.data());
        } catch (MalformedBatchException e) {
            if (sentAhead != null) {
                scheduler.giveBack(sentAhead);
            }
            reject(c, name, block, e);
            return false;
        }
        boolean accepted;
        try {
            accepted = output.accept(checked, name, nanos);
        } catch (IOException e) {
            if (sentAhead != null) {
                scheduler.giveBack(sentAhead);
            }
            scheduler.giveBack(block);
            return false; // the output failed: the head reports it and stops
        }
        if (accepted) {
            scheduler.changed();
        } else {
            model.log("ignored " + block + " from worker " + name + ": it was already done");
        }
        return true;
    }

    /** A batch that failed the checks: logged, the block goes back, the worker is told why and disconnected. */
    private void reject(Connection c, String name, Block block, MalformedBatchException e) throws IOException {
        scheduler.giveBack(block);
        model.blockRejected(name);
        String why = "rejected " + block + " from worker " + name + ": " + e.getMessage();
        model.log(why + "; the block goes to another worker");
        c.sendJson(Protocol.error(why));
    }

    /**
     * Stops: workers waiting are told the work is done if it is (otherwise their connections are
     * just closed, and they retry until a head is back), the listener closes, and the output
     * finishes what it is writing.
     */
    @Override
    public void close() throws IOException {
        if (closing) {
            return;
        }
        closing = true;
        if (scheduler != null) {
            scheduler.stop();
        }
        if (listener != null) {
            listener.close();
        }
        // Once the work is done, the workers get a moment to hear so and leave; otherwise they are cut off.
        boolean complete = output != null && output.writtenCount() >= model.blockCount();
        long deadline = System.currentTimeMillis() + (complete ? GRACE_MILLIS : 0);
        if (local != null) {
            try {
                localThread.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            local.stop();
        }
        while (active.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Socket s : sockets) {
            Closing.quietly(s);
        }
        connectionThreads.shutdown();
        if (output != null) {
            output.close();
        }
    }

}
