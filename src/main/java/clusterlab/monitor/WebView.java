package clusterlab.monitor;

import clusterlab.wire.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The grid as a web page, served by the JDK's own HTTP server. {@code /} is one HTML page with its
 * script inline (nothing fetched from elsewhere) that asks {@code /api/nodes} for the grid every
 * second and redraws it; {@code /api/nodes} is the same data as JSON (see {@link NodesJson}).
 *
 * <p>Bounded like the collector: two threads serve requests, 32 more may wait, and beyond that the
 * server's own thread serves them, which slows accepting instead of queueing without end. The JDK's
 * server has no read timeout of its own; its system properties {@code sun.net.httpserver.maxReqTime}
 * and {@code maxRspTime} set one, in seconds, for every server in the JVM, read when the first is
 * made: unless they are set already, a WebView sets both to 10 s first, so a client that sends half
 * a request is dropped.
 */
public final class WebView implements Closeable {
    public static final int DEFAULT_PORT = 8080;
    private static final String TIMEOUT_SECONDS = "10";

    private final MonitorModel model;
    private final int expected;
    private final byte[] page;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    /**
     * Binds {@code host:port} (port 0: any free port) and starts serving.
     *
     * @param expected lay the grid out for at least this many nodes, as {@link GridState#of} does
     */
    public WebView(MonitorModel model, int expected, String host, int port) throws IOException {
        this.model = model;
        this.expected = expected;
        this.page = page();
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", TIMEOUT_SECONDS);
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", TIMEOUT_SECONDS);
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (BindException e) {
            throw new BindException(String.valueOf(e.getMessage()).contains("in use")
                    ? "web port " + port + " is already in use (another server, or one that has not shut down yet;"
                            + " choose another with --web-port)"
                    : "cannot serve the web view on " + host + ":" + port + ": " + e.getMessage());
        }
        AtomicInteger threads = new AtomicInteger();
        executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(32), task -> {
            Thread t = new Thread(task, "web-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private static byte[] page() throws IOException {
        try (InputStream in = WebView.class.getResourceAsStream("page.html")) {
            if (in == null) {
                throw new IOException("the web page clusterlab/monitor/page.html is missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    /** The port served, useful after asking for port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "only GET is served here\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", page);
            } else if (path.equals("/api/nodes")) {
                send(exchange, 200, "application/json", Json.writeUtf8(NodesJson.of(GridState.of(model, expected), model)));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8",
                        ("no page " + path + " here: the grid is at / and its data at /api/nodes\n").getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops serving at once: the page only reads, so there is nothing to finish. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
