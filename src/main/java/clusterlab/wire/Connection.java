package clusterlab.wire;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

/**
 * A blocking TCP connection that sends and receives frames, and counts the bytes it moved.
 * Client and server use the same class: after the connect or the accept, both ends are alike.
 */
public final class Connection implements Closeable {
    private final Socket socket;
    private final FrameReader reader;
    private final FrameWriter writer;
    private long bytesIn;
    private long bytesOut;

    public Connection(Socket socket) throws IOException {
        this(socket, Frames.DEFAULT_MAX_LENGTH);
    }

    public Connection(Socket socket, int maxFrameLength) throws IOException {
        this.socket = socket;
        this.reader = new FrameReader(new BufferedInputStream(socket.getInputStream()), maxFrameLength);
        this.writer = new FrameWriter(socket.getOutputStream());
    }

    /** Connects to host:port, giving up after {@code timeoutMillis}. */
    public static Connection open(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setTcpNoDelay(true);
            return new Connection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The next frame, or null when the peer closed between frames. See {@link FrameReader#read()}. */
    public byte[] receive() throws IOException {
        byte[] payload = reader.read();
        if (payload != null) {
            bytesIn += Frames.HEADER_BYTES + payload.length;
        }
        return payload;
    }

    /** The next frame, its first {@code head.length} bytes read into {@code head}; see {@link FrameReader#read(byte[])}. */
    public byte[] receive(byte[] head) throws IOException {
        byte[] body = reader.read(head);
        if (body != null) {
            bytesIn += Frames.HEADER_BYTES + head.length + body.length;
        }
        return body;
    }

    /** The next frame decoded as strict UTF-8 text, or null at a clean close. */
    public String receiveText() throws IOException {
        byte[] payload = receive();
        return payload == null ? null : Utf8.decode(payload);
    }

    public void send(byte[] payload) throws IOException {
        writer.write(payload);
        bytesOut += Frames.HEADER_BYTES + payload.length;
    }

    public void sendText(String text) throws IOException {
        send(Utf8.encode(text));
    }

    /** Every read waits at most this long; 0 waits for ever. */
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    public Socket socket() {
        return socket;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    /** Sends a JSON value (usually a Map) as UTF-8 text. */
    public void sendJson(Object value) throws IOException {
        send(Json.writeUtf8(value));
    }

    /** The next frame, which must be a JSON object, or null at a clean close. */
    public Map<String, Object> receiveJson() throws IOException {
        byte[] payload = receive();
        if (payload == null) {
            return null;
        }
        try {
            return Json.parseObject(payload);
        } catch (JsonException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
