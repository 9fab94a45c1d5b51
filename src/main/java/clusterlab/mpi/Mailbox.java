package clusterlab.mpi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages that have arrived for one rank, and the receives waiting for them.
 *
 * <p>Every receive is first "posted": it takes the oldest arrived message that matches its source
 * and tag, or joins the queue of posted receives. An arriving message goes to the oldest posted
 * receive it matches, or waits in the list of unmatched messages. Both lists are kept in order, so
 * two messages from one rank with one tag are received in the order they were sent (MPI's rule).
 *
 * <p>A receive waiting longer than the warning time prints what it waits for and what has
 * arrived instead (the typo in a source or tag that makes an MPI program hang), then waits on.
 * A receive that can never be matched because its source is gone fails instead of hanging.
 *
 * <p>A receive whose message has not arrived yet first spins for a short, bounded time (see
 * {@link #spinNanos}) before it blocks on the condition. On a loopback or fast network the answer
 * often comes within tens of microseconds, and waking a thread that blocked costs about as much
 * again (a futex wake-up, and on a small VM the rescheduling of a thread on another core): it was
 * most of the one-way latency of a small message. Spinning keeps the waiting thread on its core
 * for that short time, so the receiver thread's delivery is seen at once.
 */
final class Mailbox {
    /** A posted receive; {@code message} is set once one matches. */
    static final class Receive {
        final int source;
        final int tag;
        /** Volatile so that a spinning receive sees it without the lock; set under the lock. */
        volatile Message message;

        Receive(int source, int tag) {
            this.source = source;
            this.tag = tag;
        }

        boolean matches(Message m) {
            boolean sourceOk = source == Comm.ANY_SOURCE || m.source() == source;
            // ANY_TAG matches user tags only, never the negative tags collectives use inside.
            boolean tagOk = tag == Comm.ANY_TAG ? m.tag() >= 0 : m.tag() == tag;
            return sourceOk && tagOk;
        }
    }

    /**
     * How long a receive spins before it blocks: {@value #DEFAULT_SPIN_MICROS} us unless the
     * environment variable CLUSTERLAB_MPI_SPIN gives another number of microseconds (0 turns
     * spinning off, at most {@value #MAX_SPIN_MICROS}). Long enough for a loopback or LAN round
     * trip of a small message, short enough that a rank waiting for a long computation elsewhere
     * wastes at most this much processor time before it sleeps.
     */
    static final long DEFAULT_SPIN_MICROS = 50;
    static final long MAX_SPIN_MICROS = 10_000;
    static final String ENV_SPIN = "CLUSTERLAB_MPI_SPIN";
    private static final long SPIN_NANOS = spinNanos(System.getenv(ENV_SPIN));

    private final int rank;
    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Message> unmatched = new ArrayList<>();
    private final List<Receive> posted = new ArrayList<>();
    /** Why each rank can send nothing more ("rank 2 died ..."), or null while it can. */
    private final String[] gone;
    private volatile long warnAfterMillis;

    Mailbox(int rank, int size, long warnAfterMillis) {
        this.rank = rank;
        this.size = size;
        this.gone = new String[size];
        this.warnAfterMillis = warnAfterMillis;
    }

    void setWarnAfter(long millis) {
        warnAfterMillis = millis;
    }

    /** Called by the receiver threads (and by a rank sending to itself). */
    void deliver(Message message) {
        lock.lock();
        try {
            for (Iterator<Receive> it = posted.iterator(); it.hasNext();) {
                Receive r = it.next();
                if (r.matches(message)) {
                    it.remove();
                    r.message = message;
                    changed.signalAll();
                    return;
                }
            }
            unmatched.add(message);
        } finally {
            lock.unlock();
        }
    }

    /** The rank {@code source} will send nothing more; wakes receives that now wait in vain. */
    void gone(int source, String why) {
        lock.lock();
        try {
            if (gone[source] == null) {
                gone[source] = why;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    Receive post(int source, int tag) {
        Receive r = new Receive(source, tag);
        lock.lock();
        try {
            for (Iterator<Message> it = unmatched.iterator(); it.hasNext();) {
                Message m = it.next();
                if (r.matches(m)) {
                    it.remove();
                    r.message = m;
                    return r;
                }
            }
            posted.add(r);
            return r;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the receive has its message; throws if it can never get one. */
    boolean test(Receive r) {
        lock.lock();
        try {
            failIfHopeless(r);
            return r.message != null;
        } finally {
            lock.unlock();
        }
    }

    Message await(Receive r) {
        spin(r);
        lock.lock();
        try {
            long start = System.nanoTime();
            boolean warned = false;
            while (r.message == null) {
                failIfHopeless(r);
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                long warnAfter = warnAfterMillis;
                if (!warned && waited >= warnAfter) {
                    System.err.println(waitingReport(r, waited));
                    warned = true;
                }
                changed.await(warned ? 1000 : Math.max(1, warnAfter - waited), TimeUnit.MILLISECONDS);
            }
            return r.message;
        } catch (InterruptedException e) {
            posted.remove(r);
            Thread.currentThread().interrupt();
            throw new MpiException("rank " + rank + " was interrupted waiting for " + describe(r.source, r.tag), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits a little, without the lock and without blocking, for the receiver thread to deliver
     * r's message. Bounded by {@link #SPIN_NANOS}; whether or not it came, {@link #await} then
     * takes the lock and carries on as usual (and notices a source that is gone).
     */
    private static void spin(Receive r) {
        if (r.message != null || SPIN_NANOS == 0) {
            return;
        }
        long start = System.nanoTime();
        while (r.message == null && System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait(); // tells the processor this is a busy wait (x86 PAUSE)
        }
    }

    /** Microseconds of spinning from CLUSTERLAB_MPI_SPIN, as nanoseconds; the default when unset or bad. */
    static long spinNanos(String text) {
        long micros = DEFAULT_SPIN_MICROS;
        if (text != null && !text.isBlank()) {
            try {
                micros = Math.max(0, Math.min(MAX_SPIN_MICROS, Long.parseLong(text.trim())));
            } catch (NumberFormatException e) {
                System.err.println("clusterlab mpi: " + ENV_SPIN + " must be a number of microseconds, not '" + text
                        + "'; spinning " + DEFAULT_SPIN_MICROS + " us");
            }
        }
        return micros * 1000;
    }

    /** Called with the lock held: a receive with no message whose sources are all gone fails. */
    private void failIfHopeless(Receive r) {
        if (r.message != null) {
            return;
        }
        String why = null;
        if (r.source != Comm.ANY_SOURCE) {
            why = gone[r.source];
        } else if (allOthersGone()) {
            StringBuilder all = new StringBuilder("every other rank is gone:");
            for (String reason : gone) {
                if (reason != null) {
                    all.append(' ').append(reason).append(';');
                }
            }
            why = all.substring(0, all.length() - 1);
        }
        if (why != null) {
            posted.remove(r);
            throw new RankFailedException("rank " + rank + " of " + size + " waits for " + describe(r.source, r.tag)
                    + ", which can never come: " + why);
        }
    }

    private boolean allOthersGone() {
        for (int i = 0; i < size; i++) {
            if (i != rank && gone[i] == null) {
                return false;
            }
        }
        return size > 1;
    }

    private String waitingReport(Receive r, long waitedMillis) {
        StringBuilder s = new StringBuilder();
        s.append("clusterlab mpi: rank ").append(rank).append(" of ").append(size).append(" has waited ")
                .append(waitedMillis / 1000.0).append(" s for ").append(describe(r.source, r.tag)).append("; ");
        if (unmatched.isEmpty()) {
            s.append("no other message has arrived");
        } else {
            s.append("arrived but not received:");
            for (Message m : unmatched) {
                s.append(" [from rank ").append(m.source()).append(", ").append(tagName(m.tag()))
                        .append(", ").append(m.data().length).append(" bytes]");
            }
        }
        return s.append(" (still waiting: is the source or tag wrong?)").toString();
    }

    static String describe(int source, int tag) {
        return "a message from " + (source == Comm.ANY_SOURCE ? "any rank" : "rank " + source) + " with "
                + (tag == Comm.ANY_TAG ? "any tag" : tagName(tag));
    }

    private static String tagName(int tag) {
        return tag == Comm.COLLECTIVE_TAG ? "the collectives' internal tag" : "tag " + tag;
    }
}
