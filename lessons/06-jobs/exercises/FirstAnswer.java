package lesson06;

import clusterlab.jobs.JobServer;
import java.util.List;

/**
 * (c) Stop at the first answer, as article C suggests. Submit one {@link Sleepy} job per input and
 * return the result of whichever job finishes FIRST, without waiting for the others. A callback
 * runs as each job finishes: let it hand the result to the waiting caller (a
 * java.util.concurrent.BlockingQueue or CompletableFuture does that).
 */
public final class FirstAnswer {
    public static int first(JobServer server, List<Integer> inputs) throws InterruptedException {
        int last = 0;
        for (int millis : inputs) {
            last = server.submit(Sleepy.class, millis).get(); // waits for each job in turn: not what we want
        }
        return last;
    }
}
