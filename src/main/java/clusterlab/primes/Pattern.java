package clusterlab.primes;

/**
 * The odd multiples of 3, 5, 7, 11 and 13, crossed off once for all numbers: bit i of the endless
 * pattern is set when 2i + 1 has one of those factors. It repeats every 15015 bits, so 15015 longs
 * (64 periods, about 117 KiB) hold a period that starts on every word boundary, and a segment is
 * pre-sieved by copying: word w of the pattern is {@code WORDS[w % 15015]}.
 */
final class Pattern {
    private static final int PERIOD = 3 * 5 * 7 * 11 * 13;
    private static final long[] WORDS = build();
    /** Bits 1, 2, 3, 5, 6: the numbers 3, 5, 7, 11, 13, which the pattern marks though they are prime. */
    static final long SMALL_PRIME_BITS = 0b110_1110L;

    private Pattern() {
    }

    /** Copies {@code words} pattern words, starting at the endless pattern's word {@code firstWord}, into {@code bits}. */
    static void fill(long[] bits, long firstWord, int words) {
        int from = (int) (firstWord % PERIOD);
        int done = 0;
        while (done < words) {
            int n = Math.min(words - done, PERIOD - from);
            System.arraycopy(WORDS, from, bits, done, n);
            done += n;
            from = 0;
        }
    }

    private static long[] build() {
        long[] words = new long[PERIOD];
        for (int p : new int[] {3, 5, 7, 11, 13}) {
            // 2i + 1 = p * (2k + 1) for i = p * k + (p - 1) / 2
            for (long i = (p - 1) / 2; i < 64L * PERIOD; i += p) {
                words[(int) (i >>> 6)] |= 1L << i;
            }
        }
        return words;
    }
}
