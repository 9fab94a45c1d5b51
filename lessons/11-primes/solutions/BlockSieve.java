package lesson11;

import java.util.ArrayList;
import java.util.List;

/** (a) The primes of one block, by crossing out multiples of the base primes. */
public final class BlockSieve {
    private BlockSieve() {
    }

    public static List<Long> primes(long from, long to, int[] basePrimes) {
        List<Long> primes = new ArrayList<>();
        if (to < 2 || to < from) {
            return primes;
        }
        long low = Math.max(from, 2);
        boolean[] composite = new boolean[(int) (to - low + 1)];
        for (int q : basePrimes) {
            if ((long) q * q > to) {
                break;
            }
            long start = Math.max((long) q * q, (low + q - 1) / q * q);
            for (long m = start; m <= to; m += q) {
                composite[(int) (m - low)] = true;
            }
        }
        for (int i = 0; i < composite.length; i++) {
            if (!composite[i]) {
                primes.add(low + i);
            }
        }
        return primes;
    }
}
