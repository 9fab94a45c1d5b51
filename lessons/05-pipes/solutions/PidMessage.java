package lesson05;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Exercise (b), a reference answer. */
public record PidMessage(long pid, String text) {
    public static final int PIPE_BUF = 4096;
    public static final int MAX_PAYLOAD = PIPE_BUF - 4;

    public static byte[] encode(long pid, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int length = Long.BYTES + utf8.length;
        if (length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a payload of " + length + " bytes is over " + MAX_PAYLOAD
                    + ": its frame would not fit in one atomic write of PIPE_BUF = " + PIPE_BUF + " bytes");
        }
        return ByteBuffer.allocate(length).putLong(pid).put(utf8).array(); // ByteBuffer is big-endian
    }

    public static PidMessage decode(byte[] payload) {
        if (payload.length < Long.BYTES) {
            throw new IllegalArgumentException("a payload of " + payload.length + " bytes has no room for the 8-byte pid");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        long pid = buffer.getLong();
        String text = new String(payload, Long.BYTES, payload.length - Long.BYTES, StandardCharsets.UTF_8);
        return new PidMessage(pid, text);
    }
}
