package lesson07;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** (b) The first n links of a page, absolute and distinct. */
public final class Links {
    private static final Pattern HREF = Pattern.compile("<a\\s[^>]*?href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
            Pattern.CASE_INSENSITIVE);

    private Links() {
    }

    public static List<String> first(String html, String pageUrl, int n) {
        URI page = URI.create(pageUrl);
        Set<String> links = new LinkedHashSet<>();
        Matcher m = HREF.matcher(html);
        while (links.size() < n && m.find()) {
            String href = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (href.isEmpty() || href.startsWith("#")) {
                continue;
            }
            try {
                URI uri = page.resolve(new URI(href));
                String scheme = uri.getScheme();
                if ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) {
                    links.add(new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), uri.getQuery(), null).toString());
                }
            } catch (URISyntaxException e) {
                // not a link that can be followed
            }
        }
        return new ArrayList<>(links);
    }
}
