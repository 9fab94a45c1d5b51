package clusterlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Worker processes that hang, die or come and go while jobs run. */
@Timeout(60)
class WorkerFailuresTest {
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private JobServer server;

    /** These tests count and kill worker processes: none of another job server may be left. */
    @BeforeEach
    void noWorkersYet() {
        Eventually.await("earlier workers to exit", () -> LiveWorkers.count() == 0);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        Eventually.await("the workers to exit", () -> LiveWorkers.count() == 0);
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aJobThatNeverEndsTimesOutAndItsWorkerIsReplaced() throws Exception {
        server = JobServer.builder().workers(1).log(log).build();
        long first = server.submit(Tasks.Sleep.class, 0).get();
        Job<Void> forever = server.job(Tasks.Forever.class).timeout(Duration.ofMillis(500)).submit();
        JobTimeoutException e = assertThrows(JobTimeoutException.class, forever::get);
        assertEquals("job " + forever.id() + " (clusterlab.jobs.Tasks$Forever) timed out after 500 ms on local pid " + first,
                e.getMessage());
        assertEquals("local pid " + first, forever.ranOn());
        long next = server.submit(Tasks.Sleep.class, 0).get();
        assertNotEquals(first, next, "the hung worker should have been replaced");
        Eventually.await("the hung worker to be gone", () -> ProcessHandle.of(first).map(p -> !p.isAlive()).orElse(true));
        assertEquals(Map.of("local", 1), server.activeNodes());
    }

    @Test
    void aKilledWorkersJobsRunElsewhereAndFinishOnce() throws Exception {
        server = JobServer.builder().workers(2).log(log).build();
        Map<Long, AtomicInteger> callbacks = new ConcurrentHashMap<>();
        List<Job<Long>> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(server.job(Tasks.Sleep.class).args(1500)
                    .callback(job -> callbacks.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet()).submit());
        }
        // The window of a new worker is two jobs: each worker holds two of the four now.
        ProcessHandle victim = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(WorkerProcess.class.getName())).findFirst().orElseThrow();
        Thread.sleep(200);
        victim.destroyForcibly();
        server.waitAll();
        Set<Long> pids = new HashSet<>();
        for (Job<Long> job : jobs) {
            pids.add(job.get());
        }
        assertTrue(!pids.contains(victim.pid()), "a job finished on the killed worker " + victim.pid() + ": " + pids);
        assertEquals(4, callbacks.size());
        callbacks.values().forEach(n -> assertEquals(1, n.get()));
        assertTrue(log().contains("local pid " + victim.pid() + " lost (exited with status 137); its jobs go back to the queue"),
                log());
        Eventually.await("a replacement worker", () -> server.activeNodes().get("local") == 2);
    }

    @Test
    void workersComeAndGoAtRunTime() throws Exception {
        server = JobServer.builder().workers(1).log(log).build();
        server.setWorkers(3);
        assertEquals(3, server.workers());
        assertEquals(Map.of("local", 3), server.activeNodes());
        assertEquals(3, LiveWorkers.count());
        List<Job<Long>> jobs = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            jobs.add(server.submit(Tasks.Sleep.class, 200));
        }
        Set<Long> pids = new HashSet<>();
        jobs.forEach(job -> pids.add(job.get()));
        assertTrue(pids.size() >= 2, "nine 200 ms jobs on three workers ran on " + pids);

        server.setWorkers(1);
        assertEquals(1, server.workers());
        Eventually.await("two workers to retire", () -> LiveWorkers.count() == 1, () -> "still " + LiveWorkers.count());
        assertEquals(Map.of("local", 1), server.activeNodes());
        assertEquals(42, server.submit(Tasks.Echo.class, 42).get());
        assertTrue(!log().contains("lost"), "a retired worker is not a lost one: " + log());
    }

    @Test
    void workersThatKeepDyingAreGivenUpOn() throws Exception {
        server = JobServer.builder().workers(1).log(log).build();
        Job<Void> killer = server.submit(Tasks.Exit.class);
        JobFailedException e = assertThrows(JobFailedException.class, killer::get);
        assertTrue(e.getMessage().startsWith("job " + killer.id() + " (clusterlab.jobs.Tasks$Exit): no workers left: "), e.getMessage());
        assertTrue(log().contains("local workers died 3 times in a row"), log());
        e = assertThrows(JobFailedException.class, () -> server.submit(Tasks.Echo.class, 1).get());
        assertTrue(e.getMessage().contains("no workers left"), e.getMessage());

        server.setWorkers(1); // asking again starts afresh
        assertEquals(5, server.submit(Tasks.Echo.class, 5).get());
    }

    @Test
    void closingFailsWhatIsLeft() throws Exception {
        server = JobServer.builder().workers(1).log(log).build();
        AtomicInteger callbacks = new AtomicInteger();
        Job<Long> running = server.job(Tasks.Sleep.class).args(10_000).callback(job -> callbacks.incrementAndGet()).submit();
        Job<Long> waiting = server.job(Tasks.Sleep.class).args(10_000).callback(job -> callbacks.incrementAndGet()).submit();
        Job<Long> queued = server.job(Tasks.Sleep.class).args(10_000).callback(job -> callbacks.incrementAndGet()).submit();
        server.close();
        for (Job<Long> job : List.of(running, waiting, queued)) {
            JobFailedException e = assertThrows(JobFailedException.class, job::get);
            assertEquals(job + ": job server closed", e.getMessage());
        }
        Eventually.await("the callbacks of the failed jobs", () -> callbacks.get() == 3);
        assertThrows(IllegalStateException.class, () -> server.submit(Tasks.Echo.class, 1));
    }
}
