package clusterlab.primes;

/**
 * Reads back what {@link GapEncoder} wrote: the primes of one block, from the block's start. It
 * trusts nothing: a varint longer than nine bytes, one cut off at the end of the data, or a sum
 * that overflows is an error naming the byte where it happened.
 */
final class GapReader {
    private final byte[] data;
    private final int end;
    private int position;
    private long value;

    GapReader(byte[] data, int length, long start) {
        this.data = data;
        this.end = length;
        this.value = start;
    }

    boolean hasNext() {
        return position < end;
    }

    /** The next prime: the previous one (or the start) plus the next gap. */
    long next() throws MalformedBatchException {
        int first = position;
        long gap = 0;
        for (int shift = 0; ; shift += 7) {
            if (position == end) {
                throw new MalformedBatchException("the batch ends inside the gap that starts at byte " + first);
            }
            if (shift > 56) {
                throw new MalformedBatchException("the gap at byte " + first + " is longer than 9 bytes");
            }
            byte b = data[position++];
            gap |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (gap < 0 || value + gap < value) {
            throw new MalformedBatchException("the gap at byte " + first + " goes past the largest long");
        }
        value += gap;
        return value;
    }
}
