package lesson02;

import java.util.List;

/**
 * Exercise (c): the same frames, for a reader that cannot wait.
 *
 * <p>A non-blocking server (clusterlab's NioServer) gets whatever bytes have arrived: half a
 * header, the end of one frame and the start of the next, several frames at once. {@code feed}
 * takes each chunk as it comes, keeps what it cannot use yet, and returns the payloads that this
 * chunk completed, in order; an empty list when it completed none.
 * <ul>
 *   <li>The chunks may split the stream anywhere, even one byte at a time.</li>
 *   <li>A frame may be empty (length 0): it is complete as soon as its header is.</li>
 *   <li>Each payload returned is a new array of its own: the caller may keep it.</li>
 * </ul>
 * A server facing strangers would also refuse lengths over a limit, as readFrame does; this
 * exercise leaves that out.
 */
public final class Decoder {
    // Fields here: the part of the current header or payload received so far.

    public List<byte[]> feed(byte[] chunk) {
        throw new UnsupportedOperationException("exercise: keep the bytes of unfinished frames, return the finished ones");
    }
}
