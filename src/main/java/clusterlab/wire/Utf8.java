package clusterlab.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8. {@code new String(bytes, UTF_8)} quietly replaces bad bytes with U+FFFD; a server
 * that reads text from the network should instead say where the bad bytes are.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** Thrown for bytes that are not UTF-8; {@link #offset()} is where the bad sequence starts. */
    public static final class InvalidUtf8Exception extends CharacterCodingException {
        private static final long serialVersionUID = 1L;
        private final int offset;

        InvalidUtf8Exception(int offset) {
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }

        @Override
        public String getMessage() {
            return "invalid UTF-8 at byte " + offset;
        }
    }

    public static String decode(byte[] bytes) throws InvalidUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidUtf8Exception(in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new InvalidUtf8Exception(in.position());
        }
        return out.flip().toString();
    }

    public static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
