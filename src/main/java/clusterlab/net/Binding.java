package clusterlab.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;

/** Binding a listening socket, with the error a student can act on when the port is taken. */
public final class Binding {
    private Binding() {
    }

    public static ServerSocket bind(ServerConfig config) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            // Lets a restarted server bind while the last run's connections sit in TIME_WAIT.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw explain(e, config);
        }
    }

    static ServerSocketChannel bindChannel(ServerConfig config) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.socket().setReuseAddress(true);
            channel.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
            return channel;
        } catch (IOException e) {
            channel.close();
            throw explain(e, config);
        }
    }

    private static IOException explain(IOException e, ServerConfig config) {
        if (!(e instanceof BindException)) {
            return e;
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("in use")) {
            return new BindException("port " + config.port() + " is already in use"
                    + " (another server, or one that has not shut down yet; choose another with --port)");
        }
        return new BindException("cannot listen on " + config.host() + ":" + config.port() + ": " + message);
    }
}
