package lesson06;

import clusterlab.jobs.Task;

/**
 * (a) A first task. Given a whole number n >= 1 (an Integer), return how many steps the Collatz
 * rule takes to reach 1: n even -> n / 2, n odd -> 3n + 1. For 1 that is 0 steps, for 6 it is 8
 * (6 3 10 5 16 8 4 2 1). Use a long for the running value: it can outgrow an int.
 *
 * The job server makes the task with its public no-argument constructor on the worker, in another
 * process, so keep no state outside run().
 */
public final class Collatz implements Task<Integer> {
    @Override
    public Integer run(Object... args) {
        int n = (Integer) args[0];
        return 0; // your code here
    }
}
