package clusterlab.calc;

import clusterlab.wire.Connection;
import clusterlab.wire.RawDoubles;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The head's side of one node: a thread that takes the next batch, sends it, and waits for the
 * answer. A fast node comes back for work sooner and so gets more of it: that is the whole of the
 * load balancing. A node that fails or answers nonsense puts its batch back for the others.
 */
final class NodeLink implements Runnable {
    /** The node refused a batch for a reason every node would share (the function does not compile). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    final String name;
    final int threads;
    private final Connection connection;
    private final BlockingDeque<Batch> work;
    private final PrintStream log;
    private final Consumer<NodeLink> onExit;
    private volatile boolean stopping;
    volatile long batches; // written by this link's thread only
    volatile long points;
    volatile long busyNanos;

    NodeLink(String name, int threads, Connection connection, BlockingDeque<Batch> work, PrintStream log,
            Consumer<NodeLink> onExit) {
        this.name = name;
        this.threads = threads;
        this.connection = connection;
        this.work = work;
        this.log = log;
        this.onExit = onExit;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                Batch batch = work.poll(200, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                if (batch.run.finished()) {
                    continue; // left over from a run that failed
                }
                long start = System.nanoTime();
                try {
                    batch.send(connection);
                    double[] values = receiveResult(batch);
                    batch.run.complete(batch, values);
                    batches++;
                    points += values.length;
                    busyNanos += System.nanoTime() - start;
                } catch (Refused e) {
                    batch.run.fail(e.getMessage());
                } catch (IOException e) {
                    work.addFirst(batch);
                    log.println("node " + name + " lost (" + e.getMessage() + "); batch " + batch.id
                            + " goes to another node");
                    return;
                }
            }
            sayBye();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
            onExit.accept(this);
        }
    }

    private double[] receiveResult(Batch batch) throws IOException, Refused {
        Map<String, Object> header = connection.receiveJson();
        if (header == null) {
            throw new IOException("the node closed the connection");
        }
        Object type = header.get("type");
        if ("error".equals(type)) {
            throw new Refused(String.valueOf(header.get("message")));
        }
        if (!"result".equals(type) || !number(header.get("id"), batch.id) || !number(header.get("count"), batch.size())) {
            throw new IOException("unexpected answer " + header + " to batch " + batch.id + " of " + batch.size());
        }
        byte[] raw = connection.receive();
        if (raw == null) {
            throw new IOException("the node closed the connection before sending its results");
        }
        return RawDoubles.decode(raw, batch.size());
    }

    private static boolean number(Object value, long expected) {
        return value instanceof Long n && n == expected;
    }

    /** Asks the thread to finish its current batch and leave. */
    void stop() {
        stopping = true;
    }

    private void sayBye() {
        try {
            connection.sendJson(Map.of("type", "bye"));
        } catch (IOException ignored) {
            // The node is gone already: nothing to say goodbye to.
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // Closing a broken connection can fail; it is closed either way.
        }
    }
}
