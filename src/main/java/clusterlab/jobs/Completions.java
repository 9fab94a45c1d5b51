package clusterlab.jobs;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What happens after a job finishes: its callback, on the one callback thread, in the order jobs
 * finish; then it counts as settled, for {@link #waitAll} and {@link #waitGroup}. Only counts are
 * kept (per group, removed at zero), never the jobs themselves.
 */
final class Completions {
    private static final Object STOP = new Object();

    private final PrintStream log;
    private final AtomicLong unsettled = new AtomicLong();
    private final Map<String, Long> groups = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final BlockingQueue<Object> callbacks = new LinkedBlockingQueue<>();
    private final Thread thread;

    Completions(PrintStream log) {
        this.log = log;
        thread = new Thread(this::callbackLoop, "jobs-callbacks");
        thread.setDaemon(true);
        thread.start();
    }

    /** Counts a job before it can finish. */
    void submitted(Job<?> job) {
        unsettled.incrementAndGet();
        groups.merge(job.group(), 1L, Long::sum);
    }

    /** Called once per job, by whichever thread finished it. */
    void finished(Job<?> job) {
        if (job.callback() != null) {
            callbacks.add(job);
        } else {
            settle(job);
        }
    }

    /** Jobs submitted whose callbacks have not run yet. */
    long active() {
        return unsettled.get();
    }

    void waitAll() {
        await(null);
    }

    void waitGroup(String group) {
        await(group);
    }

    /** Lets the callback thread end once the callbacks queued so far have run. */
    void close() {
        callbacks.add(STOP);
    }

    private void await(String group) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("a callback cannot wait for jobs: their callbacks run on this same thread,"
                    + " after this one returns");
        }
        lock.lock();
        try {
            while (group == null ? unsettled.get() > 0 : groups.containsKey(group)) {
                settled.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailedException("interrupted while waiting for " + (group == null ? "all jobs" : "group " + group));
        } finally {
            lock.unlock();
        }
    }

    private void settle(Job<?> job) {
        long left = unsettled.decrementAndGet();
        boolean groupDone = groups.compute(job.group(), (g, n) -> n == null || n == 1 ? null : n - 1) == null;
        if (left == 0 || groupDone) {
            lock.lock();
            try {
                settled.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void callbackLoop() {
        try {
            for (;;) {
                Object next = callbacks.take();
                if (next == STOP) {
                    // Jobs failed by close() may still be on their way here: run what comes soon.
                    next = callbacks.poll(200, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        return;
                    }
                    callbacks.add(STOP);
                    if (next == STOP) {
                        continue;
                    }
                }
                Job<?> job = (Job<?>) next;
                try {
                    call(job);
                } catch (RuntimeException | Error e) {
                    if (log != null) {
                        log.println("callback of " + job + " threw " + e);
                    }
                } finally {
                    settle(job);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <R> void call(Job<R> job) {
        job.callback().done(job);
    }
}
