package clusterlab.primes;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Turns a block's encoded primes into the output's text, one prime in decimal per line, and appends it. */
final class DecimalLines {
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 18);
    private final byte[] digits = new byte[20];

    /** Appends the block's primes to {@code file}; returns the bytes written. */
    long write(CheckedBlock block, byte[] data, OutputFile file) throws IOException {
        GapReader primes = new GapReader(data, data.length, block.from());
        long written = 0;
        try {
            while (primes.hasNext()) {
                if (buffer.remaining() < digits.length + 1) {
                    written += flush(file);
                }
                put(primes.next());
            }
        } catch (MalformedBatchException e) {
            throw new IllegalStateException("a checked block no longer decodes: " + e.getMessage(), e);
        }
        return written + flush(file);
    }

    private void put(long n) {
        int at = digits.length;
        do {
            digits[--at] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n != 0);
        buffer.put(digits, at, digits.length - at).put((byte) '\n');
    }

    private long flush(OutputFile file) throws IOException {
        buffer.flip();
        int n = buffer.remaining();
        try {
            file.append(buffer);
        } finally {
            buffer.clear();
        }
        return n;
    }
}
