package clusterlab.crawl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small web site served on the loopback address, so the crawler has something to crawl without
 * touching anything outside this machine: one page per lesson topic, each linking onwards.
 */
public final class DemoSite implements Closeable {
    static final List<String> TOPICS = List.of("index", "sockets", "framing", "expressions", "minimum", "pipes",
            "jobs", "nodes", "mpi", "deploy", "monitor", "primes", "life");

    private final HttpServer http;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    private DemoSite(HttpServer http) {
        this.http = http;
    }

    /** Starts the site on 127.0.0.1 at {@code port} (0: any free port). */
    public static DemoSite start(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        DemoSite site = new DemoSite(http);
        http.createContext("/", site::serve);
        http.setExecutor(site.pool);
        http.start();
        return site;
    }

    /** The address of the first page, e.g. http://127.0.0.1:43210/index.html. */
    public String home() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/index.html";
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String topic = path.startsWith("/") && path.endsWith(".html") ? path.substring(1, path.length() - 5) : "";
        int index = TOPICS.indexOf(topic);
        byte[] body = (index < 0 ? "<html><body><h1>Not found</h1></body></html>" : page(index)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(index < 0 ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Page i links to a place on itself, to a mail address (neither is followed), then to the
     * pages 2i+1 and 2i+2 as in a binary tree, and back to the index: a site of levels.
     */
    static String page(int i) {
        StringBuilder html = new StringBuilder("<html><head><title>").append(TOPICS.get(i)).append("</title></head><body>\n")
                .append("<a href=\"#notes\">notes</a> <a href=\"mailto:teacher@example.org\">mail the teacher</a>\n");
        for (int child = 2 * i + 1; child <= 2 * i + 2 && child < TOPICS.size(); child++) {
            html.append("<a href=\"").append(TOPICS.get(child)).append(".html\">").append(TOPICS.get(child)).append("</a>\n");
        }
        html.append("<a href=\"/index.html\">home</a>\n<p id=\"notes\">").append(TOPICS.get(i)).append("</p></body></html>\n");
        return html.toString();
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
