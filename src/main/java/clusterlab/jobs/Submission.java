package clusterlab.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * A job being described before it is submitted: {@code server.job(Fib.class).args(10)
 * .depends(Helper.class).callback(done).group("round 1").timeout(Duration.ofSeconds(5)).submit()}.
 */
public final class Submission<R> {
    private final JobServer server;
    private final Class<? extends Task<R>> task;
    private Object[] args = new Object[0];
    private Class<?>[] depends = new Class<?>[0];
    private Callback<R> callback;
    private String group = JobServer.DEFAULT_GROUP;
    private Duration timeout;

    Submission(JobServer server, Class<? extends Task<R>> task) {
        this.server = server;
        this.task = Objects.requireNonNull(task, "task");
    }

    /** The task's arguments (copied: later changes to the array do not reach the job). */
    public Submission<R> args(Object... args) {
        this.args = args == null ? new Object[] {null} : args.clone();
        return this;
    }

    /** Other classes of yours the task uses: their bytecode travels with the job (pp's depfuncs). */
    public Submission<R> depends(Class<?>... classes) {
        this.depends = classes.clone();
        return this;
    }

    /** Runs once when the job finishes, on the job server's callback thread. */
    public Submission<R> callback(Callback<R> callback) {
        this.callback = callback;
        return this;
    }

    /** A group for {@link JobServer#waitGroup}; "default" unless given. */
    public Submission<R> group(String group) {
        this.group = Objects.requireNonNull(group, "group");
        return this;
    }

    /** Fails the job with a {@link JobTimeoutException} if it runs longer than this; overrides the server's default. */
    public Submission<R> timeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("a job's timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    public Job<R> submit() {
        return server.submit(task, args, depends, callback, group, timeout);
    }
}
