package lesson06;

import clusterlab.jobs.Task;

/** Given (do not change): sleeps args[0] milliseconds, then returns args[0]. Used by FirstAnswer. */
public final class Sleepy implements Task<Integer> {
    @Override
    public Integer run(Object... args) throws InterruptedException {
        int millis = (Integer) args[0];
        Thread.sleep(millis);
        return millis;
    }
}
