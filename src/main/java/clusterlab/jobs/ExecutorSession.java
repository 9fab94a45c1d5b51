package clusterlab.jobs;

import clusterlab.jobs.Message.Outcome;
import clusterlab.jobs.Message.RunEntry;
import clusterlab.wire.Frames;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The executor's side of one job server's session: reads classes, run and cancel messages, runs
 * the jobs on the executor's pool of worker threads, and sends their outcomes back as soon as they
 * are ready, as many to a message as are ready (a writer thread drains the finished jobs; no fixed
 * delay); a ping is answered with a pong at once. A worker process has one session and a pool of
 * one thread; a node daemon has a session per connected job server, all sharing its pool.
 */
final class ExecutorSession {
    /** At most this many outcomes in one done message. */
    static final int MAX_DONE = 1024;
    /** Frames of a task's stack trace sent back, from the top. */
    static final int MAX_TRACE = 64;
    private static final int MAX_ERROR = 2000;
    private static final String DEPENDS_HINT = "; name the classes your task uses in depends(...)";

    private record Finished(Outcome outcome, Object value) {
    }

    private static final Finished STOP = new Finished(null, null);

    private final MessageReader in;
    private final MessageWriter out;
    private final Executor pool;
    private final int queueLimit;
    private final String peer;
    private final Closeable transport;
    private final Consumer<String> verbose;
    private volatile SessionClassLoader loader;
    /** A class failed to link: the next classes shipped go into a fresh loader. */
    private volatile boolean stale;
    private final Map<String, Constructor<?>> constructors = new ConcurrentHashMap<>();
    private final Map<Long, Work> works = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private final BlockingQueue<Finished> outbox = new LinkedBlockingQueue<>();
    private final LongAdder jobs = new LongAdder();
    private volatile boolean closed;

    /**
     * @param queueLimit jobs this session may hold, queued or running; more are answered "busy"
     * @param peer       the job server, for error messages
     * @param transport  closed when writing fails, which ends {@link #serve}
     * @param verbose    receives a line per message, or null
     */
    ExecutorSession(MessageReader in, MessageWriter out, Executor pool, int queueLimit, String peer, Closeable transport,
            Consumer<String> verbose) {
        this.in = in;
        this.out = out;
        this.pool = pool;
        this.queueLimit = queueLimit;
        this.peer = peer;
        this.transport = transport;
        this.verbose = verbose;
        this.loader = new SessionClassLoader(ExecutorSession.class.getClassLoader());
    }

    /** Jobs finished in this session so far. */
    long jobs() {
        return jobs.sum();
    }

    /**
     * Serves until the job server says bye or closes the stream (a normal return), or sends
     * something wrong ({@link ProtocolException}) or the stream fails. Either way, the session's
     * jobs are cancelled before it returns.
     */
    void serve() throws IOException {
        Thread writer = new Thread(this::writeLoop, "jobs-session-writer");
        writer.setDaemon(true);
        writer.start();
        try {
            for (;;) {
                Message m = in.read();
                if (m == null || m instanceof Message.Bye) {
                    return;
                } else if (m instanceof Message.Classes classes) {
                    if (stale) {
                        stale = false;
                        loader = loader.fresh();
                        constructors.clear();
                    }
                    for (int i = 0; i < classes.names().size(); i++) {
                        loader.add(classes.names().get(i), classes.bytecode().get(i), peer);
                    }
                } else if (m instanceof Message.Run run) {
                    run(run);
                } else if (m instanceof Message.Ping) {
                    out.write(new Message.Pong());
                } else if (m instanceof Message.Cancel cancel) {
                    for (long id : cancel.ids()) {
                        Work work = works.get(id);
                        if (work != null) {
                            work.cancel();
                        }
                    }
                } else {
                    throw new ProtocolException("bad message from " + peer + ": a job server does not send \""
                            + m.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "\"");
                }
            }
        } finally {
            closed = true;
            works.values().forEach(Work::cancel);
            outbox.add(STOP);
        }
    }

