package clusterlab.jobs;

import clusterlab.jobs.Message.Outcome;
import clusterlab.jobs.Message.RunEntry;
import clusterlab.wire.Frames;
import clusterlab.wire.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes job protocol messages as frames: the JSON header, then its binary frames, then one flush,
 * so that a message leaves in as few writes (and TCP segments) as its size allows. Several threads
 * may write: each message goes out whole.
 */
final class MessageWriter {
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final StringBuilder json = new StringBuilder(256);
    private volatile long lastWrite = System.nanoTime();

    /** @param out a buffered stream: frames are written to it and flushed once per message */
    MessageWriter(OutputStream out) {
        this.out = out;
    }

    void write(Message message) throws IOException {
        lock.lock();
        try {
            writeLocked(message);
        } finally {
            lock.unlock();
        }
    }

    /** When the last message went out, or this writer was made (System.nanoTime): a heartbeat pings after a quiet spell. */
    long lastWrite() {
        return lastWrite;
    }

    /** Writes unless another thread is writing (it may be stuck on a full pipe); for a parting bye. */
    void tryWrite(Message message) {
        if (lock.tryLock()) {
            try {
                writeLocked(message);
            } catch (IOException e) {
                // the peer is gone already: nothing to say goodbye to
            } finally {
                lock.unlock();
            }
        }
    }

    private void writeLocked(Message message) throws IOException {
        json.setLength(0);
        if (message instanceof Message.Hello hello) {
            json.append("{\"type\":\"hello\",\"pid\":").append(hello.pid()).append(",\"workers\":").append(hello.workers()).append('}');
            frame(utf8());
        } else if (message instanceof Message.Classes classes) {
            json.append("{\"type\":\"classes\",\"names\":[");
            for (int i = 0; i < classes.names().size(); i++) {
                json.append(i == 0 ? "" : ",");
                quote(classes.names().get(i));
            }
            frame(utf8(json.append("]}")));
            for (byte[] bytecode : classes.bytecode()) {
                frame(bytecode);
            }
        } else if (message instanceof Message.Run run) {
            json.append("{\"type\":\"run\",\"jobs\":[");
            for (int i = 0; i < run.jobs().size(); i++) {
                RunEntry job = run.jobs().get(i);
                json.append(i == 0 ? "{\"id\":" : ",{\"id\":").append(job.id()).append(",\"task\":");
                quote(job.task());
                json.append('}');
            }
            frame(utf8(json.append("]}")));
            frame(run.args());
        } else if (message instanceof Message.Done done) {
            json.append("{\"type\":\"done\",\"jobs\":[");
            for (int i = 0; i < done.jobs().size(); i++) {
                json.append(i == 0 ? "" : ",");
                outcome(done.jobs().get(i));
            }
            frame(utf8(json.append("]}")));
            frame(done.results());
        } else if (message instanceof Message.Busy busy) {
            ids("busy", busy.ids());
        } else if (message instanceof Message.Cancel cancel) {
            ids("cancel", cancel.ids());
        } else if (message instanceof Message.Ping) {
            json.append("{\"type\":\"ping\"}");
            frame(utf8());
        } else if (message instanceof Message.Pong) {
            json.append("{\"type\":\"pong\"}");
            frame(utf8());
        } else {
            json.append("{\"type\":\"bye\"}");
            frame(utf8());
        }
        out.flush();
        lastWrite = System.nanoTime();
    }

    private void outcome(Outcome o) {
        json.append("{\"id\":").append(o.id()).append(",\"ok\":").append(o.ok()).append(",\"nanos\":").append(o.nanos());
        if (!o.ok()) {
            json.append(",\"kind\":");
            quote(o.kind());
            json.append(",\"error\":");
            quote(o.error());
            if (!o.trace().isEmpty()) {
                json.append(",\"trace\":[");
                for (int i = 0; i < o.trace().size(); i++) {
                    StackTraceElement e = o.trace().get(i);
                    json.append(i == 0 ? "[" : ",[");
                    quote(e.getClassName());
                    json.append(',');
                    quote(e.getMethodName());
                    json.append(',');
                    if (e.getFileName() == null) {
                        json.append("null");
                    } else {
                        quote(e.getFileName());
                    }
                    json.append(',').append(e.getLineNumber()).append(']');
                }
                json.append(']');
            }
        }
        json.append('}');
    }

    private void ids(String type, List<Long> ids) throws IOException {
        json.append("{\"type\":\"").append(type).append("\",\"ids\":[");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i == 0 ? "" : ",").append(ids.get(i));
        }
        frame(utf8(json.append("]}")));
    }

    /** Appends a JSON string; text with a lone surrogate half (not valid Unicode) has it replaced by '?'. */
    private void quote(String text) {
        try {
            json.append(Json.write(text));
        } catch (IllegalArgumentException e) {
            StringBuilder clean = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                        : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
                clean.append(paired ? c : '?');
            }
            json.append(Json.write(clean.toString()));
        }
    }

    private byte[] utf8() {
        return utf8(json);
    }

    private static byte[] utf8(StringBuilder text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void frame(byte[] payload) throws IOException {
        out.write(Frames.header(payload.length));
        out.write(payload);
    }
}
