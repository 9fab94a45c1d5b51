package clusterlab.net;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.wire.Connection;
import clusterlab.wire.Frames;
import clusterlab.wire.Json;
import clusterlab.wire.JsonException;
import clusterlab.wire.Utf8;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** `clusterlab client`: sends each message as a frame and prints each reply. */
public final class ClientCommand implements Command {
    @Override
    public Options options() {
        return new Options("client", "Connect to a server, send framed messages, print the replies.")
                .value("host", "ADDRESS", "127.0.0.1", "server address")
                .value("port", "N", String.valueOf(ServerConfig.DEFAULT_PORT), "server port")
                .value("timeout", "DURATION", "10s", "give up connecting or waiting for a reply after this long")
                .value("chunk", "SIZE", "0", "write each frame in pieces of this many bytes (0: in one write)")
                .value("pause", "DURATION", "0ms", "wait between pieces, to watch a frame arrive in parts")
                .operands("[MESSAGE...]", Integer.MAX_VALUE, "messages to send; with none, each line of standard input");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        int timeout = (int) Math.min(Integer.MAX_VALUE, args.duration("timeout").toMillis());
        int chunk = args.bytes("chunk", 0, Frames.DEFAULT_MAX_LENGTH);
        long pause = args.duration("pause").toMillis();
        String host = args.string("host");
        int port = args.integer("port", 1, 65535);
        try (Connection c = Connection.open(host, port, timeout)) {
            c.setReadTimeout(timeout);
            if (!args.operands().isEmpty()) {
                for (String message : args.operands()) {
                    if (!exchange(c, message, chunk, pause, out, err)) {
                        return 1;
                    }
                }
            } else {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!exchange(c, line, chunk, pause, out, err)) {
                        return 1;
                    }
                }
            }
        } catch (java.net.ConnectException e) {
            err.println("clusterlab client: nothing listens on " + host + ":" + port + " (is the server running?)");
            return 1;
        } catch (java.net.SocketTimeoutException e) {
            err.println("clusterlab client: no answer from " + host + ":" + port + " within " + timeout / 1000.0 + " s");
            return 1;
        }
        return 0;
    }

    /** Sends one message and prints its reply; false when the server refused or went away. */
    private static boolean exchange(Connection c, String message, int chunk, long pause, PrintStream out,
            PrintStream err) throws IOException, InterruptedException {
        byte[] payload = Utf8.encode(message);
        if (chunk == 0) {
            c.send(payload);
        } else {
            sendInPieces(c.socket().getOutputStream(), payload, chunk, pause);
        }
        String reply = c.receiveText();
        if (reply == null) {
            err.println("clusterlab client: the server closed the connection");
            return false;
        }
        String error = errorIn(reply);
        if (error != null) {
            err.println("clusterlab client: server said: " + error);
            return false;
        }
        out.println(reply);
        return true;
    }

    private static void sendInPieces(OutputStream out, byte[] payload, int chunk, long pause)
            throws IOException, InterruptedException {
        byte[] frame = Frames.encode(payload);
        for (int at = 0; at < frame.length; at += chunk) {
            if (at > 0 && pause > 0) {
                Thread.sleep(pause);
            }
            out.write(frame, at, Math.min(chunk, frame.length - at));
            out.flush();
        }
    }

    /** The message of an {"error": ...} reply, or null for any other reply. */
    private static String errorIn(String reply) {
        if (!reply.startsWith("{\"error\"")) {
            return null;
        }
        try {
            Map<String, Object> object = Json.parseObject(reply);
            Object error = object.get("error");
            return error == null ? null : error.toString();
        } catch (JsonException e) {
            return null;
        }
    }
}
