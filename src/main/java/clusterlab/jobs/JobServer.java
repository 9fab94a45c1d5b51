package clusterlab.jobs;

import clusterlab.wire.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A job server, Parallel Python's pp.Server in Java: it takes jobs (a {@link Task} class and its
 * arguments), runs them in parallel on local workers and on node daemons, and hands back results
 * through {@link Job#get()} and callbacks.
 *
 * <pre>
 * try (JobServer server = JobServer.builder().workers(2).build()) {
 *     Job&lt;Long&gt; job = server.submit(Fib.class, 30);
 *     System.out.println(job.get());
 * }
 * </pre>
 *
 * Local workers are separate JVMs by default (each job's bytecode, arguments and result travel
 * over their pipes), or threads of this JVM with {@link Builder#threads()}. Nodes are
 * {@code clusterlab node} daemons, listed or found by UDP discovery, that prove a shared secret
 * before anything else. Jobs wait in one queue; each worker takes more as it finishes, so a faster
 * one takes more (load balancing at run time). A worker or node that dies gives its unfinished
 * jobs back to the queue, where others take them; each job still finishes exactly once.
 */
public final class JobServer implements AutoCloseable {
    /** The group of a job submitted without one. */
    public static final String DEFAULT_GROUP = "default";

    private final boolean threads;
    private final PrintStream log;
    private final Duration defaultTimeout;
    private final JobQueue queue = new JobQueue();
    private final Shipping shipping = new Shipping();
    private final Timeouts timeouts = new Timeouts();
    private final StatsBook stats = new StatsBook();
    private final Completions completions;
    private final Core core = new Core();
    private final ThreadWorkers threadWorkers;
    private final LocalWorkers processes;
    private final Nodes nodes;
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    private JobServer(Builder b, Secret secret) {
        this.threads = b.threads;
        this.log = b.log;
        this.defaultTimeout = b.timeout;
        this.completions = new Completions(b.log);
        this.threadWorkers = b.threads ? new ThreadWorkers(queue, timeouts, stats.line(Stats.LOCAL)) : null;
        this.processes = b.threads ? null : new LocalWorkers(core, b.log, this::checkWorkersLeft);
        this.nodes = new Nodes(core, b.log, secret, b.nodes, b.discover ? b.discoveryTarget : null, b.pingEvery);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Submits a job with no dependencies, callback or group: {@code server.submit(Fib.class, 30)}. */
    public <R> Job<R> submit(Class<? extends Task<R>> task, Object... args) {
        return submit(task, args == null ? new Object[] {null} : args.clone(), new Class<?>[0], null, DEFAULT_GROUP, null);
    }

    /** Describes a job step by step: {@code server.job(Fib.class).args(30).callback(c).submit()}. */
    public <R> Submission<R> job(Class<? extends Task<R>> task) {
        return new Submission<>(this, task);
    }

    <R> Job<R> submit(Class<? extends Task<R>> task, Object[] args, Class<?>[] depends, Callback<R> callback, String group,
            Duration timeout) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new IllegalStateException("job server closed: cannot submit " + task.getName());
        }
        List<ShippedClass> classes = shipping.forJob(task, depends);
        Job<R> job = new Job<>(ids.incrementAndGet(), task, args, group, callback, timeout != null ? timeout : defaultTimeout,
                classes, completions::finished);
        completions.submitted(job);
        queue.add(job);
        if (!mayWork()) {
            checkWorkersLeft("no local workers and no node connected");
        }
        return job;
    }

    /** Changes the number of local workers while running (pp's set_ncpus); new worker processes are ready when it returns. */
    public void setWorkers(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("workers must be 0 or more, not " + n);
        }
        if (closed) {
            throw new IllegalStateException("job server closed");
        }
        if (threads) {
            threadWorkers.resize(n);
        } else {
            try {
                processes.resize(n);
            } catch (IOException e) {
                say(e.getMessage());
            }
        }
        checkWorkersLeft("no local workers and no node connected");
    }

    /** The number of local workers asked for (pp's get_ncpus). */
    public int workers() {
        return threads ? threadWorkers.count() : processes.target();
    }

    /** True if local workers are threads of this JVM rather than processes. */
    public boolean usesThreads() {
        return threads;
    }

    /** "local" and its workers, then each connected node ("host:port") and its workers (pp's get_active_nodes). */
    public Map<String, Integer> activeNodes() {
        Map<String, Integer> active = new LinkedHashMap<>();
        active.put(Stats.LOCAL, threads ? threadWorkers.count() : processes.count());
        active.putAll(nodes.active());
        return active;
    }

    /** Waits until every job submitted so far has finished and its callback has run. */
    public void waitAll() {
        completions.waitAll();
    }

    /** Waits until every job of the group has finished and its callback has run. */
    public void waitGroup(String group) {
        completions.waitGroup(group);
    }

    public Stats stats() {
        return stats.snapshot(completions.active(), workers());
    }

    /** pp's print_stats table. */
    public void printStats(PrintStream out) {
        stats().print(out);
    }

    /** Stops at once: unfinished jobs fail with "job server closed", workers and node sessions end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Job<?>> unfinished = new ArrayList<>(nodes.close());
        if (threads) {
            unfinished.addAll(threadWorkers.close());
        } else {
            unfinished.addAll(processes.close());
        }
        unfinished.addAll(queue.drain());
        for (Job<?> job : unfinished) {
            job.fail(new JobFailedException(job + ": job server closed"), null);
        }
        queue.wakeAll();
        timeouts.close();
        completions.close();
    }

    private boolean mayWork() {
        return (threads ? threadWorkers.count() > 0 : processes.mayWork()) || nodes.mayWork();
    }

    /** Fails the waiting jobs if no executor is left and none can come. */
    private void checkWorkersLeft(String reason) {
        if (mayWork() || closed) {
            return;
        }
        for (Job<?> job : queue.drain()) {
            job.fail(new JobFailedException(job + ": no workers left: " + reason), null);
        }
    }

    private void say(String line) {
        if (log != null) {
            log.println(line);
        }
    }

    private void start(int workers) throws IOException {
        if (threads) {
            threadWorkers.resize(workers);
            nodes.start();
        } else {
            // Worker processes take a moment to start: connect the nodes meanwhile.
            IOException[] failure = new IOException[1];
            Thread starter = new Thread(() -> {
                try {
                    processes.resize(workers);
                } catch (IOException e) {
                    failure[0] = e;
                }
            }, "jobs-start-workers");
            starter.start();
            nodes.start();
            try {
                starter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting local workers", e);
            }
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        if (!mayWork()) {
            throw new IOException("no workers: " + (workers == 0 ? "workers(0), and " : "") + "no node to use ("
                    + nodes.problems() + ")");
        }
    }

    /** The job server as its links see it. */
    private final class Core implements Link.Owner {
        @Override
        public JobQueue queue() {
            return queue;
        }

        @Override
        public Shipping shipping() {
            return shipping;
        }

        @Override
        public Timeouts timeouts() {
            return timeouts;
        }

        @Override
        public StatsBook stats() {
            return stats;
        }

        @Override
        public void lost(Link link, String reason) {
            if (closed) {
                return;
            }
            if (link instanceof ProcessLink process) {
                if (!process.killedForTimeout()) {
                    say(link.title + " lost (" + reason + "); its jobs go back to the queue");
                }
                processes.lost(process, reason);
            } else if (link instanceof NodeLink node) {
                nodes.lost(node, reason);
            }
            checkWorkersLeft(link.title + " lost (" + reason + ")");
        }
    }

    /** How a job server is set up; {@link #build} starts it. */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private boolean threads;
        private final List<String> nodes = new ArrayList<>();
        private boolean discover;
        private InetSocketAddress discoveryTarget = new InetSocketAddress("255.255.255.255", Nodes.DEFAULT_PORT);
        private Secret secret;
        private boolean insecure;
        private Duration timeout;
        private PrintStream log = System.err;
        private Duration pingEvery = NodeLink.PING_EVERY;

        private Builder() {
        }

        /** Local workers: default one per processor; 0 for none (nodes only). */
        public Builder workers(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("workers must be 0 or more, not " + n);
            }
            workers = n;
            return this;
        }

        /** Local workers are threads of this JVM instead of worker processes. */
        public Builder threads() {
            threads = true;
            return this;
        }

        /** A node daemon, "host" or "host:port" (port 60000 unless given); may be called again for more. */
        public Builder node(String hostPort) {
            Nodes.parse(hostPort);
            nodes.add(hostPort);
            return this;
        }

        /** Also find nodes by a UDP query (pp's "*"), at start and every few seconds while running. */
        public Builder discover() {
            discover = true;
            return this;
        }

        /** Where discovery queries go; default 255.255.255.255:60000 (every node on the local network). */
        public Builder discoveryTarget(InetSocketAddress target) {
            discoveryTarget = Objects.requireNonNull(target, "target");
            return this;
        }

        /** The shared secret nodes must prove; default: the file {@link Secret#defaultFile()}, read at build. */
        public Builder secret(Secret s) {
            secret = Objects.requireNonNull(s, "secret");
            insecure = false;
            return this;
        }

        /** Talk to insecure nodes only (no secret; such nodes listen on loopback only). */
        public Builder insecure() {
            insecure = true;
            secret = null;
            return this;
        }

        /** A time limit for every job, from when it is sent to a worker; a job's own timeout overrides it. */
        public Builder timeout(Duration perJob) {
            if (perJob != null && (perJob.isNegative() || perJob.isZero())) {
                throw new IllegalArgumentException("timeout must be positive, not " + perJob);
            }
            timeout = perJob;
            return this;
        }

        /** Where to say that a node joined, left or failed, or a worker died: one line each. Default System.err; null for quiet. */
        public Builder log(PrintStream p) {
            log = p;
            return this;
        }

        /** How often nodes are pinged when nothing else goes to them; tests shorten it to see a silent node lost quickly. */
        Builder pingEvery(Duration every) {
            if (every.isNegative() || every.isZero() || every.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("ping interval must be more than 0 and at most 10 minutes, not " + every);
            }
            pingEvery = every;
            return this;
        }

        /** Starts the local workers (in parallel) and connects the nodes; returns when the workers are ready. */
        public JobServer build() throws IOException {
            Secret s = secret;
            if (s == null && !insecure && (discover || !nodes.isEmpty())) {
                s = Secret.load(Secret.defaultFile());
            }
            JobServer server = new JobServer(this, s);
            try {
                server.start(workers);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }
    }
}
