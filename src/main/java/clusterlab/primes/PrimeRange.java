package clusterlab.primes;

import clusterlab.cli.UsageException;

/**
 * The numbers a run covers, {@code from} to {@code to}, both included, cut into blocks of a fixed
 * size numbered from 0; the last block may be shorter. Any range within 0 .. 2^63 - 1 is allowed.
 */
public record PrimeRange(long from, long to) {
    public PrimeRange {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("need 0 <= from <= to, got " + from + ":" + to);
        }
    }

    /**
     * Reads {@code MIN:MAX}, as in {@code 1:1000000000}; each end is a whole number, written out or
     * as {@code 1e9}. The message of a bad one names the option and says what was expected.
     */
    public static PrimeRange parse(String text, String command) throws UsageException {
        String expected = "MIN:MAX with whole numbers from 0 to " + Long.MAX_VALUE + ", such as 1:1000000000";
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new UsageException("clusterlab " + command + ": --range must be " + expected + ", not '" + text + "'");
        }
        long min = number(text.substring(0, colon), "MIN", text, command, expected);
        long max = number(text.substring(colon + 1), "MAX", text, command, expected);
        if (min > max) {
            throw new UsageException("clusterlab " + command + ": --range " + text + " is empty: MIN " + min
                    + " is larger than MAX " + max + " (expected " + expected + ")");
        }
        return new PrimeRange(min, max);
    }

    private static long number(String part, String name, String text, String command, String expected) throws UsageException {
        String s = part.trim();
        try {
            if (s.matches("[0-9]+")) {
                return Long.parseLong(s);
            }
            if (s.matches("[0-9]+[eE][0-9]{1,2}")) {
                int e = Math.max(s.indexOf('e'), s.indexOf('E'));
                long value = Long.parseLong(s.substring(0, e));
                for (int i = Integer.parseInt(s.substring(e + 1)); i > 0; i--) {
                    value = Math.multiplyExact(value, 10);
                }
                return value;
            }
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            throw new UsageException("clusterlab " + command + ": --range " + name + " '" + part + "' in '" + text
                    + "' is too large (expected " + expected + ")");
        }
        throw new UsageException("clusterlab " + command + ": --range " + name + " '" + part + "' in '" + text
                + "' is not a whole number (expected " + expected + ")");
    }

    /** How many blocks of {@code size} numbers the range makes. */
    public long blockCount(long size) {
        return (to - from) / size + 1;
    }

    /** Block {@code id} (0-based) of {@code size} numbers. */
    public Block block(long id, long size) {
        long start = from + id * size;
        long end = to - start < size - 1 ? to : start + size - 1;
        return new Block(id, start, end);
    }

    /** How many numbers the range holds (saturating at 2^63 - 1 for the whole of 0 .. 2^63 - 1). */
    public long size() {
        long n = to - from + 1;
        return n <= 0 ? Long.MAX_VALUE : n;
    }

    @Override
    public String toString() {
        return from + ":" + to;
    }

    /** One block of a range: {@code id}, and its numbers {@code from} to {@code to}, both included. */
    public record Block(long id, long from, long to) {
        public long length() {
            return to - from + 1;
        }

        @Override
        public String toString() {
            return "block " + id + " [" + from + ", " + to + "]";
        }
    }
}