    private void run(Message.Run run) throws IOException {
        List<RunEntry> entries = run.jobs();
        int admit = Math.max(0, Math.min(entries.size(), queueLimit - held.get()));
        if (admit < entries.size()) {
            List<Long> busy = new ArrayList<>();
            for (RunEntry e : entries.subList(admit, entries.size())) {
                busy.add(e.id());
            }
            out.write(new Message.Busy(busy));
            say("busy: refused " + busy.size() + " of " + jobs(entries.size()) + " (" + queueLimit + " held at most)");
        }
        if (admit == 0) {
            return;
        }
        say("run " + jobs(admit));
        held.addAndGet(admit);
        Object[][] args;
        try {
            SessionClassLoader classes = loader;
            Object value = JobData.decode(run.args(), classes::shipped, name -> Class.forName(name, false, classes));
            if (!(value instanceof Object[][] all) || all.length != entries.size() || Arrays.asList(all).contains(null)) {
                throw new ProtocolException("bad message from " + peer + ": the arguments of a run of " + entries.size()
                        + " jobs must be that many Object[]");
            }
            args = all;
        } catch (JobData.Refused e) {
            failAll(entries.subList(0, admit), Outcome.DATA, "arguments: " + e.getMessage());
            return;
        } catch (LinkageError e) {
            stale = true;
            failAll(entries.subList(0, admit), Outcome.CLASS, "cannot define a class of the arguments: " + e + DEPENDS_HINT);
            return;
        }
        for (int i = 0; i < admit; i++) {
            Work work = new Work(entries.get(i), args[i]);
            if (works.putIfAbsent(work.id, work) != null) {
                throw new ProtocolException("bad message from " + peer + ": job " + work.id + " is already here");
            }
            pool.execute(work);
        }
    }

    private void failAll(List<RunEntry> entries, String kind, String error) {
        for (RunEntry e : entries) {
            finish(e.id(), new Finished(Outcome.failure(e.id(), 0, kind, error, List.of()), null));
        }
    }

    private void finish(long id, Finished finished) {
        works.remove(id);
        held.decrementAndGet();
        jobs.increment();
        outbox.add(finished);
    }

    private static String jobs(int n) {
        return n + (n == 1 ? " job" : " jobs");
    }

    private void say(String line) {
        if (verbose != null) {
            verbose.accept(line);
        }
    }

    /** One job on its way through the pool. Cancelling interrupts it if it runs, and skips it if not yet. */
    private final class Work implements Runnable {
        final long id;
        final String task;
        final Object[] args;
        private Thread runner;
        private boolean cancelled;

        Work(RunEntry entry, Object[] args) {
            this.id = entry.id();
            this.task = entry.task();
            this.args = args;
        }

        synchronized void cancel() {
            cancelled = true;
            if (runner != null) {
                runner.interrupt();
            }
        }

        @Override
        public void run() {
            synchronized (this) {
                if (cancelled) {
                    finish(id, new Finished(Outcome.failure(id, 0, Outcome.CANCELLED, "cancelled before it ran", List.of()), null));
                    return;
                }
                runner = Thread.currentThread();
            }
            Finished finished = execute();
            synchronized (this) {
                runner = null;
                Thread.interrupted(); // a cancel's interrupt must not reach the next job
                if (cancelled && !finished.outcome().ok()) {
                    finished = new Finished(Outcome.failure(id, finished.outcome().nanos(), Outcome.CANCELLED,
                            "cancelled while it ran", List.of()), null);
                }
            }
            finish(id, finished);
        }

        private Finished execute() {
            long start = System.nanoTime();
            Throwable thrown;
            try {
                Task<?> instance = (Task<?>) constructor(task).newInstance();
                Object result = instance.run(args);
                return new Finished(Outcome.success(id, System.nanoTime() - start), result);
            } catch (ClassProblem e) {
                stale = true;
                return new Finished(Outcome.failure(id, System.nanoTime() - start, Outcome.CLASS, e.getMessage(), List.of()), null);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            } catch (Throwable e) {
                thrown = e;
            }
            long nanos = System.nanoTime() - start;
            String message = String.valueOf(thrown.getMessage());
            if (thrown instanceof LinkageError && !(thrown instanceof ExceptionInInitializerError)
                    && !message.startsWith("Could not initialize class")) {
                stale = true;
                String missing = thrown instanceof NoClassDefFoundError ? message.replace('/', '.') : task;
                return new Finished(Outcome.failure(id, nanos, Outcome.CLASS,
                        "cannot define class " + missing + ": " + thrown + DEPENDS_HINT, List.of()), null);
            }
            return new Finished(Outcome.failure(id, nanos, Outcome.TASK, describe(thrown), trace(thrown, task)), null);
        }
    }

    /** The task's class cannot be made into a runnable task here. */
    private static final class ClassProblem extends Exception {
        private static final long serialVersionUID = 1L;

        ClassProblem(String message) {
            super(message);
        }
    }

