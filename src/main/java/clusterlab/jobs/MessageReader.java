package clusterlab.jobs;

import clusterlab.jobs.Message.Outcome;
import clusterlab.jobs.Message.RunEntry;
import clusterlab.wire.Json;
import clusterlab.wire.JsonException;
import clusterlab.wire.Utf8;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads job protocol messages from frames and checks them strictly: a message of unknown type, a
 * missing or mistyped field, a list over its limit or a binary frame where JSON was due is a
 * {@link ProtocolException} naming the peer, and the caller closes that session.
 */
final class MessageReader {
    /** Where frames come from: a FrameReader, or a Connection after its handshake. */
    interface FrameSource {
        /** The next frame, or null at a clean end of stream. */
        byte[] read() throws IOException;
    }

    /** At most this many jobs or ids in one message; senders split larger batches. */
    static final int MAX_JOBS = 8192;
    /** At most this many classes in one message. */
    static final int MAX_CLASSES = 4096;
    static final int MAX_TRACE = 1024;
    static final int MAX_TEXT = 10_000;
    private static final int MAX_DEPTH = 8;
    private static final Pattern CLASS_NAME = Pattern.compile(
            "[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private final FrameSource frames;
    private final String peer;

    /** @param peer who sends, for error messages: "local pid 123", "127.0.0.1:60000", "the job server" */
    MessageReader(FrameSource frames, String peer) {
        this.frames = frames;
        this.peer = peer;
    }

    /** The next message, or null when the peer closed the stream between messages. */
    Message read() throws IOException {
        byte[] frame = frames.read();
        if (frame == null) {
            return null;
        }
        Fields m = new Fields(parse(frame), "message");
        String type = m.string("type");
        switch (type) {
            case "hello":
                return new Message.Hello(m.count("pid", 0, Long.MAX_VALUE), (int) m.count("workers", 1, 4096));
            case "classes":
                return readClasses(m);
            case "run":
                return readRun(m);
            case "done":
                return readDone(m);
            case "busy":
                return new Message.Busy(ids(m));
            case "cancel":
                return new Message.Cancel(ids(m));
            case "ping":
                return new Message.Ping();
            case "pong":
                return new Message.Pong();
            case "bye":
                return new Message.Bye();
            default:
                throw bad("unknown message type \"" + type + "\"");
        }
    }

    private Map<String, Object> parse(byte[] frame) throws ProtocolException {
        try {
            if (frame.length == 0 || frame[0] != '{') {
                throw bad("expected a JSON message, got a " + frame.length + "-byte frame that is not one");
            }
            Object value = Json.parse(Utf8.decode(frame), MAX_DEPTH, frame.length);
            if (!(value instanceof Map)) {
                throw bad("expected a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            return object;
        } catch (JsonException | Utf8.InvalidUtf8Exception e) {
            throw bad("not JSON: " + e.getMessage());
        }
    }

    private Message readClasses(Fields m) throws IOException {
        List<Object> list = m.list("names", 1, MAX_CLASSES);
        List<String> names = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            names.add(className(list.get(i), "names[" + i + "]"));
        }
        List<byte[]> bytecode = new ArrayList<>(names.size());
        for (String name : names) {
            bytecode.add(binary("the bytecode of " + name));
        }
        return new Message.Classes(names, bytecode);
    }

    private Message readRun(Fields m) throws IOException {
        List<Object> list = m.list("jobs", 1, MAX_JOBS);
        List<RunEntry> jobs = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Fields job = m.object(list.get(i), "jobs[" + i + "]");
            jobs.add(new RunEntry(job.count("id", 0, Long.MAX_VALUE), className(job.value("task"), job.where + ".task")));
        }
        return new Message.Run(jobs, binary("the arguments"));
    }

    private Message readDone(Fields m) throws IOException {
        List<Object> list = m.list("jobs", 1, MAX_JOBS);
        List<Outcome> jobs = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Fields job = m.object(list.get(i), "jobs[" + i + "]");
            long id = job.count("id", 0, Long.MAX_VALUE);
            if (job.bool("ok")) {
                jobs.add(Outcome.success(id, job.count("nanos", 0, Long.MAX_VALUE)));
                continue;
            }
            long nanos = job.has("nanos") ? job.count("nanos", 0, Long.MAX_VALUE) : 0;
            String kind = job.string("kind");
            if (!Outcome.KINDS.contains(kind)) {
                throw bad(job.where + ".kind must be one of " + Outcome.KINDS + ", got \"" + kind + "\"");
            }
            String error = job.string("error");
            if (error.length() > MAX_TEXT) {
                throw bad(job.where + ".error is longer than " + MAX_TEXT + " characters");
            }
            jobs.add(Outcome.failure(id, nanos, kind, error, job.has("trace") ? trace(job) : List.of()));
        }
        return new Message.Done(jobs, binary("the results"));
    }

