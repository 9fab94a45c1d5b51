package clusterlab.net;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Why article A bounds its pool: 2,000 clients served by a thread each, against the same 2,000
 * served by a pool of 8. Each waiting thread holds a stack and kernel resources for as long as its
 * client is connected; a pool holds 8 whatever the number of clients.
 */
public final class ThreadCostDemo {
    private static final int CLIENTS = 2_000;
    private static final int POOL = 8;

    private ThreadCostDemo() {
    }

    public static void run(PrintStream out) throws Exception {
        out.println("-- " + CLIENTS + " waiting clients, one thread each (as if each client were slow to talk)");
        Usage before = Usage.now();
        CountDownLatch clientsLeave = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < CLIENTS; i++) {
            Thread t = new Thread(() -> awaitQuietly(clientsLeave), "client-" + i);
            t.start();
            threads.add(t);
        }
        long startMillis = (System.nanoTime() - start) / 1_000_000;
        out.println("started " + CLIENTS + " threads in " + startMillis + " ms; " + Usage.now().since(before));
        clientsLeave.countDown();
        for (Thread t : threads) {
            t.join();
        }

        out.println("-- the same " + CLIENTS + " clients, served in turn by a pool of " + POOL + " threads");
        before = Usage.now();
        ExecutorService pool = Executors.newFixedThreadPool(POOL);
        start = System.nanoTime();
        for (int i = 0; i < CLIENTS; i++) {
            pool.execute(() -> { });
        }
        out.println("queued " + CLIENTS + " clients in " + (System.nanoTime() - start) / 1_000_000 + " ms; "
                + Usage.now().since(before));
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Live threads, and the process's resident memory and address space (Linux /proc; else unknown). */
    private record Usage(int threads, long residentKiB, long virtualKiB) {
        static Usage now() {
            return new Usage(ManagementFactory.getThreadMXBean().getThreadCount(), status("VmRSS"), status("VmSize"));
        }

        String since(Usage before) {
            String memory = residentKiB < 0
                    ? "memory: not measured on this system"
                    : String.format("resident memory %+d MiB, address space %+d MiB",
                            (residentKiB - before.residentKiB) / 1024, (virtualKiB - before.virtualKiB) / 1024);
            return "threads " + before.threads + " -> " + threads + ", " + memory;
        }

        private static long status(String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }
}
