package clusterlab.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The local worker processes: started in parallel, replaced when one dies (but not without end:
 * after {@link #MAX_DEATHS} deaths in a row with no job finished between them, the job server
 * gives up on local workers and says so), and retired when there should be fewer.
 */
final class LocalWorkers {
    static final int MAX_DEATHS = 3;

    private final Link.Owner owner;
    private final PrintStream log;
    private final Consumer<String> gaveUpHook;
    private final StatsBook.Line localStats;
    private final List<ProcessLink> links = new CopyOnWriteArrayList<>();
    private int target;
    private int starting;
    private int deathsInARow;
    private long jobsAtLastDeath = -1;
    private boolean gaveUp;
    private boolean closed;

    /** @param gaveUpHook told when local workers will not come back, with why */
    LocalWorkers(Link.Owner owner, PrintStream log, Consumer<String> gaveUpHook) {
        this.owner = owner;
        this.log = log;
        this.gaveUpHook = gaveUpHook;
        this.localStats = owner.stats().line(Stats.LOCAL);
    }

    /** The number of local worker processes asked for. */
    synchronized int target() {
        return target;
    }

    /** Workers that are up, or starting. */
    synchronized int count() {
        return starting + (int) links.stream().filter(Link::running).count();
    }

    /** True while a worker is up or on its way. */
    synchronized boolean mayWork() {
        return count() > 0 || target > 0 && !gaveUp && !closed;
    }

    /** Starts or retires workers until there are {@code n}; waits for the new ones to be ready. */
    void resize(int n) throws IOException {
        int more;
        synchronized (this) {
            links.removeIf(Link::ended); // retired ones
            target = n;
            gaveUp = false;
            deathsInARow = 0;
            more = n - count();
            if (more < 0) {
                List<ProcessLink> running = new ArrayList<>(links.stream().filter(Link::running).toList());
                running.sort(Comparator.comparingInt(Link::inFlight)); // the idlest go first
                for (ProcessLink link : running.subList(0, -more)) {
                    link.retire();
                }
                return;
            }
            starting += more;
        }
        start(more);
    }

    /** Launches {@code n} processes at once, then waits for each; failures are reported together. */
    private void start(int n) throws IOException {
        List<Process> launched = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                launched.add(ProcessLink.launch());
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        for (Process process : launched) {
            try {
                ProcessLink link = ProcessLink.ready(process, owner);
                synchronized (this) {
                    if (closed) {
                        link.close();
                    } else {
                        links.add(link);
                    }
                }
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        synchronized (this) {
            starting -= n;
        }
        if (!failures.isEmpty()) {
            throw new IOException("cannot start " + failures.size() + " of " + n + " local worker processes: " + failures.get(0));
        }
    }

    /** A worker is gone: replace it, unless workers keep dying or there should be fewer anyway. */
    void lost(ProcessLink link, String reason) {
        boolean replace;
        synchronized (this) {
            links.remove(link);
            if (closed) {
                return;
            }
            if (!link.killedForTimeout()) {
                long jobs = localStats.jobs();
                deathsInARow = jobs == jobsAtLastDeath ? deathsInARow + 1 : 1;
                jobsAtLastDeath = jobs;
            }
            replace = count() < target && !gaveUp && !giveUpAfter(link.title + " " + reason);
            if (replace) {
                starting++;
            }
        }
        if (replace) {
            Thread replacer = new Thread(this::replace, "jobs-replace-worker");
            replacer.setDaemon(true);
            replacer.start();
        }
    }

    /** Starts one worker in place of a lost one, trying again (within the deaths allowed) if it fails to start. */
    private void replace() {
        for (;;) {
            try {
                start(1);
                return;
            } catch (IOException e) {
                synchronized (this) {
                    deathsInARow++;
                    if (closed || giveUpAfter(e.getMessage())) {
                        break;
                    }
                    starting++;
                }
            }
        }
        gaveUpHook.accept("local workers keep dying");
    }

    /** Gives up on local workers after too many deaths in a row; true if it did. */
    private boolean giveUpAfter(String last) {
        if (deathsInARow < MAX_DEATHS) {
            return false;
        }
        if (!gaveUp) {
            gaveUp = true;
            say("local workers died " + deathsInARow + " times in a row (last: " + last + "); not starting more");
        }
        return true;
    }

    /** Closes every worker; returns the jobs they held. */
    List<Job<?>> close() {
        synchronized (this) {
            closed = true;
        }
        List<Job<?>> held = new ArrayList<>();
        for (ProcessLink link : links) {
            held.addAll(link.close());
        }
        links.clear();
        return held;
    }

    private void say(String line) {
        if (log != null) {
            log.println(line);
        }
    }
}
