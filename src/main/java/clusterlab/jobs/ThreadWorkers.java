package clusterlab.jobs;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Local workers as threads of the job server's own JVM (threads mode): no process to start, and
 * no copying, since a thread runs the task on the very objects that were submitted. Each worker
 * takes one job at a time from the queue. A job that times out is interrupted; a thread cannot
 * be killed, so a task that ignores interrupts keeps its worker until it returns.
 */
final class ThreadWorkers {
    private final JobQueue queue;
    private final Timeouts timeouts;
    private final StatsBook.Line stats;
    private final List<Worker> workers = new ArrayList<>();
    private boolean closed;

    ThreadWorkers(JobQueue queue, Timeouts timeouts, StatsBook.Line stats) {
        this.queue = queue;
        this.timeouts = timeouts;
        this.stats = stats;
    }

    synchronized int count() {
        return workers.size();
    }

    /** Starts or retires threads until there are {@code n}; a retiring thread finishes its job first. */
    synchronized void resize(int n) {
        while (workers.size() < n && !closed) {
            Worker worker = new Worker();
            workers.add(worker);
            worker.start();
        }
        while (workers.size() > n) {
            workers.remove(workers.size() - 1).retiring = true;
        }
        queue.wakeAll();
    }

    /** Stops every thread; returns the jobs they were running, for the caller to fail. */
    List<Job<?>> close() {
        List<Job<?>> running = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Worker worker : workers) {
                worker.retiring = true;
                if (worker.job != null) {
                    running.add(worker.job);
                }
                worker.interrupt();
            }
            workers.clear();
        }
        queue.wakeAll();
        return running;
    }

    private final class Worker extends Thread {
        volatile boolean retiring;
        volatile Job<?> job;

        Worker() {
            super("jobs-local-worker");
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!retiring) {
                    List<Job<?>> next = queue.take(1, () -> retiring);
                    if (!next.isEmpty()) {
                        job = next.get(0);
                        runJob(job);
                        job = null;
                    }
                }
            } catch (InterruptedException e) {
                // closed
            }
        }
    }

    private void runJob(Job<?> job) {
        synchronized (job) {
            job.runner = Thread.currentThread();
        }
        if (job.timeout() != null) {
            timeouts.arm(job, () -> {
                if (job.fail(Timeouts.expired(job, Stats.LOCAL), Stats.LOCAL)) {
                    synchronized (job) {
                        if (job.runner != null) {
                            job.runner.interrupt();
                        }
                    }
                }
            });
        }
        long start = System.nanoTime();
        try {
            Object result = job.taskClass().getConstructor().newInstance().run(job.argsArray());
            stats.add(System.nanoTime() - start);
            job.succeed(result, Stats.LOCAL);
        } catch (InvocationTargetException e) {
            stats.add(System.nanoTime() - start);
            fail(job, e.getCause());
        } catch (Exception | Error e) {
            stats.add(System.nanoTime() - start);
            fail(job, e);
        } finally {
            synchronized (job) {
                job.runner = null;
            }
            Thread.interrupted(); // a timeout's interrupt must not reach the next job
        }
    }

    private static void fail(Job<?> job, Throwable thrown) {
        JobFailedException e = new JobFailedException(job + " failed on local: " + thrown, thrown);
        e.setStackTrace(ExecutorSession.trace(thrown, job.task()).toArray(new StackTraceElement[0]));
        job.fail(e, Stats.LOCAL);
    }
}
