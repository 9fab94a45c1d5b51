package clusterlab.primes;

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
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The run in a web browser, served by the JDK's own HTTP server:
 * <pre>
 * GET  /              a page (no outside scripts) that asks for /api/status once a second and shows it
 * GET  /api/status    the model as JSON ({@link StatusJson})
 * POST /api/pause     Stop: no new blocks go out; answers with the status
 * POST /api/resume    Start: blocks go out again; answers with the status
 * </pre>
 * A POST must carry the header {@value #BUTTON_HEADER}: 1, as the page's buttons do. Another web site
 * open in the same browser cannot add a header to a request here without asking first, and this
 * server never says yes, so it cannot press the buttons.
 */
public final class PrimesWebView implements ProgressView, Closeable {
    static final String BUTTON_HEADER = "X-Clusterlab";
    /** How long the end of the run waits for an open page to fetch the final status. */
    private static final long LINGER_MILLIS = 3_000;

    private final PrimesModel model;
    private final HttpServer http;
    private final ExecutorService pool;
    private final byte[] page;
    private boolean finished;
    private long polls;
    private long pollsAfterEnd;

    /**
     * Serves the view on {@code host}:{@code port} (0 lets the system choose).
     *
     * @throws BindException naming the address when it cannot be had
     */
    public PrimesWebView(PrimesModel model, HeadControl control, String host, int port) throws IOException {
        this.model = model;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("no address for the web view's host " + host);
        }
        try (InputStream in = PrimesWebView.class.getResourceAsStream("status.html")) {
            if (in == null) {
                throw new IOException("the page clusterlab/primes/status.html is missing from the jar");
            }
            page = in.readAllBytes();
        }
        try {
            http = HttpServer.create(address, 16);
        } catch (BindException e) {
            throw new BindException("clusterlab " + PrimesHead.COMMAND + ": cannot serve the web view on " + host + ":" + port
                    + " (" + e.getMessage() + "); choose another --web-port");
        }
        pool = Executors.newFixedThreadPool(2, task -> {
            Thread t = new Thread(task, "primes-web");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", this::page);
        http.createContext("/api/status", this::status);
        http.createContext("/api/pause", e -> button(e, control::pause));
        http.createContext("/api/resume", e -> button(e, control::resume));
        http.start();
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    private void page(HttpExchange e) throws IOException {
        if (!allowed(e, "GET")) {
            return;
        }
        if (!e.getRequestURI().getPath().equals("/")) {
            send(e, 404, "text/plain; charset=utf-8", ("no page " + e.getRequestURI().getPath() + " here: the view is at /\n")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(e, 200, "text/html; charset=utf-8", page);
    }

    private void status(HttpExchange e) throws IOException {
        if (!allowed(e, "GET")) {
            return;
        }
        boolean afterEnd;
        synchronized (this) {
            afterEnd = finished;
        }
        sendStatus(e);
        synchronized (this) {
            polls++;
            if (afterEnd) {
                pollsAfterEnd++;
            }
            notifyAll();
        }
    }

    private void button(HttpExchange e, Runnable action) throws IOException {
        if (!allowed(e, "POST")) {
            return;
        }
        if (!"1".equals(e.getRequestHeaders().getFirst(BUTTON_HEADER))) {
            send(e, 403, "text/plain; charset=utf-8", ("a POST to " + e.getRequestURI().getPath() + " needs the header "
                    + BUTTON_HEADER + ": 1 (the page's buttons send it)\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            action.run();
        } catch (IllegalStateException notStarted) {
            send(e, 503, "text/plain; charset=utf-8", "the head is still starting: press again in a moment\n"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        sendStatus(e);
    }

    private void sendStatus(HttpExchange e) throws IOException {
        Map<String, Object> status = StatusJson.of(model.snapshot());
        send(e, 200, "application/json", Json.writeUtf8(status));
    }

    /** True if the request uses {@code method}; otherwise answers 405 and returns false. */
    private static boolean allowed(HttpExchange e, String method) throws IOException {
        if (e.getRequestMethod().equals(method)) {
            return true;
        }
        e.getResponseHeaders().set("Allow", method);
        send(e, 405, "text/plain; charset=utf-8", (e.getRequestURI().getPath() + " takes " + method + ", not "
                + e.getRequestMethod() + "\n").getBytes(StandardCharsets.UTF_8));
        return false;
    }

    private static void send(HttpExchange e, int code, String type, byte[] body) throws IOException {
        e.getResponseHeaders().set("Content-Type", type);
        e.getResponseHeaders().set("Cache-Control", "no-store");
        e.sendResponseHeaders(code, body.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        }
    }

    /** The page reads the model itself: nothing to do here. */
    @Override
    public void update(PrimesModel.Snapshot snapshot) {
    }

    /**
     * The run is over. If a page has been watching, waits (a few seconds at most) until it has
     * fetched the final status, so it shows the end rather than the last second before it.
     */
    @Override
    public synchronized void finish(PrimesModel.Snapshot snapshot) {
        finished = true;
        if (polls == 0) {
            return;
        }
        long deadline = System.currentTimeMillis() + LINGER_MILLIS;
        try {
            for (long left = LINGER_MILLIS; pollsAfterEnd == 0 && left > 0; left = deadline - System.currentTimeMillis()) {
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops serving. */
    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
