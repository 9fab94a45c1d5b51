package clusterlab.jobs;

import clusterlab.jobs.Message.Outcome;
import clusterlab.jobs.Message.RunEntry;
import clusterlab.wire.Frames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The job server's side of one executor (a worker process or a node session): a sender thread
 * that takes jobs from the queue as the executor has room and sends them, many to a message, and
 * a reader thread that takes the outcomes back.
 *
 * <p>The window, how many jobs the executor may hold at once, adapts: workers x clamp(5 ms /
 * average task time, 2, 512). Tasks of microseconds travel hundreds to a message; tasks of
 * seconds go two per worker, so they do not pile up on one executor while another is idle. The
 * sender refills when the executor is down to half its window.
 *
 * <p>An executor that is lost (its stream ends or fails, or it sends nonsense) gives its unfinished
 * jobs back to the front of the queue, for the other executors.
 */
abstract class Link {
    /** The job server, as a link sees it. */
    interface Owner {
        JobQueue queue();

        Shipping shipping();

        Timeouts timeouts();

        StatsBook stats();

        /** The link is gone and its jobs are back in the queue. */
        void lost(Link link, String reason);
    }

    private static final long TARGET_NANOS = 5_000_000;
    private static final int MIN_DEPTH = 2;
    private static final int MAX_DEPTH = 512;

    private enum State { RUNNING, RETIRING, CLOSED, LOST }

    /** Where jobs ran, as Job.ranOn() and the statistics say it: "local pid 1234" or "10.77.0.1:60000". */
    final String name;
    /** The executor in a sentence: "local pid 1234", "node 10.77.0.1:60000". */
    final String title;
    final int workers;
    protected final Owner owner;
    private final StatsBook.Line stats;
    private MessageReader in;
    private MessageWriter out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final Map<Long, Job<?>> inFlight = new HashMap<>();
    private final Set<String> classesSent = new HashSet<>(); // the sender thread's
    private double averageNanos = -1;
    private int limit;
    private volatile State state = State.RUNNING;

    /** @param limit the most jobs the executor takes at once (a node's queue), or Integer.MAX_VALUE */
    Link(String name, String title, int workers, int limit, String statsKey, Owner owner) {
        this.name = name;
        this.title = title;
        this.workers = workers;
        this.limit = limit;
        this.owner = owner;
        this.stats = owner.stats().line(statsKey);
    }

    /** Starts the sender and reader threads. */
    void start(MessageReader reader, MessageWriter writer) {
        this.in = reader;
        this.out = writer;
        Thread sender = new Thread(this::sendLoop, "jobs-send " + name);
        Thread receiver = new Thread(this::readLoop, "jobs-receive " + name);
        sender.setDaemon(true);
        receiver.setDaemon(true);
        sender.start();
        receiver.start();
    }

    /** Ends the executor: closes its stream, or kills its process. */
    protected abstract void shutdown();

    /** A job sent here ran past its time limit: it has failed already; stop it on the executor. */
    protected abstract void expired(Job<?> job);

    /** The reason a lost executor gives, with whatever more the link knows (a process's exit status). */
    protected String lostReason(String reason) {
        return reason;
    }

    boolean running() {
        return state == State.RUNNING;
    }

    /** True once closed or lost: nothing more will happen on this link. */
    boolean ended() {
        return state == State.CLOSED || state == State.LOST;
    }

