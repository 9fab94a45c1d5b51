package clusterlab.monitor;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The head's log: each line is printed (unless a view has the screen) and the last few are kept for
 * the views to show. Only a fixed number are kept: a head running for weeks must not fill its memory
 * with log lines, as the article's head did.
 */
public final class RecentLog {
    /** Always eight characters: LocalTime's own toString leaves the seconds out at :00. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Clock clock;
    private final int keep;
    private final ArrayDeque<String> lines;
    private volatile PrintStream echo;

    /** @param echo where lines are printed as they come, or null for nowhere */
    public RecentLog(int keep, PrintStream echo) {
        this(keep, echo, Clock.systemDefaultZone());
    }

    RecentLog(int keep, PrintStream echo, Clock clock) {
        this.clock = clock;
        this.keep = keep;
        this.lines = new ArrayDeque<>(keep);
        this.echo = echo;
    }

    /** Prints lines from now on to {@code echo}, or to nowhere when null (a terminal view shows them itself). */
    public void echoTo(PrintStream echo) {
        this.echo = echo;
    }

    public void add(String line) {
        String stamped = LocalTime.now(clock).format(STAMP) + " " + line;
        synchronized (lines) {
            if (lines.size() == keep) {
                lines.removeFirst();
            }
            lines.addLast(stamped);
        }
        PrintStream out = echo;
        if (out != null) {
            out.println(line);
        }
    }

    /** The last {@code n} lines kept, oldest first, each starting with the time it was logged. */
    public List<String> last(int n) {
        synchronized (lines) {
            List<String> all = List.copyOf(lines);
            return all.subList(Math.max(0, all.size() - n), all.size());
        }
    }
}
