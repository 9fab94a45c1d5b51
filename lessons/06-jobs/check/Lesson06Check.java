package lesson06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.jobs.Job;
import clusterlab.jobs.JobServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The checker of lesson 06. Tasks run on two local worker processes, so a task whose class cannot
 * travel (no public no-argument constructor, say) fails here as it would on a cluster. Every check
 * gives up after 20 seconds.
 */
@DisplayName("Lesson 06: a job server on one machine")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson06Check {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static JobServer processes;
    private static JobServer threads;

    @BeforeAll
    static void start() throws Exception {
        processes = JobServer.builder().workers(2).log(null).build();
        threads = JobServer.builder().workers(4).threads().log(null).build();
    }

    @AfterAll
    static void stop() {
        processes.close();
        threads.close();
    }

    @Test
    @DisplayName("(a) Collatz: steps from n to 1 for small numbers")
    void collatzSmall() {
        assertTimeoutPreemptively(LIMIT, () -> {
            int[][] cases = {{1, 0}, {2, 1}, {3, 7}, {6, 8}, {7, 16}, {27, 111}};
            for (int[] c : cases) {
                Job<Integer> job = processes.submit(Collatz.class, c[0]);
                assertEquals(c[1], job.get(), "Collatz steps from " + c[0]);
            }
        });
    }

    @Test
    @DisplayName("(a) Collatz: a start whose path outgrows an int (113383) runs on a worker process")
    void collatzLong() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Job<Integer> job = processes.submit(Collatz.class, 113383);
            assertEquals(247, job.get(), "Collatz steps from 113383 (the values pass 2^31: use a long)");
            assertTrue(job.ranOn().startsWith("local"), "ran on " + job.ranOn());
        });
    }

    @Test
    @DisplayName("(b) ParallelSum: the right sum, for slices that divide n evenly and that do not")
    void parallelSumValues() {
        assertTimeoutPreemptively(LIMIT, () -> {
            long[][] cases = {{10, 2}, {10, 3}, {1000, 7}, {1_000_000, 8}, {3, 5}};
            for (long[] c : cases) {
                long n = c[0];
                long expected = n * (n + 1) * (2 * n + 1) / 6;
                assertEquals(expected, ParallelSum.sumOfSquares(threads, n, (int) c[1]),
                        "sum of squares 1.." + n + " in " + c[1] + " jobs");
            }
        });
    }

    @Test
    @DisplayName("(b) ParallelSum: exactly one job per slice")
    void parallelSumJobCount() {
        assertTimeoutPreemptively(LIMIT, () -> {
            threads.waitAll();
            long before = threads.stats().jobs();
            ParallelSum.sumOfSquares(threads, 100_000, 6);
            threads.waitAll();
            assertEquals(6, threads.stats().jobs() - before, "jobs submitted for 6 slices");
        });
    }

    @Test
    @DisplayName("(c) FirstAnswer: returns the quickest job's answer without waiting for the others")
    void firstAnswer() {
        assertTimeoutPreemptively(LIMIT, () -> {
            threads.waitAll();
            int first = FirstAnswer.first(threads, List.of(3000, 20, 1500));
            assertEquals(20, first, "the job sleeping 20 ms finishes first");
            assertTrue(threads.stats().activeJobs() >= 2,
                    "first() returned only after the slower jobs had finished too: it should not wait for them");
            threads.waitAll();
        });
    }
}
