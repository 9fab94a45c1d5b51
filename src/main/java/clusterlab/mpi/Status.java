package clusterlab.mpi;

/**
 * Where a received message came from: pass one to a receive with {@link Comm#ANY_SOURCE} or
 * {@link Comm#ANY_TAG} to learn which source and tag matched, and how many bytes arrived.
 */
public final class Status {
    private int source = -1;
    private int tag = -1;
    private int size;

    void fill(Message message) {
        source = message.source();
        tag = message.tag();
        size = message.data().length;
    }

    public int source() {
        return source;
    }

    public int tag() {
        return tag;
    }

    /** The size of the message's data in bytes (serialized form for objects). */
    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return "source " + source + ", tag " + tag + ", " + size + " bytes";
    }
}
