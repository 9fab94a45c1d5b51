package clusterlab.mpi;

import clusterlab.wire.Connection;
import clusterlab.wire.Frames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * One message between ranks, and its form on the wire: the payload of one frame (see
 * clusterlab.wire.Frames, which adds the length) is a 14-byte header, then the data.
 * <pre>
 *   kind (1 byte) | source (4) | tag (4) | collective sequence number (4) | collective call (1) | data
 * </pre>
 * Point-to-point messages have sequence number 0 and call 0; collective ones say which collective
 * call (1 + {@link Call#ordinal()}) and which one in the rank's sequence of collectives they belong to.
 */
record Message(Kind kind, int source, int tag, int seq, Call call, byte[] data) {
    static final int HEADER_BYTES = 14;
    /** Data this long or longer is written from the caller's array instead of being copied into the frame. */
    private static final int COPY_BELOW = 64 * 1024;

    static Message pointToPoint(Kind kind, int source, int tag, byte[] data) {
        return new Message(kind, source, tag, 0, null, data);
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + data.length);
        out.put((byte) kind.ordinal()).putInt(source).putInt(tag).putInt(seq);
        out.put((byte) (call == null ? 0 : call.ordinal() + 1));
        return out.put(data).array();
    }

    /**
     * Writes this message as one frame, the same bytes as {@code Frames.encode(encode())}, and
     * flushes. Small data goes out with the headers in one write (one TCP segment); large data
     * is written straight from its array after an 18-byte write of the headers, so a 1 MiB
     * message is not copied into a new frame first. {@code out} must be the socket's unbuffered
     * stream, used by one thread at a time.
     */
    void writeFrame(OutputStream out) throws IOException {
        boolean small = data.length < COPY_BELOW;
        ByteBuffer head = ByteBuffer.allocate(Frames.HEADER_BYTES + HEADER_BYTES + (small ? data.length : 0));
        head.putInt(HEADER_BYTES + data.length);
        head.put((byte) kind.ordinal()).putInt(source).putInt(tag).putInt(seq);
        head.put((byte) (call == null ? 0 : call.ordinal() + 1));
        if (small) {
            head.put(data);
        }
        out.write(head.array());
        if (!small) {
            out.write(data);
        }
        out.flush();
    }

    /** A message from its 14-byte header and its data, as {@link Connection#receive(byte[])} splits a frame. */
    static Message decode(byte[] head, byte[] data) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(head);
        int kind = in.get();
        int source = in.getInt();
        int tag = in.getInt();
        int seq = in.getInt();
        int call = in.get();
        if (kind < 0 || kind >= Kind.values().length || call < 0 || call > Call.values().length) {
            throw new IOException("message header has unknown kind " + kind + " or call " + call);
        }
        return new Message(Kind.values()[kind], source, tag, seq, call == 0 ? null : Call.values()[call - 1], data);
    }
}
