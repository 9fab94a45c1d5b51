package clusterlab.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.CommandLine;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo site, the crawler's job on its own, and `clusterlab crawl` with worker threads and processes. */
@Timeout(60)
class CrawlTest {
    private static final long MY_PID = ProcessHandle.current().pid();
    /** A line of the crawl's output: "URL -> [LINKS]   (pid N on HOST)". */
    private static final Pattern PAGE_LINE = Pattern.compile("(\\S+) -> \\[(.*)\\]   \\(pid (\\d+) on .+\\)");

    private record Response(int status, String contentType, String body) {
    }

    private static Response get(String url) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
        http.setConnectTimeout(10_000);
        http.setReadTimeout(10_000);
        try {
            int status = http.getResponseCode();
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Response(status, http.getContentType(), body);
            }
        } finally {
            http.disconnect();
        }
    }

    /** A port on loopback that nothing listens on (it did a moment ago, then was closed). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theDemoSiteServesItsPagesOnLoopbackAnd404ForAnythingElse() throws Exception {
        try (DemoSite site = DemoSite.start(0)) {
            assertTrue(site.home().matches("http://127\\.0\\.0\\.1:\\d+/index\\.html"), site.home());
            Response index = get(site.home());
            assertEquals(200, index.status());
            assertTrue(index.contentType().startsWith("text/html"), index.contentType());
            assertTrue(index.body().contains("<title>index</title>"), index.body());
            assertTrue(index.body().contains("<a href=\"sockets.html\">"), index.body());

            String root = site.home().replace("index.html", "");
            Response life = get(root + "life.html");
            assertEquals(200, life.status());
            assertTrue(life.body().contains("<title>life</title>"), life.body());

            for (String missing : List.of("nosuch.html", "", "index.htm", "index.html/more.html")) {
                Response r = get(root + missing);
                assertEquals(404, r.status(), missing);
                assertTrue(r.contentType().startsWith("text/html"), r.contentType());
            }
        }
    }

    @Test
    void fetchLinksGivesThePagesFirstThreeLinksAndWhoFetchedIt() throws Exception {
        try (DemoSite site = DemoSite.start(0)) {
            String root = site.home().replace("index.html", "");
            FetchLinks.Page page = new FetchLinks().run(site.home(), 10_000);
            assertEquals(site.home(), page.url());
            assertEquals(200, page.status());
            assertEquals(List.of(root + "sockets.html", root + "framing.html", root + "index.html"), page.links());
            assertEquals(MY_PID, page.pid());
            assertFalse(page.host().isBlank());

            FetchLinks.Page missing = new FetchLinks().run(root + "nosuch.html", 10_000);
            assertEquals(404, missing.status());
            assertEquals(List.of(), missing.links());
        }
    }

    @Test
    void fetchLinksFromAClosedPortThrowsIOException() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/index.html";
        assertThrows(IOException.class, () -> new FetchLinks().run(url, 10_000));
    }

    @Test
    void crawlingTheDemoSiteWithThreadsFetchesTwoLevels() {
        CommandLine cli = new CommandLine();
        assertEquals(0, cli.run("crawl", "--demo-site", "--depth", "2", "--workers", "2", "--threads"), cli.err());
        String out = cli.out();
        Matcher start = Pattern.compile("Crawling with 2 local worker threads, from (http://127\\.0\\.0\\.1:\\d+/)index\\.html$", Pattern.MULTILINE)
                .matcher(out);
        assertTrue(start.find(), out);
        String root = start.group(1);

        List<String> fetched = new ArrayList<>();
        Matcher line = PAGE_LINE.matcher(out);
        while (line.find()) {
            fetched.add(line.group(1).replace(root, ""));
            assertEquals(MY_PID, Long.parseLong(line.group(3)), "threads run in this JVM: " + line.group());
        }
        assertEquals(List.of("index.html", "sockets.html", "framing.html",
                "expressions.html", "minimum.html", "pipes.html", "jobs.html"), fetched, out);
        assertTrue(out.contains(root + "index.html -> [" + root + "sockets.html, " + root + "framing.html, " + root + "index.html]"), out);
        assertTrue(hasLine(out, "7 pages fetched"), out);
        assertTrue(hasLine(out, "Job execution statistics:"), out);
        assertTrue(hasLine(out, " job count | % of all jobs | job time sum | time per job | job server"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(" {9}7 \\| +100\\.00 \\| .* \\| local")), out);
        assertEquals("", cli.err());
    }

    @Test
    void crawlingWithAWorkerProcessShipsTheTaskItsRecordAndTheLinkParser() {
        CommandLine cli = new CommandLine();
        assertEquals(0, cli.run("crawl", "--demo-site", "--depth", "1", "--workers", "1"), cli.err());
        String out = cli.out();
        assertTrue(out.startsWith("Crawling with 1 local worker process, from "), out);
        Matcher line = PAGE_LINE.matcher(out);
        int pages = 0;
        while (line.find()) {
            pages++;
            // Links found means LinkParser ran in the worker; the line at all means the Page record came back.
            assertEquals(3, line.group(2).split(", ").length, line.group());
            assertNotEquals(MY_PID, Long.parseLong(line.group(3)), "ran in the test's own JVM: " + line.group());
        }
        assertEquals(3, pages, out);
        assertTrue(hasLine(out, "3 pages fetched"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(" {9}3 \\| +100\\.00 \\| .* \\| local")), out);
    }

    @Test
    void usageErrorsAreOneLineAndExitStatus2() {
        assertUsageError("clusterlab crawl: give either URLs to start from or --demo-site", "crawl");
        assertUsageError("clusterlab crawl: give either URLs to start from or --demo-site",
                "crawl", "--demo-site", "http://127.0.0.1:1/index.html");
        assertUsageError("clusterlab crawl: 'ftp://x' is not an http:// or https:// address", "crawl", "ftp://x");
        assertUsageError("clusterlab crawl: 'not a url' is not an http:// or https:// address", "crawl", "not a url");
        assertUsageError("clusterlab crawl: --workers 0 needs --nodes or --discover, or there is no one to run the jobs",
                "crawl", "--demo-site", "--workers", "0");
    }

    private static boolean hasLine(String out, String line) {
        return out.lines().anyMatch(line::equals);
    }

    private static void assertUsageError(String expected, String... argv) {
        CommandLine cli = new CommandLine();
        assertEquals(2, cli.run(argv), cli.out() + cli.err());
        assertEquals(List.of(expected), cli.err().lines().toList());
        assertEquals("", cli.out());
    }
}
