package clusterlab.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One submitted job: a task class, its arguments, and in time its result or its failure. A job
 * finishes exactly once: if a worker dies and the job runs again elsewhere, or a late answer
 * arrives after a timeout, only the first outcome counts (a compare-and-set on its state).
 */
public final class Job<R> {
    private static final int PENDING = 0;
    private static final int FINISHING = 1;
    private static final int DONE = 2;

    private final long id;
    private final Class<? extends Task<R>> task;
    private final Object[] args;
    private final String group;
    private final Callback<R> callback;
    private final Duration timeout;
    private final List<ShippedClass> classes;
    private final Consumer<Job<?>> onDone;
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private final CountDownLatch finished = new CountDownLatch(1);
    private R result;
    private JobFailedException failure;
    private String ranOn;
    /** The timer of a job with a time limit, while it is out on a worker. */
    volatile Future<?> timer;
    /** The thread running this job, in threads mode, so that a timeout can interrupt it. */
    volatile Thread runner;

    Job(long id, Class<? extends Task<R>> task, Object[] args, String group, Callback<R> callback, Duration timeout,
            List<ShippedClass> classes, Consumer<Job<?>> onDone) {
        this.id = id;
        this.task = task;
        this.args = args;
        this.group = group;
        this.callback = callback;
        this.timeout = timeout;
        this.classes = classes;
        this.onDone = onDone;
    }

    public long id() {
        return id;
    }

    /** The task's class name. */
    public String task() {
        return task.getName();
    }

    /** A copy of the arguments the job was submitted with. */
    public Object[] args() {
        return args.clone();
    }

    public String group() {
        return group;
    }

    /**
     * The result, waiting for it if need be.
     *
     * @throws JobFailedException if the task threw (with the task's stack trace), could not run,
     *         timed out ({@link JobTimeoutException}), or the waiting thread was interrupted (its
     *         interrupt flag is set again)
     */
    public R get() {
        if (state.get() != DONE) {
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobFailedException("interrupted while waiting for " + this, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    public boolean isDone() {
        return state.get() == DONE;
    }

    /** True once the job has finished without a result. */
    public boolean failed() {
        return isDone() && failure != null;
    }

    /** Where it ran: "local" (a thread), "local pid 1234" (a worker process), "10.77.0.1:60000" (a node); null until done. */
    public String ranOn() {
        return isDone() ? ranOn : null;
    }

    @Override
    public String toString() {
        return "job " + id + " (" + task.getName() + ")";
    }

    Class<? extends Task<R>> taskClass() {
        return task;
    }

    Object[] argsArray() {
        return args;
    }

    Callback<R> callback() {
        return callback;
    }

    Duration timeout() {
        return timeout;
    }

    List<ShippedClass> classes() {
        return classes;
    }

    /** Finishes with a result; false if the job had already finished. */
    boolean succeed(Object value, String where) {
        if (!state.compareAndSet(PENDING, FINISHING)) {
            return false;
        }
        @SuppressWarnings("unchecked")
        R r = (R) value; // the task's declared result type; a remote worker ran the same class
        result = r;
        settle(where);
        return true;
    }

    /** Finishes with a failure; false if the job had already finished. */
    boolean fail(JobFailedException e, String where) {
        if (!state.compareAndSet(PENDING, FINISHING)) {
            return false;
        }
        failure = e;
        settle(where);
        return true;
    }

    private void settle(String where) {
        ranOn = where;
        state.set(DONE);
        Future<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        // The job server counts the job as finished before get() returns, so statistics printed
        // right after get() do not still show it as active.
        onDone.accept(this);
        finished.countDown();
    }
}
