package lesson01;

import java.io.IOException;

/**
 * Exercise (c): talk to clusterlab's server in its own format, with nothing but java.io.
 *
 * <p>{@code ask(host, port, message)} connects to host:port, sends the message as ONE frame, reads
 * ONE frame back, closes the connection and returns the reply's text. A frame is a 4-byte
 * big-endian length N followed by N bytes; here the bytes are text in UTF-8.
 *
 * <p>Careful:
 * <ul>
 *   <li>N counts bytes, not characters: "π" is one character but two bytes in UTF-8.</li>
 *   <li>One read may return only part of what was sent; read until you have all N bytes.</li>
 *   <li>{@code java.io.DataOutputStream} ({@code writeInt}, {@code write}, {@code flush}) and
 *       {@code java.io.DataInputStream} ({@code readInt}, {@code readFully}) do most of the work.
 *       Do not use clusterlab.wire here: this is how it works inside.</li>
 * </ul>
 * Try it by hand against {@code scripts/clusterlab server}: the reply is JSON such as
 * {@code {"from":"worker-1","echo":"hello"}}.
 */
public final class EchoClient {
    private EchoClient() {
    }

    public static String ask(String host, int port, String message) throws IOException {
        throw new UnsupportedOperationException("exercise: send the message as one frame, return the reply frame's text");
    }
}
