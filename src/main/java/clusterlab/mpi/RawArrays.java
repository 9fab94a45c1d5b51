package clusterlab.mpi;

import clusterlab.wire.RawDoubles;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Arrays of numbers as raw big-endian bytes, without Java serialization: what the uppercase
 * Send/Recv of mpi4py do. An int[] of a million numbers is exactly 4 MB on the wire.
 */
final class RawArrays {
    private RawArrays() {
    }

    static byte[] encode(int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES);
        buffer.asIntBuffer().put(values);
        return buffer.array();
    }

    static byte[] encode(long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES);
        buffer.asLongBuffer().put(values);
        return buffer.array();
    }

    static byte[] encode(double[] values) {
        return RawDoubles.encode(values);
    }

    static int[] ints(byte[] bytes) {
        int[] values = new int[bytes.length / Integer.BYTES];
        ByteBuffer.wrap(bytes).asIntBuffer().get(values);
        return values;
    }

    static long[] longs(byte[] bytes) {
        long[] values = new long[bytes.length / Long.BYTES];
        ByteBuffer.wrap(bytes).asLongBuffer().get(values);
        return values;
    }

    static double[] doubles(byte[] bytes) throws IOException {
        return RawDoubles.decode(bytes, bytes.length / Double.BYTES);
    }
}
