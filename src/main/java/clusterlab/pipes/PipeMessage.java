package clusterlab.pipes;

import clusterlab.wire.Frames;
import clusterlab.wire.Json;
import clusterlab.wire.JsonException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message through a named pipe: the writer's pid and its text, as the JSON payload of a
 * clusterlab frame, {@code {"pid":4242,"text":"hello"}} after a 4-byte length.
 *
 * <p>A pipe, like TCP, carries bytes, not messages, so the frame's length says where each message
 * ends. Several writers may share one FIFO, and then a second rule matters: POSIX promises that a
 * write of at most PIPE_BUF bytes to a pipe is ATOMIC, its bytes never mixed with another
 * writer's (PIPE_BUF is 4096 on Linux; POSIX only guarantees 512, macOS has 512 too). A larger
 * write may be split, each piece landing between other writers' pieces, and the reader would then
 * find the middle of someone else's message where it expects a length. So the whole frame,
 * header and payload, goes out in ONE write of at most {@link #MAX_FRAME} bytes, and longer
 * messages are refused rather than sent in pieces.
 */
public record PipeMessage(long pid, String text) {
    /** PIPE_BUF on Linux: the largest write to a pipe that is never interleaved with others. */
    public static final int MAX_FRAME = 4096;

    /** The whole frame, length header included, ready for a single write. */
    public byte[] frame() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", pid);
        json.put("text", text);
        return Frames.encode(Json.writeUtf8(json));
    }

    /** The message as the reader gets it from a frame's payload. */
    public static PipeMessage decode(byte[] payload) throws IOException {
        try {
            Map<String, Object> json = Json.parseObject(payload);
            if (!(json.get("pid") instanceof Number pid) || !(json.get("text") instanceof String text)) {
                throw new IOException("a message needs a number \"pid\" and a string \"text\": " + Json.write(json));
            }
            return new PipeMessage(pid.longValue(), text);
        } catch (JsonException e) {
            throw new IOException("a message that is not JSON: " + e.getMessage(), e);
        }
    }
}
