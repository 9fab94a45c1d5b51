package clusterlab.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The job server's one queue of jobs waiting for a worker, first in first out. Every executor
 * link takes from it as it has room, so a faster executor takes more: that is the load
 * balancing. Jobs that come back from a lost executor go to the front, to run next.
 */
final class JobQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final ArrayDeque<Job<?>> jobs = new ArrayDeque<>();

    void add(Job<?> job) {
        lock.lock();
        try {
            jobs.addLast(job);
            nonEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Puts jobs back at the front, in the order given (the unfinished ones only). */
    void addFront(List<Job<?>> back) {
        lock.lock();
        try {
            for (int i = back.size() - 1; i >= 0; i--) {
                if (!back.get(i).isDone()) {
                    jobs.addFirst(back.get(i));
                }
            }
            nonEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} jobs, waiting while there is none; returns an empty list as soon as
     * {@code stop} is true (checked whenever the queue is woken). Jobs that finished while they
     * waited (a timeout, or the server closing) are dropped.
     */
    List<Job<?>> take(int max, BooleanSupplier stop) throws InterruptedException {
        List<Job<?>> taken = new ArrayList<>(Math.min(max, 64));
        lock.lock();
        try {
            while (taken.isEmpty()) {
                while (jobs.isEmpty()) {
                    if (stop.getAsBoolean()) {
                        return taken;
                    }
                    nonEmpty.await();
                }
                if (stop.getAsBoolean()) {
                    return taken;
                }
                while (taken.size() < max && !jobs.isEmpty()) {
                    Job<?> job = jobs.pollFirst();
                    if (!job.isDone()) {
                        taken.add(job);
                    }
                }
            }
            if (!jobs.isEmpty()) {
                nonEmpty.signal(); // another taker may want the rest
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every taker, to look at its stop condition. */
    void wakeAll() {
        lock.lock();
        try {
            nonEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns every waiting job. */
    List<Job<?>> drain() {
        lock.lock();
        try {
            List<Job<?>> all = new ArrayList<>(jobs);
            jobs.clear();
            return all;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return jobs.size();
        } finally {
            lock.unlock();
        }
    }
}