    private List<StackTraceElement> trace(Fields job) throws ProtocolException {
        List<Object> frames = job.list("trace", 0, MAX_TRACE);
        List<StackTraceElement> trace = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            String where = job.where + ".trace[" + i + "]";
            if (!(frames.get(i) instanceof List<?> f) || f.size() != 4 || !(f.get(0) instanceof String cls)
                    || !(f.get(1) instanceof String method) || !(f.get(2) == null || f.get(2) instanceof String)
                    || !(f.get(3) instanceof Long line) || line < Integer.MIN_VALUE || line > Integer.MAX_VALUE
                    || cls.length() + method.length() > MAX_TEXT) {
                throw bad(where + " must be [class, method, file or null, line]");
            }
            trace.add(new StackTraceElement(cls, method, (String) f.get(2), line.intValue()));
        }
        return trace;
    }

    private List<Long> ids(Fields m) throws ProtocolException {
        List<Object> list = m.list("ids", 1, MAX_JOBS);
        List<Long> ids = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Long id) || id < 0) {
                throw bad("ids[" + i + "] must be a whole number >= 0, got " + Json.write(list.get(i)));
            }
            ids.add(id);
        }
        return ids;
    }

    private String className(Object value, String where) throws ProtocolException {
        if (!(value instanceof String name) || name.length() > 1000 || !CLASS_NAME.matcher(name).matches()) {
            throw bad(where + " must be a class name such as pkg.Task, got " + shorten(Json.write(value)));
        }
        return name;
    }

    private byte[] binary(String what) throws IOException {
        byte[] frame = frames.read();
        if (frame == null) {
            throw bad("the stream ended before " + what);
        }
        return frame;
    }

    private ProtocolException bad(String detail) {
        return new ProtocolException("bad message from " + peer + ": " + detail);
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    /** The fields of one JSON object, with typed getters whose errors say where in the message. */
    private final class Fields {
        final Map<String, Object> map;
        final String where;

        Fields(Map<String, Object> map, String where) {
            this.map = map;
            this.where = where;
        }

        boolean has(String name) {
            return map.containsKey(name);
        }

        Object value(String name) throws ProtocolException {
            if (!map.containsKey(name)) {
                throw bad(where + " has no \"" + name + "\"");
            }
            return map.get(name);
        }

        String string(String name) throws ProtocolException {
            if (!(value(name) instanceof String s)) {
                throw bad(where + "." + name + " must be a string, got " + shorten(Json.write(map.get(name))));
            }
            return s;
        }

        boolean bool(String name) throws ProtocolException {
            if (!(value(name) instanceof Boolean b)) {
                throw bad(where + "." + name + " must be true or false, got " + shorten(Json.write(map.get(name))));
            }
            return b;
        }

        long count(String name, long min, long max) throws ProtocolException {
            if (!(value(name) instanceof Long n) || n < min || n > max) {
                throw bad(where + "." + name + " must be a whole number from " + min + " to " + max + ", got "
                        + shorten(Json.write(map.get(name))));
            }
            return n;
        }

        List<Object> list(String name, int min, int max) throws ProtocolException {
            if (!(value(name) instanceof List<?> list) || list.size() < min || list.size() > max) {
                throw bad(where + "." + name + " must be a list of " + min + " to " + max + " items");
            }
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) list;
            return items;
        }

        Fields object(Object value, String at) throws ProtocolException {
            if (!(value instanceof Map<?, ?> object)) {
                throw bad(at + " must be an object, got " + shorten(Json.write(value)));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) object;
            return new Fields(fields, at);
        }
    }
}
