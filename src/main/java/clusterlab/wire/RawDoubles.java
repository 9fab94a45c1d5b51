package clusterlab.wire;

import java.nio.ByteBuffer;

/**
 * Arrays of doubles as raw bytes: 8 big-endian bytes each, the way bulk numbers travel in
 * clusterlab (a JSON header frame says what follows; the numbers come in the next frame). Text
 * would be three times larger and lose the exact value, NaN and infinities.
 */
public final class RawDoubles {
    private RawDoubles() {
    }

    public static byte[] encode(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
        buffer.asDoubleBuffer().put(values);
        return buffer.array();
    }

    /** The doubles in {@code bytes}, which must hold exactly {@code expected} of them. */
    public static double[] decode(byte[] bytes, int expected) throws java.io.IOException {
        if (bytes.length != (long) expected * Double.BYTES) {
            throw new java.io.IOException("expected " + expected + " doubles (" + (long) expected * Double.BYTES
                    + " bytes), got " + bytes.length + " bytes");
        }
        double[] values = new double[expected];
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
        return values;
    }
}
