package clusterlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A job server with two local worker processes: results, callbacks, groups, failures and statistics. */
@Timeout(60)
class WorkerProcessesTest {
    private static JobServer server;

    @BeforeAll
    static void start() throws Exception {
        server = JobServer.builder().workers(2).log(null).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fibonacciRunsInOtherProcesses() {
        List<Job<List<Long>>> jobs = new ArrayList<>();
        for (int n : new int[] {4, 3, 8, 6, 10, 20}) {
            jobs.add(server.submit(Tasks.Fib.class, n));
        }
        long me = ProcessHandle.current().pid();
        for (Job<List<Long>> job : jobs) {
            List<Long> answer = job.get();
            assertEquals(Tasks.fib(answer.get(0).intValue()), answer.get(1));
            assertNotEquals(me, answer.get(2), "ran in the test's own JVM");
            assertEquals("local pid " + answer.get(2), job.ranOn());
            assertTrue(job.isDone() && !job.failed());
        }
        assertEquals(Map.of("local", 2), server.activeNodes());
        assertEquals(2, server.workers());
    }

    @Test
    void callbacksRunOncePerJobOnOneThreadAndWaitAllWaitsForThem() {
        Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Job<Object>> jobs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            jobs.add(server.job(Tasks.Echo.class).args(i).callback(job -> {
                calls.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
                threads.add(Thread.currentThread().getName());
            }).submit());
        }
        server.waitAll();
        assertEquals(300, calls.size());
        calls.values().forEach(n -> assertEquals(1, n.get()));
        assertEquals(1, threads.size(), "callback threads: " + threads);
        for (int i = 0; i < jobs.size(); i++) {
            assertEquals(i, jobs.get(i).get());
        }
    }

    @Test
    void waitGroupWaitsForItsGroupOnly() {
        AtomicInteger fastCallbacks = new AtomicInteger();
        List<Job<Long>> fast = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fast.add(server.job(Tasks.Sleep.class).args(10).group("fast").callback(job -> fastCallbacks.incrementAndGet()).submit());
        }
        Job<Long> slow = server.job(Tasks.Sleep.class).args(3000).group("slow").submit();
        server.waitGroup("fast");
        assertEquals(6, fastCallbacks.get(), "waitGroup returned before the group's callbacks ran");
        fast.forEach(job -> assertTrue(job.isDone()));
        assertTrue(!slow.isDone(), "the other group's job should still run");
        server.waitGroup("slow");
        assertTrue(slow.isDone());
        server.waitGroup("no such group"); // nothing to wait for
    }

    @Test
    void aTaskThatThrowsFailsWithItsRemoteStackTrace() {
        Job<Void> job = server.submit(Tasks.Thrower.class, "boom");
        JobFailedException e = assertThrows(JobFailedException.class, job::get);
        assertTrue(e.getMessage().matches("job \\d+ \\(clusterlab\\.jobs\\.Tasks\\$Thrower\\) failed on local pid \\d+: "
                + "Remote: java\\.lang\\.IllegalStateException: boom"), e.getMessage());
        assertEquals("clusterlab.jobs.Tasks$Thrower", e.getStackTrace()[0].getClassName());
        assertEquals("explode", e.getStackTrace()[0].getMethodName());
        assertTrue(List.of(e.getStackTrace()).stream().anyMatch(f -> f.getMethodName().equals("run")
                && f.getClassName().equals(Tasks.Thrower.class.getName())), "no run frame in the trace");
        assertTrue(job.failed());
        assertTrue(job.ranOn().startsWith("local pid "));
        assertEquals(7, server.submit(Tasks.Echo.class, 7).get(), "the worker survives a failing task");
    }

    @Test
    void resultsAndArgumentsOutsideTheAllowlistFailTheirOwnJob() {
        Job<Date> date = server.submit(Tasks.DateResult.class);
        JobFailedException e = assertThrows(JobFailedException.class, date::get);
        assertTrue(e.getMessage().contains("result: java.util.Date may not travel (only strings, boxed numbers"), e.getMessage());

        Job<Object> sendsDate = server.submit(Tasks.Echo.class, new Date(0));
        Job<Object> fine = server.submit(Tasks.Echo.class, "fine");
        e = assertThrows(JobFailedException.class, sendsDate::get);
        assertTrue(e.getMessage().contains("arguments: java.util.Date may not travel"), e.getMessage());
        assertEquals("fine", fine.get());

        Job<Object> notSerializable = server.submit(Tasks.Echo.class, new Object());
        e = assertThrows(JobFailedException.class, notSerializable::get);
        assertTrue(e.getMessage().contains("java.lang.Object may not travel") || e.getMessage().contains("not serializable"),
                e.getMessage());
    }

    @Test
    void aTaskThatPrintsCannotCorruptTheProtocol() {
        // The worker's System.out is its standard error: the frames keep the real standard output.
        assertEquals("still here", server.submit(Tasks.Printer.class).get());
        assertEquals(8, server.submit(Tasks.Echo.class, 8).get());
    }

    @Test
    void collectionsAndArraysTravel() {
        Object value = List.of(Map.of("a", new int[] {1, 2}), new HashSet<>(List.of(1.5, 2.5)), new String[] {"x"});
        Object back = server.submit(Tasks.Echo.class, value).get();
        assertEquals(value.toString().replaceAll("@\\w+", ""), back.toString().replaceAll("@\\w+", ""));
    }

    @Test
    void badTasksAreRefusedAtSubmit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.submit(Tasks.NoConstructor.class));
        assertTrue(e.getMessage().contains("needs a public no-argument constructor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> server.job(Tasks.Echo.class).args(1).depends(String.class).submit());
        assertTrue(e.getMessage().startsWith("cannot ship java.lang.String: JDK classes are on every worker already"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> server.job(Tasks.Echo.class).depends(int[].class).submit());
        assertTrue(e.getMessage().contains("not int[]"), e.getMessage());
    }

    @Test
    void printStatsLooksLikePps() {
        for (int i = 0; i < 4; i++) {
            server.submit(Tasks.Echo.class, i);
        }
        server.waitAll();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        server.printStats(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), lines.toString());
        assertEquals("Job execution statistics:", lines.get(0));
        assertEquals(" job count | % of all jobs | job time sum | time per job | job server", lines.get(1));
        assertTrue(lines.get(2).matches(" {0,9}\\d+ \\| +100\\.00 \\| +\\d+\\.\\d{4} \\| +\\d+\\.\\d{6} \\| local"), lines.get(2));
        assertEquals(lines.get(1).indexOf("| % of"), lines.get(2).indexOf("| "), "columns line up");
        assertTrue(lines.get(3).matches("Time elapsed since server creation \\d+\\.\\d{4}"), lines.get(3));
        assertEquals("0 active tasks, 2 cores", lines.get(4));
        Stats stats = server.stats();
        assertTrue(stats.jobs() >= 4);
        assertEquals(stats.jobs(), stats.lines().get("local").jobs());
    }
}
