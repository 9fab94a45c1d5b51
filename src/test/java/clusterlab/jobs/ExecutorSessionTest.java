package clusterlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.jobs.Message.Outcome;
import clusterlab.jobs.Message.RunEntry;
import clusterlab.wire.FrameReader;
import clusterlab.wire.Frames;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An executor session over a loopback socket, driven by hand as a job server would (or would not). */
@Timeout(30)
class ExecutorSessionTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private Socket client;
    private Socket executor;
    private MessageWriter out;
    private MessageReader in;
    private CompletableFuture<Void> served;

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
            executor.close();
        }
        pool.shutdownNow();
    }

    /** Starts a session on one end of a loopback connection; {@link #served} ends with serve(). */
    private void open(int queueLimit, java.util.concurrent.Executor runner) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            executor = server.accept();
        }
        client.setSoTimeout(20_000);
        out = new MessageWriter(new BufferedOutputStream(client.getOutputStream()));
        in = new MessageReader(new FrameReader(client.getInputStream())::read, "executor");
        FrameReader frames = new FrameReader(executor.getInputStream());
        ExecutorSession session = new ExecutorSession(new MessageReader(frames::read, "the test"),
                new MessageWriter(new BufferedOutputStream(executor.getOutputStream())), runner, queueLimit, "the test", executor, null);
        served = CompletableFuture.runAsync(() -> {
            try {
                session.serve();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void ship(Class<?> task) throws IOException {
        List<ShippedClass> classes = new Shipping().forJob(task, new Class<?>[0]);
        out.write(new Message.Classes(classes.stream().map(ShippedClass::name).toList(),
                classes.stream().map(ShippedClass::bytecode).toList()));
    }

    private void run(Class<?> task, Object[]... args) throws Exception {
        List<RunEntry> jobs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            jobs.add(new RunEntry(i + 1, task.getName()));
        }
        out.write(new Message.Run(jobs, JobData.encode(args, name -> true)));
    }

    /** Reads done messages until {@code n} outcomes came; returns them with their results. */
    private List<Object[]> outcomes(int n) throws Exception {
        List<Object[]> all = new ArrayList<>();
        while (all.size() < n) {
            Message m = in.read();
            Message.Done done = assertInstanceOf(Message.Done.class, m);
            Object[] results = (Object[]) JobData.decode(done.results(), name -> true, name -> null);
            for (int i = 0; i < results.length; i++) {
                all.add(new Object[] {done.jobs().get(i), results[i]});
            }
        }
        return all;
    }

    /** The session's end, a ProtocolException's message, after sending {@code frames} raw. */
    private String refusedAfter(byte[]... frames) throws Exception {
        OutputStream raw = client.getOutputStream();
        for (byte[] frame : frames) {
            raw.write(Frames.encode(frame));
        }
        raw.flush();
        try {
            served.get(20, TimeUnit.SECONDS);
            return "served without complaint";
        } catch (java.util.concurrent.ExecutionException e) {
            String message = e.getCause().getCause().getMessage();
            assertFalse(message.contains("\n"), message);
            return message;
        }
    }

    @Test
    void runsShippedJobsUntilBye() throws Exception {
        open(100, pool);
        ship(Tasks.Echo.class);
        run(Tasks.Echo.class, new Object[] {"a"}, new Object[] {2}, new Object[] {List.of(3)});
        List<Object[]> got = outcomes(3);
        got.sort((a, b) -> Long.compare(((Outcome) a[0]).id(), ((Outcome) b[0]).id()));
        assertEquals(List.of("a", 2, List.of(3)), got.stream().map(o -> o[1]).toList());
        got.forEach(o -> assertTrue(((Outcome) o[0]).ok()));
        out.write(new Message.Bye());
        served.get(20, TimeUnit.SECONDS); // serve() returns at bye; its caller closes the connection
        executor.close();
        assertNull(in.read());
    }

    @Test
    void aClientThatFloodsGetsBusy() throws Exception {
        open(2, task -> { }); // a pool that never gets round to anything
        ship(Tasks.Echo.class);
        run(Tasks.Echo.class, new Object[] {1}, new Object[] {2}, new Object[] {3}, new Object[] {4}, new Object[] {5});
        assertEquals(new Message.Busy(List.of(3L, 4L, 5L)), in.read());
    }

    @Test
    void cancelInterruptsARunningJob() throws Exception {
        open(100, pool);
        ship(Tasks.Interruptible.class);
        run(Tasks.Interruptible.class, new Object[] {20_000});
        Thread.sleep(100); // usually running by now; if not, it is cancelled before it starts
        out.write(new Message.Cancel(List.of(1L)));
        Object[] got = outcomes(1).get(0);
        Outcome o = (Outcome) got[0];
        // Interrupted while running, the task returns normally; cancelled before it ran, it fails.
        assertTrue(o.ok() ? "interrupted".equals(got[1]) : o.kind().equals(Outcome.CANCELLED), o + " " + got[1]);
    }

    @Test
    void argumentsOutsideTheAllowlistFailTheirJobs() throws Exception {
        open(100, pool);
        ship(Tasks.Echo.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream raw = new ObjectOutputStream(bytes)) {
            raw.writeObject(new Object[][] {{new Date(0)}});
        }
        out.write(new Message.Run(List.of(new RunEntry(1, Tasks.Echo.class.getName())), bytes.toByteArray()));
        Outcome o = (Outcome) outcomes(1).get(0)[0];
        assertEquals(Outcome.DATA, o.kind());
        assertTrue(o.error().startsWith("arguments: refused java.util.Date (only strings, boxed numbers"), o.error());
    }

    @Test
    void aTaskThatWasNotShippedAndIsNotHereFailsAsAClassProblem() throws Exception {
        open(100, pool);
        out.write(new Message.Run(List.of(new RunEntry(1, "nowhere.Task")), JobData.encode(new Object[][] {{}}, n -> true)));
        Outcome o = (Outcome) outcomes(1).get(0)[0];
        assertEquals(Outcome.CLASS, o.kind());
        assertEquals("cannot define class nowhere.Task: it was not shipped and is not on this worker's class path;"
                + " name the classes your task uses in depends(...)", o.error());
    }

    @Test
    void nonsenseEndsTheSessionWithOneLine() throws Exception {
        open(100, pool);
        assertEquals("bad message from the test: unknown message type \"dance\"", refusedAfter("{\"type\":\"dance\"}".getBytes()));
    }

    @Test
    void aBinaryFrameWhereJsonWasDueEndsTheSession() throws Exception {
        open(100, pool);
        assertTrue(refusedAfter(new byte[] {0, 1, 2}).startsWith("bad message from the test: expected a JSON message"));
    }

    @Test
    void argumentsThatAreNotObjectArraysEndTheSession() throws Exception {
        open(100, pool);
        assertEquals("bad message from the test: the arguments of a run of 1 jobs must be that many Object[]", refusedAfter(
                "{\"type\":\"run\",\"jobs\":[{\"id\":1,\"task\":\"a.B\"}]}".getBytes(), JobData.encode("not arrays", n -> true)));
    }

    @Test
    void aClassShippedTwiceOrAJdkClassEndsTheSession() throws Exception {
        open(100, pool);
        assertEquals("bad message from the test: class a.B shipped twice in one session", refusedAfter(
                "{\"type\":\"classes\",\"names\":[\"a.B\",\"a.B\"]}".getBytes(), new byte[] {1}, new byte[] {1}));
        stop();
        open(100, Executors.newSingleThreadExecutor());
        assertEquals("bad message from the test: JDK class java.lang.Evil may not be shipped", refusedAfter(
                "{\"type\":\"classes\",\"names\":[\"java.lang.Evil\"]}".getBytes(), new byte[] {1}));
    }

    @Test
    void anOversizedFrameEndsTheSession() throws Exception {
        open(100, pool);
        OutputStream raw = client.getOutputStream();
        raw.write(Frames.header(Integer.MAX_VALUE));
        raw.flush();
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> served.get(20, TimeUnit.SECONDS));
        assertEquals("frame length 2147483647 is over the limit of 16777216 bytes", e.getCause().getCause().getMessage());
    }
}
