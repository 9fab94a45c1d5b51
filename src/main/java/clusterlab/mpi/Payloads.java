package clusterlab.mpi;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * The data of collective messages: arrays of numbers travel raw, anything else serialized. The
 * point-to-point calls choose the kind themselves (send serializes, sendDoubles does not).
 */
final class Payloads {
    private Payloads() {
    }

    static Kind kindOf(Object value) {
        if (value instanceof byte[]) {
            return Kind.BYTES;
        } else if (value instanceof int[]) {
            return Kind.INTS;
        } else if (value instanceof long[]) {
            return Kind.LONGS;
        } else if (value instanceof double[]) {
            return Kind.DOUBLES;
        }
        return Kind.OBJECT;
    }

    /**
     * The data for a collective's message. A byte[] goes as it is, not copied: collectives send
     * only to other ranks, and a message to another rank is written out before the send returns.
     */
    static byte[] encode(Object value) {
        switch (kindOf(value)) {
            case BYTES: return (byte[]) value;
            case INTS: return RawArrays.encode((int[]) value);
            case LONGS: return RawArrays.encode((long[]) value);
            case DOUBLES: return RawArrays.encode((double[]) value);
            default: return ObjectCodec.encode((Serializable) value);
        }
    }

    /** @param from says where the message came from, for error messages */
    static Object decode(Kind kind, byte[] data, String from) {
        try {
            switch (kind) {
                case BYTES: return data;
                case INTS: return RawArrays.ints(data);
                case LONGS: return RawArrays.longs(data);
                case DOUBLES: return RawArrays.doubles(data);
                default: return ObjectCodec.decode(data, from);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bad array " + from + ": " + e.getMessage(), e);
        }
    }
}