    private Constructor<?> constructor(String task) throws ClassProblem {
        SessionClassLoader current = loader;
        Constructor<?> constructor = constructors.get(task);
        if (constructor != null && (constructor.getDeclaringClass().getClassLoader() == current || !current.shipped(task))) {
            return constructor;
        }
        Class<?> c;
        try {
            c = current.loadClass(task);
        } catch (ClassNotFoundException e) {
            throw new ClassProblem("cannot define class " + task + ": it was not shipped and is not on this worker's class path"
                    + DEPENDS_HINT);
        } catch (LinkageError e) {
            throw new ClassProblem("cannot define class " + task + ": " + e + DEPENDS_HINT);
        }
        if (!Task.class.isAssignableFrom(c)) {
            throw new ClassProblem("cannot run " + task + ": it is not a " + Task.class.getName());
        }
        try {
            constructor = c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new ClassProblem("cannot run " + task + ": it has no public no-argument constructor");
        } catch (LinkageError e) {
            throw new ClassProblem("cannot define class " + task + ": " + e + DEPENDS_HINT);
        }
        constructors.put(task, constructor);
        return constructor;
    }

    /** "java.lang.IllegalStateException: boom; caused by java.io.IOException: gone", bounded. */
    static String describe(Throwable t) {
        StringBuilder text = new StringBuilder(t.toString());
        Throwable cause = t.getCause();
        for (int i = 0; i < 3 && cause != null && cause != t; i++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.length() <= MAX_ERROR ? text.toString() : text.substring(0, MAX_ERROR) + "...";
    }

    /** The task's frames: from the top down to its run method (the executor's own frames below it say nothing). */
    static List<StackTraceElement> trace(Throwable t, String task) {
        StackTraceElement[] frames = t.getStackTrace();
        int end = frames.length;
        for (int i = frames.length - 1; i >= 0; i--) {
            if (frames[i].getClassName().equals(task) && frames[i].getMethodName().equals("run")) {
                end = i + 1;
                break;
            }
        }
        return List.of(Arrays.copyOf(frames, Math.min(end, MAX_TRACE)));
    }

    private void writeLoop() {
        List<Finished> batch = new ArrayList<>();
        try {
            for (;;) {
                batch.add(outbox.take());
                outbox.drainTo(batch, MAX_DONE - 1);
                boolean stop = batch.remove(STOP);
                if (!batch.isEmpty() && !closed) {
                    send(batch);
                }
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (IOException e) {
            closed = true;
            try {
                transport.close(); // ends serve(): its read fails
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends outcomes and results; a result that cannot travel fails its own job, and a batch too big for a frame is split. */
    private void send(List<Finished> batch) throws IOException {
        byte[] results;
        try {
            results = JobData.encode(values(batch), name -> loader.shipped(name));
        } catch (JobData.Unsendable e) {
            batch = checkEach(batch);
            results = encodeChecked(batch);
        }
        if (results.length > Frames.DEFAULT_MAX_LENGTH) {
            if (batch.size() > 1) {
                send(new ArrayList<>(batch.subList(0, batch.size() / 2)));
                send(new ArrayList<>(batch.subList(batch.size() / 2, batch.size())));
                return;
            }
            Outcome o = batch.get(0).outcome();
            batch = List.of(new Finished(Outcome.failure(o.id(), o.nanos(), Outcome.DATA, "result of " + results.length
                    + " bytes is over the frame limit of " + Frames.DEFAULT_MAX_LENGTH + " bytes", List.of()), null));
            results = encodeChecked(batch);
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Finished f : batch) {
            outcomes.add(f.outcome());
        }
        out.write(new Message.Done(outcomes, results));
        say("done " + jobs(outcomes.size()));
    }

    private static Object[] values(List<Finished> batch) {
        Object[] values = new Object[batch.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = batch.get(i).value();
        }
        return values;
    }

    /** The batch with each result that cannot travel replaced by its job's failure. */
    private List<Finished> checkEach(List<Finished> batch) {
        List<Finished> checked = new ArrayList<>(batch.size());
        for (Finished f : batch) {
            try {
                JobData.encode(f.value(), name -> loader.shipped(name));
                checked.add(f);
            } catch (JobData.Unsendable e) {
                Outcome o = f.outcome();
                checked.add(new Finished(Outcome.failure(o.id(), o.nanos(), Outcome.DATA, "result: " + e.getMessage(), List.of()), null));
            }
        }
        return checked;
    }

    private byte[] encodeChecked(List<Finished> batch) throws IOException {
        try {
            return JobData.encode(values(batch), name -> loader.shipped(name));
        } catch (JobData.Unsendable e) {
            throw new IOException("results checked one by one still cannot be sent: " + e.getMessage(), e);
        }
    }
}
