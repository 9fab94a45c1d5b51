package clusterlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Local workers as threads of the job server's JVM. */
@Timeout(30)
class ThreadsModeTest {
    private JobServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void jobsRunInThisJvmWithoutCopying() throws Exception {
        server = JobServer.builder().workers(2).threads().log(null).build();
        assertTrue(server.usesThreads());
        Job<List<Long>> fib = server.submit(Tasks.Fib.class, 20);
        assertEquals(List.of(20L, 6765L, ProcessHandle.current().pid()), fib.get());
        assertEquals("local", fib.ranOn());
        Date notCopied = new Date(0); // not on the allowlist: threads do not serialize
        assertSame(notCopied, server.submit(Tasks.Echo.class, notCopied).get());
        assertEquals(Map.of("local", 2), server.activeNodes());
    }

    @Test
    void failuresAndTimeoutsOnThreads() throws Exception {
        server = JobServer.builder().workers(1).threads().log(null).build();
        JobFailedException e = assertThrows(JobFailedException.class, () -> server.submit(Tasks.Thrower.class, "bang").get());
        assertTrue(e.getMessage().endsWith("failed on local: java.lang.IllegalStateException: bang"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException);
        assertEquals("explode", e.getStackTrace()[0].getMethodName());

        Job<String> slow = server.job(Tasks.Interruptible.class).args(20_000).timeout(Duration.ofMillis(200)).submit();
        JobTimeoutException timeout = assertThrows(JobTimeoutException.class, slow::get);
        assertTrue(timeout.getMessage().endsWith("timed out after 200 ms on local"), timeout.getMessage());
        assertEquals("slept", server.submit(Tasks.Interruptible.class, 1).get(), "the interrupt leaked into the next job");
    }

    @Test
    void aCallbackCannotWaitForJobs() throws Exception {
        server = JobServer.builder().workers(1).threads().log(null).build();
        AtomicReference<Exception> refused = new AtomicReference<>();
        server.job(Tasks.Echo.class).args(1).callback(job -> {
            try {
                server.waitAll();
            } catch (IllegalStateException e) {
                refused.set(e);
            }
        }).submit();
        server.waitAll();
        assertTrue(refused.get().getMessage().startsWith("a callback cannot wait for jobs"), String.valueOf(refused.get()));
        assertEquals(0, server.stats().activeJobs());
    }

    @Test
    void threadsComeAndGo() throws Exception {
        server = JobServer.builder().workers(1).threads().log(null).build();
        server.setWorkers(4);
        assertEquals(4, server.workers());
        Tasks.Meet.barrier = new CyclicBarrier(4);
        List<Job<Boolean>> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(server.submit(Tasks.Meet.class));
        }
        server.waitAll();
        jobs.forEach(job -> assertTrue(job.get(), "four jobs did not run at once on four threads"));

        server.setWorkers(0);
        assertEquals(Map.of("local", 0), server.activeNodes());
        JobFailedException e = assertThrows(JobFailedException.class, () -> server.submit(Tasks.Echo.class, 1).get());
        assertTrue(e.getMessage().endsWith("no workers left: no local workers and no node connected"), e.getMessage());
        server.setWorkers(2);
        assertEquals("back", server.submit(Tasks.Echo.class, "back").get());
    }
}
