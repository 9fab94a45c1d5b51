package clusterlab.crawl;

import clusterlab.jobs.Task;
import clusterlab.net.HostName;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Article B's crawler job: fetch one page and return its first three links, with the pid and host
 * name of the worker that fetched it. Arguments: the URL and the socket timeout in milliseconds.
 */
public final class FetchLinks implements Task<FetchLinks.Page> {
    /** Pages larger than this are read only this far: a crawler must not let one page fill its memory. */
    static final int MAX_BYTES = 1 << 20;

    /** A fetched page: its address, HTTP status, first links, and who fetched it. */
    public record Page(String url, int status, List<String> links, long pid, String host) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public Page run(Object... args) throws IOException {
        String url = (String) args[0];
        int timeoutMillis = (Integer) args[1];
        HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
        http.setConnectTimeout(timeoutMillis);
        http.setReadTimeout(timeoutMillis);
        http.setInstanceFollowRedirects(true);
        try {
            int status = http.getResponseCode();
            List<String> links = List.of();
            if (status == 200 && String.valueOf(http.getContentType()).startsWith("text/html")) {
                try (InputStream body = http.getInputStream()) {
                    String html = new String(body.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
                    links = List.copyOf(LinkParser.firstLinks(html, URI.create(url), 3));
                }
            }
            return new Page(url, status, links, ProcessHandle.current().pid(), HostName.localOr("unknown"));
        } finally {
            http.disconnect();
        }
    }
}
