package clusterlab.jobs;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The clocks of jobs with a time limit: one timer thread for the job server, a timer per job while it is out. */
final class Timeouts implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread t = new Thread(task, "jobs-timeouts");
        t.setDaemon(true);
        return t;
    });

    Timeouts() {
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code onExpiry} when the job's time limit has passed, unless it finishes first. */
    void arm(Job<?> job, Runnable onExpiry) {
        job.timer = timer.schedule(onExpiry, job.timeout().toNanos(), TimeUnit.NANOSECONDS);
        if (job.isDone()) {
            disarm(job); // finished while the timer was being set
        }
    }

    static void disarm(Job<?> job) {
        Future<?> t = job.timer;
        if (t != null) {
            t.cancel(false);
            job.timer = null;
        }
    }

    static JobTimeoutException expired(Job<?> job, String where) {
        return new JobTimeoutException(job + " timed out after " + format(job.timeout()) + " on " + where);
    }

    static String format(Duration d) {
        long millis = d.toMillis();
        return millis < 10_000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
