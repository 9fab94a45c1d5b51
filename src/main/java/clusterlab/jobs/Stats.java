package clusterlab.jobs;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/**
 * A job server's statistics at one moment, as pp's print_stats shows them: per executor ("local"
 * for every local worker together, "host:port" for a node), how many jobs ran there and how long
 * their tasks took where they ran; the time since the server was created; jobs not yet finished.
 */
public final class Stats {
    /** The key of the local workers. */
    public static final String LOCAL = "local";

    /** One executor's jobs and the sum of their task times. */
    public record Line(long jobs, long taskNanos) {
        public double taskSeconds() {
            return taskNanos / 1e9;
        }
    }

    private final Map<String, Line> lines;
    private final Duration elapsed;
    private final long activeJobs;
    private final int workers;

    Stats(Map<String, Line> lines, Duration elapsed, long activeJobs, int workers) {
        this.lines = Collections.unmodifiableMap(lines);
        this.elapsed = elapsed;
        this.activeJobs = activeJobs;
        this.workers = workers;
    }

    /** Per executor, "local" first, then nodes in the order they first joined. */
    public Map<String, Line> lines() {
        return lines;
    }

    /** Jobs that ran, everywhere. */
    public long jobs() {
        long sum = 0;
        for (Line line : lines.values()) {
            sum += line.jobs();
        }
        return sum;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** Jobs submitted and not yet finished (with their callbacks). */
    public long activeJobs() {
        return activeJobs;
    }

    /** Local workers. */
    public int workers() {
        return workers;
    }

    /** pp's table: a line per executor that ran jobs, then the elapsed time, active jobs and local workers. */
    public void print(PrintStream out) {
        out.print(this);
        out.flush();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Job execution statistics:\n");
        s.append(" job count | % of all jobs | job time sum | time per job | job server\n");
        long all = jobs();
        lines.forEach((where, line) -> {
            if (line.jobs() > 0) {
                s.append(String.format(Locale.ROOT, "%10d | %13.2f | %12.4f | %12.6f | %s\n", line.jobs(),
                        100.0 * line.jobs() / all, line.taskSeconds(), line.taskSeconds() / line.jobs(), where));
            }
        });
        s.append(String.format(Locale.ROOT, "Time elapsed since server creation %.4f\n", elapsed.toNanos() / 1e9));
        s.append(activeJobs).append(" active tasks, ").append(workers).append(workers == 1 ? " core\n" : " cores\n");
        return s.toString();
    }
}
