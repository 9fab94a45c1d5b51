package lesson06;

import clusterlab.jobs.Task;

/** (a) The number of Collatz steps from n to 1. */
public final class Collatz implements Task<Integer> {
    @Override
    public Integer run(Object... args) {
        long n = (Integer) args[0];
        int steps = 0;
        while (n != 1) {
            n = n % 2 == 0 ? n / 2 : 3 * n + 1;
            steps++;
        }
        return steps;
    }
}
