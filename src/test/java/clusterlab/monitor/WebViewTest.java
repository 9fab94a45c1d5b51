package clusterlab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebViewTest {
    private final MonitorModel model = new MonitorModel(10, 120, Duration.ofSeconds(5), false, new RecentLog(10, null));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private WebView web;

    @BeforeEach
    void start() throws Exception {
        web = new WebView(model, 0, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .timeout(Duration.ofSeconds(15)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageIsSelfContainedAndPollsTheJsonEverySecond() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        String html = page.body();
        assertTrue(html.contains("fetch(\"/api/nodes\""), "it asks for the data");
        assertTrue(html.contains("setInterval(refresh, 1000)"), "every second");
        assertTrue(html.contains("Waiting for data..."));
        assertFalse(html.contains("<script src"), "no script from elsewhere");
        assertFalse(html.contains("innerHTML"), "reported text never becomes markup");
    }

    @Test
    void theJsonFollowsTheModel() throws Exception {
        Map<String, Object> empty = Json.parseObject(get("/api/nodes").body());
        assertEquals(List.of(), empty.get("nodes"));
        model.accept(Report.of("10.0.0.7", 70), "127.0.0.1");
        model.accept(Report.of("10.0.0.5", 50), "127.0.0.1");
        HttpResponse<String> response = get("/api/nodes");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        Map<String, Object> json = Json.parseObject(response.body());
        List<?> nodes = (List<?>) json.get("nodes");
        assertEquals(2, nodes.size());
        assertEquals("10.0.0.5", ((Map<?, ?>) nodes.get(0)).get("ip"));
        assertEquals(70.0, ((Map<?, ?>) nodes.get(1)).get("temp"));
        assertEquals("#ffa500", ((Map<?, ?>) nodes.get(1)).get("colour"));
        assertEquals(2L, json.get("reports"));
    }

    @Test
    void otherPathsAndMethodsAreRefusedPolitely() throws Exception {
        HttpResponse<String> missing = get("/admin");
        assertEquals(404, missing.statusCode());
        assertEquals("no page /admin here: the grid is at / and its data at /api/nodes\n", missing.body());
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/nodes"))
                .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> refused = http.send(post, HttpResponse.BodyHandlers.ofString());
        assertEquals(405, refused.statusCode());
        assertEquals("GET", refused.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void aTakenPortIsNamedWithTheOptionToChangeIt() throws Exception {
        java.net.BindException e = org.junit.jupiter.api.Assertions.assertThrows(java.net.BindException.class,
                () -> new WebView(model, 0, "127.0.0.1", web.port()));
        assertEquals("web port " + web.port() + " is already in use (another server, or one that has not shut down yet;"
                + " choose another with --web-port)", e.getMessage());
    }
}
