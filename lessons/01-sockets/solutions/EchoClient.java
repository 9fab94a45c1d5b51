package lesson01;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Exercise (c), a reference answer: one frame out, one frame back, with plain java.io. */
public final class EchoClient {
    /** The largest reply accepted: a broken or hostile server must not make us allocate gigabytes. */
    private static final int MAX_REPLY_BYTES = 16 << 20;

    private EchoClient() {
    }

    public static String ask(String host, int port, String message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000); // a server that never answers ends in SocketTimeoutException
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));

            byte[] request = message.getBytes(StandardCharsets.UTF_8);
            out.writeInt(request.length); // big-endian, as the frame wants
            out.write(request);
            out.flush(); // header and payload leave together

            int length = in.readInt(); // signed: a length of 2^31 or more reads as negative
            if (length < 0 || length > MAX_REPLY_BYTES) {
                throw new IOException("reply length " + Integer.toUnsignedLong(length)
                        + " is over the limit of " + MAX_REPLY_BYTES + " bytes");
            }
            byte[] reply = new byte[length];
            in.readFully(reply); // loops until every byte is in, or throws EOFException
            return new String(reply, StandardCharsets.UTF_8);
        }
    }
}
