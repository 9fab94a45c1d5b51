package lesson06;

import clusterlab.jobs.JobServer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** (c) The first answer of several jobs, taken as soon as it arrives. */
public final class FirstAnswer {
    public static int first(JobServer server, List<Integer> inputs) throws InterruptedException {
        BlockingQueue<Integer> answers = new ArrayBlockingQueue<>(inputs.size());
        for (int millis : inputs) {
            server.job(Sleepy.class).args(millis).callback(job -> {
                if (!job.failed()) {
                    answers.add(job.get());
                }
            }).submit();
        }
        return answers.take();
    }
}
