package clusterlab.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.jobs.Message.Outcome;
import clusterlab.jobs.Message.RunEntry;
import clusterlab.wire.FrameReader;
import clusterlab.wire.Frames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job protocol's messages: what the writer writes, the reader reads back; what it must not accept, it refuses in one line. */
class MessagesTest {
    private static Message roundTrip(Message m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new MessageWriter(bytes).write(m);
        FrameReader frames = new FrameReader(new ByteArrayInputStream(bytes.toByteArray()));
        MessageReader reader = new MessageReader(frames::read, "test");
        Message back = reader.read();
        assertNull(reader.read(), "one message, then the end");
        return back;
    }

    /** Reads frames given as text (JSON) or bytes. */
    private static Message read(Object... frames) throws IOException {
        Deque<byte[]> queue = new ArrayDeque<>();
        for (Object f : frames) {
            queue.add(f instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) f);
        }
        return new MessageReader(queue::poll, "local pid 42").read();
    }

    private static String refusal(Object... frames) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> read(frames));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("bad message from local pid 42: "), e.getMessage());
        return e.getMessage().substring("bad message from local pid 42: ".length());
    }

    @Test
    void everyMessageSurvivesTheTrip() throws IOException {
        assertEquals(new Message.Hello(123, 1), roundTrip(new Message.Hello(123, 1)));
        assertEquals(new Message.Bye(), roundTrip(new Message.Bye()));
        assertEquals(new Message.Ping(), roundTrip(new Message.Ping()));
        assertEquals(new Message.Pong(), roundTrip(new Message.Pong()));
        assertEquals(new Message.Busy(List.of(1L, 2L)), roundTrip(new Message.Busy(List.of(1L, 2L))));
        assertEquals(new Message.Cancel(List.of(7L)), roundTrip(new Message.Cancel(List.of(7L))));

        Message.Classes classes = (Message.Classes) roundTrip(new Message.Classes(List.of("a.B", "a.B$C"),
                List.of(new byte[] {1, 2}, new byte[0])));
        assertEquals(List.of("a.B", "a.B$C"), classes.names());
        assertArrayEquals(new byte[] {1, 2}, classes.bytecode().get(0));
        assertEquals(0, classes.bytecode().get(1).length);

        Message.Run run = (Message.Run) roundTrip(new Message.Run(List.of(new RunEntry(7, "pkg.Fib"), new RunEntry(8, "pkg.Fib")),
                new byte[] {9}));
        assertEquals(List.of(new RunEntry(7, "pkg.Fib"), new RunEntry(8, "pkg.Fib")), run.jobs());
        assertArrayEquals(new byte[] {9}, run.args());

        List<StackTraceElement> trace = List.of(new StackTraceElement("pkg.Fib", "run", "Fib.java", 12),
                new StackTraceElement("pkg.Fib", "native", null, -2));
        Message.Done done = (Message.Done) roundTrip(new Message.Done(List.of(Outcome.success(7, 1234),
                Outcome.failure(8, 5, Outcome.TASK, "java.lang.ArithmeticException: / by zero \"quoted\" \ud800", trace)),
                new byte[] {1}));
        assertEquals(Outcome.success(7, 1234), done.jobs().get(0));
        Outcome failed = done.jobs().get(1);
        assertEquals("java.lang.ArithmeticException: / by zero \"quoted\" ?", failed.error(), "a lone surrogate becomes ?");
        assertEquals(trace, failed.trace());
        assertEquals(Outcome.TASK, failed.kind());
    }

    @Test
    void theReaderRefusesWhatTheProtocolDoesNotAllow() {
        assertEquals("unknown message type \"dance\"", refusal("{\"type\":\"dance\"}"));
        assertEquals("message has no \"type\"", refusal("{\"kind\":\"run\"}"));
        assertTrue(refusal(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}).startsWith("expected a JSON message, got a 4-byte frame"));
        assertTrue(refusal("{\"type\":\"run\",").startsWith("not JSON: "));
        assertTrue(refusal("[1,2]").startsWith("expected a JSON message"));
        assertEquals("message.jobs must be a list of 1 to 8192 items", refusal("{\"type\":\"run\",\"jobs\":[]}"));
        assertEquals("jobs[0].id must be a whole number from 0 to 9223372036854775807, got \"7\"",
                refusal("{\"type\":\"run\",\"jobs\":[{\"id\":\"7\",\"task\":\"a.B\"}]}", new byte[0]));
        assertEquals("jobs[0].task must be a class name such as pkg.Task, got \"a b\"",
                refusal("{\"type\":\"run\",\"jobs\":[{\"id\":7,\"task\":\"a b\"}]}", new byte[0]));
        assertEquals("the stream ended before the arguments", refusal("{\"type\":\"run\",\"jobs\":[{\"id\":7,\"task\":\"a.B\"}]}"));
        assertEquals("the stream ended before the bytecode of a.C",
                refusal("{\"type\":\"classes\",\"names\":[\"a.B\",\"a.C\"]}", new byte[] {1}));
        assertEquals("jobs[0].kind must be one of [task, class, data, cancelled], got \"oops\"",
                refusal("{\"type\":\"done\",\"jobs\":[{\"id\":1,\"ok\":false,\"kind\":\"oops\",\"error\":\"x\"}]}", new byte[0]));
        assertEquals("jobs[0] has no \"nanos\"", refusal("{\"type\":\"done\",\"jobs\":[{\"id\":1,\"ok\":true}]}", new byte[0]));
        assertEquals("jobs[0].trace[0] must be [class, method, file or null, line]", refusal(
                "{\"type\":\"done\",\"jobs\":[{\"id\":1,\"ok\":false,\"kind\":\"task\",\"error\":\"x\",\"trace\":[[\"a\",\"b\"]]}]}",
                new byte[0]));
        assertEquals("ids[1] must be a whole number >= 0, got -3", refusal("{\"type\":\"busy\",\"ids\":[1,-3]}"));
        assertEquals("message.workers must be a whole number from 1 to 4096, got 0", refusal("{\"type\":\"hello\",\"pid\":1,\"workers\":0}"));
    }

    @Test
    void anOversizedFrameIsRefusedBeforeAnythingIsAllocated() {
        byte[] header = Frames.header(Frames.DEFAULT_MAX_LENGTH + 1);
        FrameReader frames = new FrameReader(new ByteArrayInputStream(header));
        IOException e = assertThrows(IOException.class, () -> new MessageReader(frames::read, "x").read());
        assertEquals("frame length 16777217 is over the limit of 16777216 bytes", e.getMessage());
    }
}
