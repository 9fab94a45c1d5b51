package clusterlab.mpi;

import java.io.IOException;
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

    static Message pointToPoint(Kind kind, int source, int tag, byte[] data) {
        return new Message(kind, source, tag, 0, null, data);
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + data.length);
        out.put((byte) kind.ordinal()).putInt(source).putInt(tag).putInt(seq);
        out.put((byte) (call == null ? 0 : call.ordinal() + 1));
        return out.put(data).array();
    }

    static Message decode(byte[] frame) throws IOException {
        if (frame.length < HEADER_BYTES) {
            throw new IOException("message of " + frame.length + " bytes is shorter than its "
                    + HEADER_BYTES + "-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        int kind = in.get();
        int source = in.getInt();
        int tag = in.getInt();
        int seq = in.getInt();
        int call = in.get();
        if (kind < 0 || kind >= Kind.values().length || call < 0 || call > Call.values().length) {
            throw new IOException("message header has unknown kind " + kind + " or call " + call);
        }
        byte[] data = new byte[in.remaining()];
        in.get(data);
        return new Message(Kind.values()[kind], source, tag, seq, call == 0 ? null : Call.values()[call - 1], data);
    }
}
