package clusterlab.wire;

/**
 * Thrown when a JSON text cannot be read: it is not valid JSON, it is over a size or nesting
 * limit, or its bytes are not valid UTF-8.
 *
 * <p>The exception is checked because bad input is expected: it arrives from the network, and
 * the caller has to decide what to do with the sender, for example answer with an error or
 * drop the connection.
 */
public class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;

    /**
     * @param message  one line saying where the problem is and what it is
     * @param position 0-based offset of the problem: a character offset for JSON text,
     *                 a byte offset for UTF-8 decoding errors
     */
    public JsonException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** The 0-based offset of the problem (characters, or bytes for invalid UTF-8). */
    public int position() {
        return position;
    }
}
