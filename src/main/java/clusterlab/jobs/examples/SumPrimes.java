package clusterlab.jobs.examples;

import clusterlab.jobs.Task;

/** Article C's job: the sum of the primes below n, using the shipped helper {@link IsPrime}. */
public final class SumPrimes implements Task<Long> {
    @Override
    public Long run(Object... args) {
        int n = (Integer) args[0];
        long sum = 0;
        for (int x = 2; x < n; x++) {
            if (IsPrime.test(x)) {
                sum += x;
            }
        }
        return sum;
    }
}
