package lesson11;

import java.util.ArrayList;
import java.util.List;

/**
 * (a) One block of a segmented sieve: the primes p with from <= p <= to, found by crossing out
 * the multiples of the base primes (every prime up to sqrt(to), given in {@code basePrimes}, in
 * ascending order) in a boolean array of to - from + 1 entries, never one number at a time by
 * trial division. Start crossing each base prime q at the larger of q*q and the first multiple of q
 * that is >= from. Remember that 1 is not a prime, and that a base prime inside the block is itself
 * a prime. Blocks are at most 100,000,000 numbers.
 */
public final class BlockSieve {
    private BlockSieve() {
    }

    public static List<Long> primes(long from, long to, int[] basePrimes) {
        return new ArrayList<>(); // your code here
    }
}
