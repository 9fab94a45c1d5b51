package clusterlab.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The job server's running counts: jobs and task time per executor ("local" or "host:port"). Bounded by the number of nodes. */
final class StatsBook {
    /** One executor's counters. */
    static final class Line {
        private final LongAdder jobs = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        void add(long taskNanos) {
            jobs.increment();
            nanos.add(taskNanos);
        }

        long jobs() {
            return jobs.sum();
        }
    }

    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final long createdNanos = System.nanoTime();

    StatsBook() {
        lines.put(Stats.LOCAL, new Line());
    }

    synchronized Line line(String key) {
        return lines.computeIfAbsent(key, k -> new Line());
    }

    synchronized Stats snapshot(long activeJobs, int workers) {
        Map<String, Stats.Line> copy = new LinkedHashMap<>();
        lines.forEach((key, line) -> copy.put(key, new Stats.Line(line.jobs.sum(), line.nanos.sum())));
        return new Stats(copy, Duration.ofNanos(System.nanoTime() - createdNanos), activeJobs, workers);
    }
}
