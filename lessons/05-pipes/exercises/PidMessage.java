package lesson05;

/**
 * Exercise (b): the payload of one message through a named pipe: who sent it, and what. Layout:
 * the sender's pid as 8 bytes, big-endian, then the text in UTF-8.
 *
 * <p>The payload travels in a frame (a 4-byte length, then the payload), written with ONE write.
 * Several writers may share a pipe, and a write of at most PIPE_BUF bytes (4096 on Linux) is
 * atomic: never mixed with another writer's bytes. So a whole frame must fit in 4096 bytes.
 */
public record PidMessage(long pid, String text) {
    /** PIPE_BUF on Linux. */
    public static final int PIPE_BUF = 4096;
    /** The largest payload whose frame, with its 4-byte header, fits in one atomic write. */
    public static final int MAX_PAYLOAD = PIPE_BUF - 4;

    /**
     * (b) The payload for {@code pid} and {@code text}: 8 bytes of pid (big-endian), then the
     * text's UTF-8 bytes. Throws {@code IllegalArgumentException} when the payload would be longer
     * than {@link #MAX_PAYLOAD}, with a message that says so (count BYTES, not characters: "é" is 2).
     */
    public static byte[] encode(long pid, String text) {
        throw new UnsupportedOperationException("exercise: 8 bytes of pid, then the UTF-8 text");
    }

    /**
     * (b) The message in a payload made by {@link #encode}. Throws {@code IllegalArgumentException}
     * when the payload is shorter than the 8 bytes of the pid.
     */
    public static PidMessage decode(byte[] payload) {
        throw new UnsupportedOperationException("exercise: read the 8-byte pid, then the UTF-8 text");
    }
}
