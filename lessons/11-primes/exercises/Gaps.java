package lesson11;

import java.io.ByteArrayOutputStream;

/**
 * (b) Sending primes compactly. Instead of each prime as text (the article sends one prime per
 * connection, as ASCII digits), send the gaps between consecutive primes, the first one counted
 * from {@code from}, each as an unsigned varint: 7 bits a byte, least significant group first,
 * the top bit set on every byte but the last (so a gap below 128 takes one byte).
 * decode(encode(p, from), from) gives p back. decode throws IllegalArgumentException for bytes that
 * end inside a varint.
 */
public final class Gaps {
    private Gaps() {
    }

    public static byte[] encode(long[] primes, long from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // your code here
        return out.toByteArray();
    }

    public static long[] decode(byte[] bytes, long from) {
        return new long[0]; // your code here
    }
}
