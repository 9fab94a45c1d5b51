package clusterlab.mpi;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * A communicator: the ranks of one job, and the messages between them (MPI's COMM_WORLD).
 * A program gets it with {@link #world()}; {@code clusterlab mpirun} starts the ranks.
 *
 * <p>Point to point: {@link #send}/{@link #recv} move any {@link Serializable} object (like mpi4py's
 * lowercase send/recv); {@link #sendDoubles}/{@link #recvDoubles} and the byte, int and long
 * versions move arrays as raw bytes (like its uppercase Send/Recv). Sends return once the message is
 * written: the receiving rank buffers it until it is received. Messages from one rank with one tag
 * are received in the order they were sent. Tags are 0 or more; {@link #ANY_SOURCE} and
 * {@link #ANY_TAG} receive from any rank or with any tag, and a {@link Status} says which came.
 *
 * <p>Collectives (barrier, bcast, scatter, gather, allgather, reduce, allreduce) must be called by
 * every rank, in the same order: see {@link Collectives} for how they work.
 *
 * <p>A receive that waits longer than {@link #setWarnAfter} (10 s unless the environment variable
 * CLUSTERLAB_MPI_WARN says otherwise, e.g. {@code 500ms} or {@code 30s}) prints what it waits for and
 * which messages arrived instead, then goes on waiting. A receive from a rank that died fails with
 * a {@link RankFailedException} naming it.
 */
public final class Comm implements AutoCloseable {
    public static final int ANY_SOURCE = -1;
    public static final int ANY_TAG = -1;
    /** The tag of the collectives' messages: negative, so no user message can match it. */
    static final int COLLECTIVE_TAG = -2;

    /** What mpirun tells each rank. */
    static final String ENV_RANK = "CLUSTERLAB_MPI_RANK";
    static final String ENV_SIZE = "CLUSTERLAB_MPI_SIZE";
    static final String ENV_RENDEZVOUS = "CLUSTERLAB_MPI_RENDEZVOUS";
    static final String ENV_WARN = "CLUSTERLAB_MPI_WARN";
    private static final long DEFAULT_WARN_MILLIS = 10_000;

    private static Comm world;

    private final int rank;
    private final int size;
    private final Mailbox mailbox;
    private final Mesh mesh; // null when the world is this one rank
    private final Collectives collectives = new Collectives(this);
    private boolean closed;

    private Comm(int rank, int size, Mailbox mailbox, Mesh mesh) {
        this.rank = rank;
        this.size = size;
        this.mailbox = mailbox;
        this.mesh = mesh;
    }

    /**
     * All the ranks of this job, connected on first use. A program started without mpirun is a
     * world of one rank (as with mpi4py), in which a rank can still send to itself.
     */
    public static synchronized Comm world() {
        if (world == null) {
            String rendezvous = System.getenv(ENV_RENDEZVOUS);
            long warn = warnMillis(System.getenv(ENV_WARN));
            if (rendezvous == null) {
                world = new Comm(0, 1, new Mailbox(0, 1, warn), null);
            } else {
                int colon = rendezvous.lastIndexOf(':');
                InetSocketAddress at = new InetSocketAddress(rendezvous.substring(0, colon),
                        Integer.parseInt(rendezvous.substring(colon + 1)));
                try {
                    world = connect(Integer.parseInt(System.getenv(ENV_RANK)), Integer.parseInt(System.getenv(ENV_SIZE)), at, warn);
                } catch (IOException e) {
                    throw new UncheckedIOException("rank " + System.getenv(ENV_RANK) + " cannot join the job at "
                            + rendezvous + ": " + e.getMessage(), e);
                }
            }
        }
        return world;
    }

    /** Closes the world, if the program used it: the end of every rank's run. */
    static synchronized void closeWorld() {
        if (world != null) {
            world.close();
        }
    }

    /** Joins a job through its rendezvous; tests use this to run several ranks in one JVM. */
    static Comm connect(int rank, int size, InetSocketAddress rendezvous, long warnMillis) throws IOException {
        Mailbox mailbox = new Mailbox(rank, size, warnMillis);
        return new Comm(rank, size, mailbox, Mesh.connect(rank, size, rendezvous, mailbox));
    }

    /** "10s", "500ms", "2m" or a number of seconds; null gives the default of 10 s. */
    static long warnMillis(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_WARN_MILLIS;
        }
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Long.parseLong(t.substring(0, t.length() - 2));
            } else if (t.endsWith("m")) {
                return Long.parseLong(t.substring(0, t.length() - 1)) * 60_000;
            }
            return Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t) * 1000;
        } catch (NumberFormatException e) {
            throw new MpiException(ENV_WARN + " must be a duration such as 500ms, 10s or 2m, not '" + text + "'");
        }
    }

    public int rank() {
        return rank;
    }

    public int size() {
        return size;
    }

    /** How long a receive waits before it prints what it is waiting for (it then goes on waiting). */
    public void setWarnAfter(Duration wait) {
        mailbox.setWarnAfter(wait.toMillis());
    }

    // ---- point to point: objects ----

    /** Sends a copy of {@code obj} (serialized) to rank {@code dest}. */
    public void send(Serializable obj, int dest, int tag) {
        transmit(Kind.OBJECT, dest, tag, ObjectCodec.encode(obj));
    }

    /** Waits for an object from {@code source} (or ANY_SOURCE) with {@code tag} (or ANY_TAG). */
    public <T> T recv(int source, int tag) {
        return recv(source, tag, null);
    }

    /** As {@link #recv(int, int)}, and fills {@code status} (if not null) with the source, tag and size. */
    public <T> T recv(int source, int tag, Status status) {
        return receive(source, tag, status, Kind.OBJECT, this::object);
    }

    // ---- point to point: arrays as raw bytes ----

    public void sendBytes(byte[] data, int dest, int tag) {
        // A message to another rank is written out before send returns, so the caller's array can
        // go as it is; a message to this rank waits in its mailbox, so it must be a copy.
        transmit(Kind.BYTES, dest, tag, dest == rank ? data.clone() : data);
    }

    public void sendInts(int[] data, int dest, int tag) {
        transmit(Kind.INTS, dest, tag, RawArrays.encode(data));
    }

    public void sendLongs(long[] data, int dest, int tag) {
        transmit(Kind.LONGS, dest, tag, RawArrays.encode(data));
    }

    public void sendDoubles(double[] data, int dest, int tag) {
        transmit(Kind.DOUBLES, dest, tag, RawArrays.encode(data));
    }

    public byte[] recvBytes(int source, int tag) {
        return recvBytes(source, tag, null);
    }

    public byte[] recvBytes(int source, int tag, Status status) {
        return receive(source, tag, status, Kind.BYTES, Message::data);
    }

    public int[] recvInts(int source, int tag) {
        return recvInts(source, tag, null);
    }

    public int[] recvInts(int source, int tag, Status status) {
        return receive(source, tag, status, Kind.INTS, m -> RawArrays.ints(m.data()));
    }

    public long[] recvLongs(int source, int tag) {
        return recvLongs(source, tag, null);
    }

    public long[] recvLongs(int source, int tag, Status status) {
        return receive(source, tag, status, Kind.LONGS, m -> RawArrays.longs(m.data()));
    }

    public double[] recvDoubles(int source, int tag) {
        return recvDoubles(source, tag, null);
    }

    public double[] recvDoubles(int source, int tag, Status status) {
        return receive(source, tag, status, Kind.DOUBLES, this::doubles);
    }

    // ---- send and receive at once, non-blocking ----

    /**
     * Sends {@code obj} to {@code dest} and receives an object from {@code source}. The receive is
     * posted before the send, so a ring of ranks all calling sendrecv cannot deadlock.
     */
    public <T> T sendrecv(Serializable obj, int dest, int sendTag, int source, int recvTag) {
        Request<T> r = irecv(source, recvTag);
        send(obj, dest, sendTag);
        return r.waitFor();
    }

    public double[] sendrecvDoubles(double[] data, int dest, int sendTag, int source, int recvTag) {
        Request<double[]> r = irecvDoubles(source, recvTag);
        sendDoubles(data, dest, sendTag);
        return r.waitFor();
    }

    public Request<Void> isend(Serializable obj, int dest, int tag) {
        send(obj, dest, tag);
        return Request.sent();
    }

    public Request<Void> isendDoubles(double[] data, int dest, int tag) {
        sendDoubles(data, dest, tag);
        return Request.sent();
    }

    /** Starts receiving an object; the receive takes its place in the order of receives now. */
    public <T> Request<T> irecv(int source, int tag) {
        checkSource(source, tag);
        return Request.receiving(mailbox, mailbox.post(source, tag), m -> this.<T>object(expect(m, Kind.OBJECT)));
    }

    public Request<double[]> irecvDoubles(int source, int tag) {
        checkSource(source, tag);
        return Request.receiving(mailbox, mailbox.post(source, tag), m -> doubles(expect(m, Kind.DOUBLES)));
    }

    // ---- collectives ----

    /** Waits until every rank has called barrier. */
    public void barrier() {
        collectives.barrier();
    }

    /** Every rank gets the root's {@code value} (the others pass anything, e.g. null). */
    public <T extends Serializable> T bcast(T value, int root) {
        checkRoot(root, Call.BCAST);
        @SuppressWarnings("unchecked")
        T result = (T) collectives.bcast(value, root);
        return result;
    }

    /** Rank i gets {@code values.get(i)}; only the root's list counts (the others pass null). */
    public <T extends Serializable> T scatter(List<T> values, int root) {
        checkRoot(root, Call.SCATTER);
        @SuppressWarnings("unchecked")
        T result = (T) collectives.scatter(values, root);
        return result;
    }

    /** The root gets every rank's value, in rank order; the other ranks get null. */
    public <T extends Serializable> List<T> gather(T value, int root) {
        checkRoot(root, Call.GATHER);
        return Collectives.typed(collectives.gather(value, root));
    }

    /** Every rank gets every rank's value, in rank order. */
    public <T extends Serializable> List<T> allgather(T value) {
        return Collectives.typed(collectives.allgather(value));
    }

    /** The root gets {@code op} of every rank's value; the other ranks get NaN. */
    public double reduce(double value, Op op, int root) {
        checkRoot(root, Call.REDUCE);
        double[] result = (double[]) collectives.reduce(new double[] {value}, elementwise(op), root);
        return result == null ? Double.NaN : result[0];
    }

    /** The root gets {@code op} of every rank's array, element by element; the other ranks get null. */
    public double[] reduce(double[] values, Op op, int root) {
        checkRoot(root, Call.REDUCE);
        return (double[]) collectives.reduce(values.clone(), elementwise(op), root);
    }

    /** The root gets {@code op} of every rank's value; the other ranks get null. */
    public <T extends Serializable> T reduceObject(T value, BinaryOperator<T> op, int root) {
        checkRoot(root, Call.REDUCE);
        @SuppressWarnings("unchecked")
        T result = (T) collectives.reduce(value, objects(op), root);
        return result;
    }

    /** Every rank gets {@code op} of every rank's value. */
    public double allreduce(double value, Op op) {
        return ((double[]) collectives.allreduce(new double[] {value}, elementwise(op)))[0];
    }

    public double[] allreduce(double[] values, Op op) {
        return (double[]) collectives.allreduce(values.clone(), elementwise(op));
    }

    public <T extends Serializable> T allreduceObject(T value, BinaryOperator<T> op) {
        @SuppressWarnings("unchecked")
        T result = (T) collectives.allreduce(value, objects(op));
        return result;
    }

    // ---- the end ----

    /**
     * Waits until every rank closes (a barrier), then says goodbye to them and closes the
     * connections. mpirun's ranks call this after main returns.
     */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (mesh != null) {
                barrier();
                mesh.close();
            }
        }
    }

    /** Stops at once, without a goodbye: the other ranks see this rank die (MPI_Abort). */
    public synchronized void abort() {
        closed = true;
        if (mesh != null) {
            mesh.abort();
        }
    }

    // ---- inside ----

    void sendCollective(int dest, Message message) {
        deliverOrSend(dest, message);
    }

    Message recvCollective(int source) {
        return mailbox.await(mailbox.post(source, COLLECTIVE_TAG));
    }

    private void transmit(Kind kind, int dest, int tag, byte[] data) {
        if (dest < 0 || dest >= size) {
            throw new MpiException("rank " + rank + " of " + size + " cannot send to rank " + dest + " (tag " + tag
                    + "): ranks are 0 to " + (size - 1));
        }
        if (tag < 0) {
            throw new MpiException("rank " + rank + " of " + size + " cannot send with tag " + tag + " to rank " + dest
                    + ": tags are 0 or more");
        }
        deliverOrSend(dest, Message.pointToPoint(kind, rank, tag, data));
    }

    private void deliverOrSend(int dest, Message message) {
        if (dest == rank) {
            mailbox.deliver(message);
        } else {
            mesh.send(dest, message);
        }
    }

    private <T> T receive(int source, int tag, Status status, Kind kind, Function<Message, T> decode) {
        checkSource(source, tag);
        Message m = expect(mailbox.await(mailbox.post(source, tag)), kind);
        if (status != null) {
            status.fill(m);
        }
        return decode.apply(m);
    }

    private void checkSource(int source, int tag) {
        if (source != ANY_SOURCE && (source < 0 || source >= size)) {
            throw new MpiException("rank " + rank + " of " + size + " cannot receive from rank " + source + " (tag " + tag
                    + "): ranks are 0 to " + (size - 1) + ", or ANY_SOURCE");
        }
        if (tag < 0 && tag != ANY_TAG) {
            throw new MpiException("rank " + rank + " of " + size + " cannot receive with tag " + tag + " from "
                    + (source == ANY_SOURCE ? "any rank" : "rank " + source) + ": tags are 0 or more, or ANY_TAG");
        }
    }

    private void checkRoot(int root, Call call) {
        if (root < 0 || root >= size) {
            throw new MpiException("rank " + rank + " of " + size + " called " + call + " with root " + root
                    + ": ranks are 0 to " + (size - 1));
        }
    }

    private Message expect(Message m, Kind kind) {
        if (m.kind() != kind) {
            throw new MpiException("rank " + rank + " asked for " + kind.description() + " but the message from rank "
                    + m.source() + " with tag " + m.tag() + " holds " + m.kind().description()
                    + " (send and receive with matching calls, e.g. sendDoubles and recvDoubles)");
        }
        return m;
    }

    private <T> T object(Message m) {
        @SuppressWarnings("unchecked")
        T value = (T) ObjectCodec.decode(m.data(), "from rank " + m.source() + " with tag " + m.tag());
        return value;
    }

    private double[] doubles(Message m) {
        return (double[]) Payloads.decode(Kind.DOUBLES, m.data(), "from rank " + m.source() + " with tag " + m.tag());
    }

    private static BinaryOperator<Object> elementwise(Op op) {
        return (a, b) -> {
            double[] x = (double[]) a;
            double[] y = (double[]) b;
            if (x.length != y.length) {
                throw new MpiException("reduce of double[] needs arrays of one length on every rank, not "
                        + x.length + " and " + y.length);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = op.apply(x[i], y[i]);
            }
            return x;
        };
    }

    private static <T> BinaryOperator<Object> objects(BinaryOperator<T> op) {
        return (a, b) -> {
            @SuppressWarnings("unchecked")
            T result = op.apply((T) a, (T) b);
            return result;
        };
    }
}
