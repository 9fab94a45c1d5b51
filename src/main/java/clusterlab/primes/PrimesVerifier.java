package clusterlab.primes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks an output file against its range: one prime per line in decimal, ascending, each once,
 * every one prime, none of the range's primes missing. It reads the file as a stream beside a
 * sieve of the same range, chunk by chunk, so memory stays flat for any size; the first line
 * that differs is reported, with what was expected.
 */
public final class PrimesVerifier {
    private static final long CHUNK = 1 << 22;

    private final Path file;
    private final PrimeRange range;
    private final SegmentedSieve sieve = new SegmentedSieve();
    private long[] expected = new long[1 << 16];
    private int expectedCount;
    private int expectedAt;
    private long sievedTo;

    /** What a file that passed holds. */
    public record Result(long count, long largest) {
    }

    /** The first thing wrong with a file, on one line. */
    public static final class VerifyException extends Exception {
        private static final long serialVersionUID = 1L;

        VerifyException(String message) {
            super(message);
        }
    }

    public PrimesVerifier(Path file, PrimeRange range) {
        this.file = file;
        this.range = range;
        this.sievedTo = range.from() - 1;
    }

    public Result verify() throws IOException, VerifyException {
        if (!Files.isRegularFile(file)) {
            throw new VerifyException(file + " is not a file");
        }
        long count = 0;
        long previous = -1;
        long line = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int size = 0;
            int at = 0;
            long value = 0;
            int digits = 0;
            boolean number = true;
            StringBuilder shown = new StringBuilder();
            while (true) {
                if (at == size) {
                    size = in.read(buffer);
                    at = 0;
                    if (size < 0) {
                        break;
                    }
                    continue;
                }
                byte b = buffer[at++];
                if (b != '\n') {
                    if (shown.length() < 24) {
                        shown.append((char) (b & 0xFF));
                    }
                    digits++;
                    if (b >= '0' && b <= '9' && digits <= 19) {
                        value = value * 10 + (b - '0');
                    } else {
                        number = false;
                    }
                    continue;
                }
                line++;
                check(line, digits, number && value >= 0, shown);
                if (value < range.from() || value > range.to()) {
                    throw new VerifyException(file + " line " + line + ": " + value + " is outside the range " + range);
                }
                if (value <= previous) {
                    throw new VerifyException(file + " line " + line + ": " + (value == previous ? value + " appears twice"
                            : value + " comes after " + previous + ": not in ascending order"));
                }
                long next = nextExpected();
                if (next < 0 || value < next) {
                    throw new VerifyException(file + " line " + line + ": " + value + " is not prime");
                }
                if (value > next) {
                    throw new VerifyException(file + " line " + line + ": the prime " + next + " is missing before " + value);
                }
                expectedAt++;
                previous = value;
                count++;
                value = 0;
                digits = 0;
                number = true;
                shown.setLength(0);
            }
            if (digits > 0) {
                throw new VerifyException(file + " line " + (line + 1) + " ('" + Protocol.clip(shown)
                        + "') has no newline at the end: the file was cut short");
            }
        }
        long next = nextExpected();
        if (next >= 0) {
            throw new VerifyException(file + " ends after " + count + " primes (line " + line + "): the prime " + next
                    + " is missing, and any after it in " + range);
        }
        return new Result(count, previous < 0 ? 0 : previous);
    }

    /** A line must be 1 to 19 decimal digits that fit in a long. */
    private void check(long line, int digits, boolean number, CharSequence shown) throws VerifyException {
        if (digits == 0) {
            throw new VerifyException(file + " line " + line + " is empty (expected a prime in decimal)");
        }
        if (!number) {
            throw new VerifyException(file + " line " + line + ": '" + Protocol.clip(shown) + (digits > shown.length() ? "..." : "")
                    + "' is not a whole number from 0 to " + Long.MAX_VALUE);
        }
    }

    /** The next prime of the range the file should hold, or -1 when there is none left. */
    private long nextExpected() {
        while (expectedAt == expectedCount) {
            if (sievedTo >= range.to()) {
                return -1;
            }
            long from = sievedTo + 1;
            long to = range.to() - from < CHUNK - 1 ? range.to() : from + CHUNK - 1;
            expectedCount = 0;
            expectedAt = 0;
            sieve.primes(from, to, p -> {
                if (expectedCount == expected.length) {
                    expected = Arrays.copyOf(expected, expectedCount * 2);
                }
                expected[expectedCount++] = p;
            });
            sievedTo = to;
        }
        return expected[expectedAt];
    }
}
