package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.CommandLine;
import clusterlab.wire.Json;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web view's page and JSON on a port the system chooses, against a head in this JVM. */
class WebViewTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> get(PrimesWebView web, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(web, path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(PrimesWebView web, String path, boolean withHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(web, path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (withHeader) {
            request.header(PrimesWebView.BUTTON_HEADER, "1");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(PrimesWebView web, String path) {
        return URI.create("http://127.0.0.1:" + web.port() + path);
    }

    private Map<String, Object> status(PrimesWebView web) throws Exception {
        HttpResponse<String> answer = get(web, "/api/status");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""));
        return Json.parseObject(answer.body());
    }

    @Test
    void thePageTheStatusAndTheButtonsThroughASmallRun() throws Exception {
        HeadSettings settings = new HeadSettings().range(new PrimeRange(1, 100_000)).blockSize(10_000).host("127.0.0.1").port(0)
                .localThreads(2).paused(true);
        try (PrimesHead head = new PrimesHead(settings, QUIET)) {
            head.start();
            try (PrimesWebView web = new PrimesWebView(head.model(), head, "127.0.0.1", 0)) {
                HttpResponse<String> page = get(web, "/");
                assertEquals(200, page.statusCode());
                assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
                assertTrue(page.body().contains("<title>clusterlab primes-head</title>"), page.body());
                assertTrue(page.body().contains("fetch(\"/api/status\""), "the page polls the status");
                assertFalse(page.body().contains("<script src"), "no outside scripts");
                assertEquals(404, get(web, "/elsewhere").statusCode());

                Map<String, Object> paused = status(web);
                assertEquals(true, paused.get("paused"));
                assertEquals(true, paused.get("canStart"));
                assertEquals(false, paused.get("canStop"));
                assertEquals(0L, paused.get("count"));
                assertNull(paused.get("largest"));
                assertEquals("1:100000", paused.get("range"));

                HttpResponse<String> forged = post(web, "/api/resume", false);
                assertEquals(403, forged.statusCode());
                assertTrue(forged.body().contains("needs the header X-Clusterlab: 1"), forged.body());
                assertEquals(405, get(web, "/api/resume").statusCode());
                assertEquals("POST", get(web, "/api/resume").headers().firstValue("Allow").orElse(""));
                assertEquals(405, post(web, "/api/status", true).statusCode());
                assertTrue(head.model().snapshot().paused(), "a refused request pressed nothing");

                HttpResponse<String> started = post(web, "/api/resume", true);
                assertEquals(200, started.statusCode());
                assertEquals(false, Json.parseObject(started.body()).get("paused"));
                assertTrue(head.awaitComplete(20_000), "the run did not complete after Start");

                Map<String, Object> end = status(web);
                assertEquals(true, end.get("complete"));
                assertEquals(9_592L, end.get("count"));
                assertEquals(99_991L, end.get("largest"));
                assertEquals(10L, end.get("blocksWritten"));
                assertEquals(1.0, end.get("progress"));
                assertNull(end.get("etaSeconds"));
                assertEquals("complete: every block is on disk", end.get("state"));
                List<?> workers = (List<?>) end.get("workers");
                assertEquals(1, workers.size());
                Map<?, ?> local = (Map<?, ?>) workers.get(0);
                assertEquals("local", local.get("name"));
                assertEquals(10L, local.get("blocks"));
                assertTrue(local.get("rate") instanceof Double rate && rate > 0, String.valueOf(local.get("rate")));
                assertEquals(PrimesModel.LAST_PRIMES, ((List<?>) end.get("lastPrimes")).size());
                assertTrue(((List<?>) end.get("log")).contains("started: blocks go out again"), end.get("log").toString());
                assertTrue(((List<?>) end.get("fields")).contains(Map.of("label", "primes found", "value", "9,592")),
                        end.get("fields").toString());
                assertEquals(false, Json.parseObject(post(web, "/api/pause", true).body()).get("canStop"), "nothing to stop at the end");
            }
        }
    }

    @Test
    void theCommandServesTheViewUntilTheRunEnds() {
        CommandLine cli = new CommandLine();
        assertEquals(0, cli.run("primes-head", "--range", "1:100000", "--block", "10000", "--host", "127.0.0.1", "--port", "0",
                "--local", "2", "--view", "web", "--web-port", "0"), cli.err());
        assertTrue(cli.err().startsWith("web view at http://127.0.0.1:"), cli.err());
        assertTrue(cli.err().contains("\nhead listening on 127.0.0.1:"), cli.err());
        assertTrue(cli.out().startsWith("range 1:100000: 9592 primes, the largest 99991\n"), cli.out());
    }

    @Test
    void aTakenOrImpossibleWebPortIsOneLineAndStatus2() throws Exception {
        CommandLine cli = new CommandLine();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(2, cli.run("primes-head", "--range", "1:1000", "--host", "127.0.0.1", "--port", "0", "--view", "web",
                    "--web-port", String.valueOf(taken.getLocalPort())), cli.err());
            assertEquals(1, cli.err().lines().count(), cli.err());
            assertTrue(cli.err().startsWith("clusterlab primes-head: cannot serve the web view on 127.0.0.1:" + taken.getLocalPort()
                    + " ("), cli.err());
            assertTrue(cli.err().endsWith("); choose another --web-port\n"), cli.err());
        }
        cli.reset();
        assertEquals(2, cli.run("primes-head", "--range", "1:1000", "--view", "web", "--web-port", "70000"));
        assertEquals("clusterlab primes-head: --web-port must be a whole number from 0 to 65535, not '70000'\n", cli.err());
    }
}
