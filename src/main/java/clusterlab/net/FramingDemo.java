package clusterlab.net;

import clusterlab.wire.Connection;
import clusterlab.wire.Frames;
import clusterlab.wire.Utf8;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;

/** A frame arriving in pieces, two frames in one piece, and the two bad frames a server must survive. */
public final class FramingDemo {
    private FramingDemo() {
    }

    public static void run(PrintStream out) throws Exception {
        ServerConfig config = new ServerConfig().host("127.0.0.1").port(0).maxFrameLength(1 << 20).timeoutMillis(5_000);
        try (NioServer server = new NioServer(config, new EchoService(), out, true)) {
            server.initialise();
            int port = server.port();

            out.println("-- 1. one frame (4-byte header + 14 bytes) written 3 bytes at a time");
            try (Connection c = Connection.open("127.0.0.1", port, 2_000)) {
                byte[] frame = frame("hello, cluster");
                OutputStream raw = c.socket().getOutputStream();
                for (int at = 0; at < frame.length; at += 3) {
                    raw.write(frame, at, Math.min(3, frame.length - at));
                    raw.flush();
                    Thread.sleep(50); // long enough for each piece to be read on its own
                }
                out.println("client got: " + c.receiveText());
            }
            SocketsDemo.waitFor(() -> server.stats().served() == 1);

            out.println("-- 2. two frames in one write: one read, two frames");
            try (Connection c = Connection.open("127.0.0.1", port, 2_000)) {
                byte[] a = frame("first");
                byte[] b = frame("second");
                byte[] both = new byte[a.length + b.length];
                System.arraycopy(a, 0, both, 0, a.length);
                System.arraycopy(b, 0, both, a.length, b.length);
                c.socket().getOutputStream().write(both);
                out.println("client got: " + c.receiveText());
                out.println("client got: " + c.receiveText());
            }
            SocketsDemo.waitFor(() -> server.stats().served() == 2);

            out.println("-- 3. a header announcing 100 MiB, over this server's 1 MiB limit");
            try (Connection c = Connection.open("127.0.0.1", port, 2_000)) {
                c.socket().getOutputStream().write(Frames.header(100 << 20));
                out.println("client got: " + c.receiveText());
            }
            SocketsDemo.waitFor(() -> server.stats().served() == 3);

            out.println("-- 4. a header for 10 bytes, then 3 bytes, then the client hangs up");
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write(Frames.header(10));
                s.getOutputStream().write(Utf8.encode("abc"));
            }
            SocketsDemo.waitFor(() -> server.stats().served() == 4);
        }
    }

    private static byte[] frame(String text) {
        return Frames.encode(Utf8.encode(text));
    }
}
