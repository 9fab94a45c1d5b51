package lesson11;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** (b) Primes as varint gaps. */
public final class Gaps {
    private Gaps() {
    }

    public static byte[] encode(long[] primes, long from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long previous = from;
        for (long p : primes) {
            long gap = p - previous;
            while ((gap & ~0x7FL) != 0) {
                out.write((int) (gap & 0x7F) | 0x80);
                gap >>>= 7;
            }
            out.write((int) gap);
            previous = p;
        }
        return out.toByteArray();
    }

    public static long[] decode(byte[] bytes, long from) {
        long[] primes = new long[bytes.length]; // never more primes than bytes
        int count = 0;
        long previous = from;
        int i = 0;
        while (i < bytes.length) {
            long gap = 0;
            int shift = 0;
            int b;
            do {
                if (i == bytes.length) {
                    throw new IllegalArgumentException("the bytes end inside a varint, at byte " + i);
                }
                b = bytes[i++] & 0xFF;
                gap |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            previous += gap;
            primes[count++] = previous;
        }
        return Arrays.copyOf(primes, count);
    }
}
