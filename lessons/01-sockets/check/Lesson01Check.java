package lesson01;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import clusterlab.net.EchoService;
import clusterlab.net.ServerConfig;
import clusterlab.net.SimpleServer;
import clusterlab.wire.Json;
import clusterlab.wire.JsonException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The checker of lesson 01: runs ThreeLineClient, BoundedPool and EchoClient against a clusterlab
 * SimpleServer on 127.0.0.1 (a free port each time). Every check gives up after 10 seconds, so
 * code that hangs fails instead of hanging.
 */
@DisplayName("Lesson 01: sockets")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson01Check {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final String LOOPBACK = "127.0.0.1";

    private final ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
    private final CountDownLatch release = new CountDownLatch(1);
    private SimpleServer server;
    private ServerSocket handServer;
    private ExecutorService pool;

    @AfterEach
    void cleanUp() throws IOException {
        release.countDown();
        if (pool != null) {
            pool.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
        if (handServer != null) {
            handServer.close();
        }
    }

    // ---- (a) ThreeLineClient ----

    @Test
    @DisplayName("(a) ThreeLineClient: connects once, then the server sees the connection close")
    void threeLineClientConnectsAndCloses() {
        startEchoServer();
        within(() -> ThreeLineClient.connectAndClose(LOOPBACK, server.port()));
        assertTrue(waitUntil(() -> server.stats().accepted() >= 1),
                "the server accepted no connection: does connectAndClose connect to host:port?" + log());
        assertTrue(waitUntil(() -> server.stats().served() >= 1),
                "the connection is still open 5 s after connectAndClose returned: close the socket" + log());
        assertEquals(1, server.stats().accepted(), "connectAndClose should connect exactly once" + log());
    }

    @Test
    @DisplayName("(a) ThreeLineClient: a port where nothing listens gives ConnectException")
    void threeLineClientReportsAClosedPort() throws IOException {
        int port = closedPort();
        within(() -> assertThrows(ConnectException.class,
                () -> ThreeLineClient.connectAndClose(LOOPBACK, port),
                "nothing listens on port " + port + ": let the ConnectException out, do not catch it"));
    }

    // ---- (b) BoundedPool ----

    @Test
    @DisplayName("(b) BoundedPool: 2 threads + 3 queue places take 5 tasks, reject the rest")
    void boundedPoolQueuesThenRejects() {
        within(() -> {
            pool = BoundedPool.create(2, 3);
            ThreadPoolExecutor executor = assertInstanceOf(ThreadPoolExecutor.class, pool,
                    "create should return a java.util.concurrent.ThreadPoolExecutor");
            Tasks tasks = new Tasks(Thread.currentThread(), 2);
            for (int i = 1; i <= 5; i++) {
                int n = i;
                assertDoesNotThrow(() -> pool.execute(tasks.blocking()),
                        "task " + n + " was rejected, but 2 threads and 3 queue places hold 5 tasks");
            }
            assertTrue(tasks.started.await(5, TimeUnit.SECONDS),
                    "after 5 tasks, 2 should be running (one per thread); running: " + tasks.running.get());
            int rejected = 0;
            for (int i = 0; i < 4; i++) {
                try {
                    pool.execute(tasks.blocking());
                } catch (RejectedExecutionException expected) {
                    rejected++;
                }
            }
            assertEquals(4, rejected, "with both threads busy and 3 tasks waiting, each further task must be"
                    + " rejected with RejectedExecutionException");
            assertEquals(2, tasks.running.get(), "tasks running at once");
            assertTrue(executor.getPoolSize() <= 2, "the pool has " + executor.getPoolSize() + " threads, more than 2");
            assertEquals(3, executor.getQueue().size(), "tasks waiting in the queue");

            release.countDown();
            assertTrue(waitUntil(() -> tasks.done.get() == 5),
                    "once the running tasks end, the 3 queued ones should run: " + tasks.done.get() + " of 5 done");
            assertTrue(tasks.most.get() <= 2, tasks.most.get() + " tasks ran at once; at most 2 may");
            assertTrue(executor.getLargestPoolSize() <= 2,
                    "the pool once had " + executor.getLargestPoolSize() + " threads; at most 2 may exist");
        });
    }

    @Test
    @DisplayName("(b) BoundedPool: with queue 0, a task is rejected when every thread is busy")
    void boundedPoolWithoutQueueRejectsAtOnce() {
        within(() -> {
            pool = assertDoesNotThrow(() -> BoundedPool.create(1, 0), "create(1, 0) failed: a queue of 0 places must work too");
            Tasks tasks = new Tasks(Thread.currentThread(), 1);
            pool.execute(tasks.blocking());
            assertTrue(tasks.started.await(5, TimeUnit.SECONDS), "the first task did not start within 5 s");
            assertThrows(RejectedExecutionException.class, () -> pool.execute(tasks.blocking()),
                    "the only thread is busy and there is no queue: the second task must be rejected");
            release.countDown();
            assertTrue(waitUntil(() -> tasks.done.get() == 1), "the first task did not finish after release");
        });
    }

    /** Tasks that wait for {@link #release}, counting how many run at once. */
    private final class Tasks {
        final Thread checker;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final CountDownLatch started;

        /** @param threads how many tasks should start at once: {@link #started} opens when they have */
        Tasks(Thread checker, int threads) {
            this.checker = checker;
            this.started = new CountDownLatch(threads);
        }

        Runnable blocking() {
            return () -> {
                if (Thread.currentThread() == checker) {
                    throw new AssertionError("a task ran on the thread that submitted it: a full pool must"
                            + " reject the task (the default AbortPolicy), not run it in the caller");
                }
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                started.countDown();
                try {
                    release.await(LIMIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                    done.incrementAndGet();
                }
            };
        }
    }

    // ---- (c) EchoClient ----

    @Test
    @DisplayName("(c) EchoClient: gets its message back from the echo server, then closes")
    void echoClientGetsTheEcho() {
        startEchoServer();
        String reply = within(() -> EchoClient.ask(LOOPBACK, server.port(), "hello, cluster"));
        assertEquals("hello, cluster", echoIn(reply));
        assertTrue(waitUntil(() -> server.stats().served() >= 1),
                "the connection is still open 5 s after ask returned: close the socket" + log());
    }

    @Test
    @DisplayName("(c) EchoClient: the length counts UTF-8 bytes, not characters")
    void echoClientCountsBytes() {
        startEchoServer();
        String message = "héllo, π ≈ 3.14159 ☃";
        String reply = within(() -> EchoClient.ask(LOOPBACK, server.port(), message));
        assertEquals(message, echoIn(reply), "\"" + message + "\" is " + message.length() + " characters but "
                + message.getBytes(StandardCharsets.UTF_8).length + " bytes in UTF-8");
    }

    @Test
    @DisplayName("(c) EchoClient: reads a reply that arrives a few bytes at a time")
    void echoClientReadsAReplyInPieces() throws IOException {
        handServer = new ServerSocket(0, 5, InetAddress.getByName(LOOPBACK));
        AtomicReference<String> heard = new AtomicReference<>();
        Thread serving = new Thread(() -> replyInPieces(heard), "hand-server");
        serving.setDaemon(true);
        serving.start();
        String message = "one frame, please: ünïcode";
        String reply = within(() -> EchoClient.ask(LOOPBACK, handServer.getLocalPort(), message));
        assertEquals("you sent " + message.length() + " characters: " + message, reply,
                "the server received: " + heard.get());
    }

    /** Reads one frame, then answers it with a frame written 1 to 5 bytes at a time. */
    private void replyInPieces(AtomicReference<String> heard) {
        try (Socket s = handServer.accept()) {
            s.setSoTimeout((int) LIMIT.toMillis());
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] request = new byte[in.readInt()];
            in.readFully(request);
            String text = new String(request, StandardCharsets.UTF_8);
            heard.set(text);
            byte[] payload = ("you sent " + text.length() + " characters: " + text).getBytes(StandardCharsets.UTF_8);
            byte[] frame = ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
            OutputStream out = s.getOutputStream();
            for (int at = 0; at < frame.length; ) {
                int n = Math.min(frame.length - at, 1 + at % 5);
                out.write(frame, at, n);
                out.flush();
                at += n;
                Thread.sleep(2);
            }
            s.shutdownOutput();
            in.read(); // wait for the client to close
        } catch (IOException | RuntimeException e) {
            heard.compareAndSet(null, "nothing: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- helpers ----

    private static void within(Executable check) {
        assertTimeoutPreemptively(LIMIT, check, Lesson01Check::timedOut);
    }

    private static <T> T within(ThrowingSupplier<T> check) {
        return assertTimeoutPreemptively(LIMIT, check, Lesson01Check::timedOut);
    }

    private static String timedOut() {
        return "gave up after " + LIMIT.toSeconds() + " s: does the code wait for something that never comes,"
                + " such as a reply to a frame the server did not get whole?";
    }

    private void startEchoServer() {
        ServerConfig config = new ServerConfig().host(LOOPBACK).port(0).poolSize(2).queueSize(2)
                .timeoutMillis(30_000).graceMillis(500);
        server = new SimpleServer(config, new EchoService(), new PrintStream(serverLog, true, StandardCharsets.UTF_8));
        assertDoesNotThrow(server::initialise, "the checker could not start its server");
    }

    /** The "echo" field of the echo server's JSON reply. */
    private String echoIn(String reply) {
        assertNotNull(reply, "ask returned null instead of the reply's text");
        Map<String, Object> json;
        try {
            json = Json.parseObject(reply);
        } catch (JsonException e) {
            return fail("the reply is not the server's JSON: \"" + reply + "\" (" + e.getMessage() + ")" + log());
        }
        assertTrue(json.containsKey("echo"), "the server did not echo, it answered " + reply + log());
        return String.valueOf(json.get("echo"));
    }

    private String log() {
        String text = serverLog.toString(StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : "\nserver log:\n" + text;
    }

    /** A port nothing listens on: one the system just gave out and took back. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    /** Waits up to 5 seconds for the condition. */
    private static boolean waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
