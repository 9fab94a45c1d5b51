package clusterlab.primes;

import java.util.Arrays;

/**
 * Packs a block's primes for the wire: each prime as its distance from the one before (the first
 * from the block's start), written as an unsigned LEB128 varint: seven bits a byte, low bits first,
 * the top bit set on every byte but the last. Gaps between primes below 10^9 are under 300, so
 * almost every prime costs one byte, against 4 as an int and about 10 as a line of text. The
 * buffer is kept and reused from block to block.
 */
final class GapEncoder implements PrimeSink {
    private byte[] buffer = new byte[1 << 16];
    private int size;
    private long count;
    private long previous;

    /** Starts a block whose first prime will be counted from {@code from}. */
    void start(long from) {
        size = 0;
        count = 0;
        previous = from;
    }

    @Override
    public void prime(long p) {
        if (buffer.length - size < 10) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        long gap = p - previous;
        previous = p;
        count++;
        while ((gap & ~0x7FL) != 0) {
            buffer[size++] = (byte) (gap | 0x80);
            gap >>>= 7;
        }
        buffer[size++] = (byte) gap;
    }

    long count() {
        return count;
    }

    /** The encoded bytes are {@code buffer()[0 .. size())}; valid until the next {@link #start}. */
    byte[] buffer() {
        return buffer;
    }

    int size() {
        return size;
    }
}