    /** Jobs out on this executor. */
    int inFlight() {
        lock.lock();
        try {
            return inFlight.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking jobs; closes once the jobs it holds are done. */
    void retire() {
        boolean empty;
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return;
            }
            state = State.RETIRING;
            empty = inFlight.isEmpty();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        owner.queue().wakeAll();
        if (empty) {
            close();
        }
    }

    /** Says bye and ends the executor; returns the jobs it still held, for the caller to fail. */
    List<Job<?>> close() {
        List<Job<?>> held;
        lock.lock();
        try {
            if (state == State.CLOSED || state == State.LOST) {
                return List.of();
            }
            state = State.CLOSED;
            held = new ArrayList<>(inFlight.values());
            inFlight.clear();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        owner.queue().wakeAll();
        out.tryWrite(new Message.Bye());
        shutdown();
        return held;
    }

    /** The executor is gone: its jobs go back to the front of the queue. */
    void lose(String reason) {
        List<Job<?>> back;
        lock.lock();
        try {
            if (state == State.CLOSED || state == State.LOST) {
                return;
            }
            state = State.LOST;
            back = new ArrayList<>(inFlight.values());
            inFlight.clear();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        owner.queue().wakeAll();
        shutdown();
        back.sort(Comparator.comparingLong(Job::id));
        for (Job<?> job : back) {
            Timeouts.disarm(job); // the clock starts again when it is sent again
        }
        owner.queue().addFront(back);
        owner.lost(this, lostReason(reason));
    }

    /** True while the job is out on this executor. */
    boolean holds(Job<?> job) {
        lock.lock();
        try {
            return inFlight.get(job.id()) == job;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a message now, from any thread (a cancel, say); a failure loses the link. */
    protected void sendNow(Message message) {
        try {
            out.write(message);
        } catch (IOException e) {
            lose("cannot send: " + e.getMessage());
        }
    }

    private int window() {
        int depth = averageNanos < 0 ? MIN_DEPTH
                : (int) Math.max(MIN_DEPTH, Math.min(MAX_DEPTH, Math.ceil(TARGET_NANOS / Math.max(averageNanos, 1))));
        return (int) Math.max(1, Math.min((long) workers * depth, limit));
    }

    /** Waits until the executor is down to half its window; the room left, or 0 when the link stops. */
    private int awaitRoom() throws InterruptedException {
        lock.lock();
        try {
            while (state == State.RUNNING && inFlight.size() > window() / 2) {
                room.await();
            }
            return state == State.RUNNING ? window() - inFlight.size() : 0;
        } finally {
            lock.unlock();
        }
    }

    private void sendLoop() {
        try {
            for (;;) {
                int space = awaitRoom();
                if (space <= 0) {
                    return;
                }
                List<Job<?>> batch = owner.queue().take(Math.min(space, MessageReader.MAX_JOBS), () -> state != State.RUNNING);
                if (batch.isEmpty()) {
                    continue;
                }
                if (!register(batch)) {
                    owner.queue().addFront(batch);
                    return;
                }
                send(batch);
            }
        } catch (IOException e) {
            lose("cannot send: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean register(List<Job<?>> batch) {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return false;
            }
            for (Job<?> job : batch) {
                inFlight.put(job.id(), job);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void unregister(Job<?> job) {
        lock.lock();
        try {
            inFlight.remove(job.id());
            room.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Ships the classes this executor has not seen yet, then the jobs; jobs whose arguments cannot travel fail here. */
    private void send(List<Job<?>> batch) throws IOException {
        List<ShippedClass> newClasses = new ArrayList<>();
        for (Job<?> job : batch) {
            for (ShippedClass c : job.classes()) {
                if (classesSent.add(c.name())) {
                    newClasses.add(c);
                }
            }
        }
        for (int from = 0; from < newClasses.size(); from += MessageReader.MAX_CLASSES) {
            List<ShippedClass> part = newClasses.subList(from, Math.min(newClasses.size(), from + MessageReader.MAX_CLASSES));
            out.write(new Message.Classes(part.stream().map(ShippedClass::name).toList(),
                    part.stream().map(ShippedClass::bytecode).toList()));
        }
        sendRun(batch);
    }

    private void sendRun(List<Job<?>> batch) throws IOException {
        byte[] args;
        try {
            // Checked against what this executor was sent: what it would refuse fails here, job by job.
            args = JobData.encode(argsOf(batch), classesSent::contains);
        } catch (JobData.Unsendable e) {
            batch = failUnsendable(batch);
            if (batch.isEmpty()) {
                return;
            }
            sendRun(batch);
            return;
        }
        if (args.length > Frames.DEFAULT_MAX_LENGTH) {
            if (batch.size() == 1) {
                Job<?> job = batch.get(0);
                unregister(job);
                job.fail(new JobFailedException(job + ": arguments of " + args.length + " bytes are over the frame limit of "
                        + Frames.DEFAULT_MAX_LENGTH + " bytes"), null);
                return;
            }
            sendRun(new ArrayList<>(batch.subList(0, batch.size() / 2)));
            sendRun(new ArrayList<>(batch.subList(batch.size() / 2, batch.size())));
            return;
        }
        List<RunEntry> entries = new ArrayList<>(batch.size());
        for (Job<?> job : batch) {
            entries.add(new RunEntry(job.id(), job.task()));
        }
        out.write(new Message.Run(entries, args));
        for (Job<?> job : batch) {
            if (job.timeout() != null) {
                owner.timeouts().arm(job, () -> {
                    if (holds(job) && job.fail(Timeouts.expired(job, title), name)) {
                        expired(job);
                    }
                });
            }
        }
    }

    private static Object[][] argsOf(List<Job<?>> batch) {
        Object[][] args = new Object[batch.size()][];
        for (int i = 0; i < args.length; i++) {
            args[i] = batch.get(i).argsArray();
        }
        return args;
    }

    /** Fails each job whose arguments cannot travel; returns the others. */
    private List<Job<?>> failUnsendable(List<Job<?>> batch) {
        List<Job<?>> ok = new ArrayList<>(batch.size());
        for (Job<?> job : batch) {
            try {
                JobData.encode(job.argsArray(), classesSent::contains);
                ok.add(job);
            } catch (JobData.Unsendable e) {
                unregister(job);
                job.fail(new JobFailedException(job + ": arguments: " + e.getMessage()), null);
            }
        }
        return ok;
    }

    private void readLoop() {
        String reason;
        try {
            for (;;) {
                Message m = in.read();
                if (m == null) {
                    reason = "closed the connection";
                    break;
                } else if (m instanceof Message.Done done) {
                    done(done);
                } else if (m instanceof Message.Busy busy) {
                    busy(busy);
                } else if (m instanceof Message.Pong) {
                    continue; // its arrival is all it says: the peer is alive (see NodeLink)
                } else if (m instanceof Message.Bye) {
                    reason = "said bye";
                    break;
                } else {
                    throw new ProtocolException("bad message from " + title + ": an executor does not send \""
                            + m.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "\"");
                }
            }
        } catch (IOException e) {
            reason = e.getMessage();
        }
        lose(reason);
    }

    private void done(Message.Done done) throws IOException {
        List<Outcome> outcomes = done.jobs();
        Object[] results;
        String dataError = null;
        try {
            Object value = JobData.decode(done.results(), owner.shipping()::shipped, owner.shipping()::resolve);
            if (!(value instanceof Object[] all) || all.length != outcomes.size()) {
                throw new ProtocolException("bad message from " + title + ": the results of " + outcomes.size()
                        + " jobs must be an Object[] of that length");
            }
            results = all;
        } catch (JobData.Refused e) {
            results = new Object[outcomes.size()];
            dataError = "results: " + e.getMessage();
        }
        List<Job<?>> jobs = new ArrayList<>(outcomes.size());
        boolean closeNow;
        lock.lock();
        try {
            long nanos = 0;
            for (Outcome o : outcomes) {
                jobs.add(inFlight.remove(o.id()));
                nanos += o.nanos();
            }
            double mean = (double) nanos / outcomes.size();
            averageNanos = averageNanos < 0 ? mean : 0.7 * averageNanos + 0.3 * mean;
            room.signal();
            closeNow = state == State.RETIRING && inFlight.isEmpty();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Job<?> job = jobs.get(i);
            if (job != null) {
                stats.add(outcomes.get(i).nanos());
                complete(job, outcomes.get(i), results[i], dataError);
            }
        }
        if (closeNow) {
            close();
        }
    }

    private void complete(Job<?> job, Outcome o, Object result, String dataError) {
        if (o.ok() && dataError == null) {
            job.succeed(result, name);
        } else if (o.ok()) {
            job.fail(new JobFailedException(job + " failed on " + title + ": " + dataError), name);
        } else if (o.kind().equals(Outcome.TASK)) {
            job.fail(JobFailedException.withTrace(job + " failed on " + title + ": Remote: " + o.error(),
                    o.trace().toArray(new StackTraceElement[0])), name);
        } else if (o.kind().equals(Outcome.CLASS)) {
            job.fail(new JobFailedException(job + ": " + title + " " + o.error()), name);
        } else if (o.kind().equals(Outcome.DATA)) {
            job.fail(new JobFailedException(job + " failed on " + title + ": " + o.error()), name);
        } else {
            job.fail(new JobFailedException(job + " was cancelled on " + title + ": " + o.error()), name);
        }
    }

    private void busy(Message.Busy busy) {
        List<Job<?>> back = new ArrayList<>();
        lock.lock();
        try {
            for (long id : busy.ids()) {
                Job<?> job = inFlight.remove(id);
                if (job != null) {
                    back.add(job);
                }
            }
            // The executor holds no more than it holds now: never send it more than that again.
            limit = Math.max(1, inFlight.size());
            room.signal();
        } finally {
            lock.unlock();
        }
        back.sort(Comparator.comparingLong(Job::id));
        for (Job<?> job : back) {
            Timeouts.disarm(job);
        }
        owner.queue().addFront(back);
    }
}
