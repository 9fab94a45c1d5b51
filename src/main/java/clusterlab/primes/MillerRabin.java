package clusterlab.primes;

/**
 * A deterministic primality test for every long: the Miller-Rabin test with bases known to leave
 * no composite undetected below 2^64 (2, 325, 9375, 28178, 450775, 9780504, 1795265022, found by
 * Jim Sinclair), or below 4,759,123,141 with just 2, 7 and 61. The head uses it to check the
 * primes a worker sends, and the sieve beyond its reach.
 *
 * <p>Products of two numbers below n need 128 bits; Java 17 has no 128-bit remainder, so the
 * arithmetic is done in Montgomery form, where reducing a product takes multiplications only.
 */
public final class MillerRabin {
    private static final int[] SMALL = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    private static final long[] BASES_32 = {2, 7, 61};
    private static final long[] BASES_64 = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};

    private MillerRabin() {
    }

    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (int p : SMALL) {
            if (n % p == 0) {
                return n == p;
            }
        }
        if (n < 41L * 41) {
            return true;
        }
        return new Montgomery(n).strongProbablePrime(n < 4_759_123_141L ? BASES_32 : BASES_64);
    }

    /** Arithmetic modulo an odd n below 2^63, on numbers kept as a * 2^64 mod n. */
    private static final class Montgomery {
        private final long n;
        private final long negInverse; // -1/n mod 2^64
        private final long one;        // 2^64 mod n: the number 1 in Montgomery form
        private final long rSquared;   // 2^128 mod n: multiplying by it puts a number in Montgomery form

        Montgomery(long n) {
            this.n = n;
            long inverse = n; // right to 3 bits for any odd n; each step doubles them
            for (int i = 0; i < 5; i++) {
                inverse *= 2 - n * inverse;
            }
            negInverse = -inverse;
            one = Long.remainderUnsigned(-n, n); // (2^64 - n) mod n = 2^64 mod n
            long r = one;
            for (int i = 0; i < 64; i++) { // doubling 64 times: 2^64 * 2^64 mod n
                r <<= 1; // r < n < 2^63, so no bit is lost
                if (Long.compareUnsigned(r, n) >= 0) {
                    r -= n;
                }
            }
            rSquared = r;
        }

        boolean strongProbablePrime(long[] bases) {
            long d = n - 1;
            int s = Long.numberOfTrailingZeros(d);
            d >>>= s;
            long minusOne = n - one;
            for (long base : bases) {
                long a = base % n;
                if (a == 0) {
                    continue;
                }
                long x = power(multiply(a, rSquared), d);
                if (x == one || x == minusOne) {
                    continue;
                }
                boolean witness = true;
                for (int i = 1; i < s && witness; i++) {
                    x = multiply(x, x);
                    witness = x != minusOne;
                }
                if (witness) {
                    return false;
                }
            }
            return true;
        }

        private long power(long base, long exponent) {
            long result = one;
            while (exponent != 0) {
                if ((exponent & 1) != 0) {
                    result = multiply(result, base);
                }
                base = multiply(base, base);
                exponent >>>= 1;
            }
            return result;
        }

        /** a * b / 2^64 mod n, for a and b below n (Montgomery's REDC of the 128-bit product). */
        private long multiply(long a, long b) {
            long high = unsignedMultiplyHigh(a, b);
            long low = a * b;
            long m = low * negInverse;
            // (product + m * n) is a multiple of 2^64; its low half is 0, carrying 1 unless low was 0
            long t = high + unsignedMultiplyHigh(m, n) + (low != 0 ? 1 : 0);
            return Long.compareUnsigned(t, n) >= 0 ? t - n : t;
        }

        private static long unsignedMultiplyHigh(long a, long b) {
            return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        }
    }
}
