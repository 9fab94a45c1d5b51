package clusterlab.crawl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the links of a page: the href of each {@code <a>} tag, made absolute against the page's
 * address. Not a full HTML parser, and it need not be: a crawler wants the links, and a page that
 * hides them in scripts is not followed.
 */
public final class LinkParser {
    private static final Pattern ANCHOR = Pattern.compile("<a\\s[^>]*?href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
            Pattern.CASE_INSENSITIVE);

    private LinkParser() {
    }

    /**
     * The first {@code limit} distinct http(s) links of {@code html}, absolute, without their
     * #fragment; mailto:, javascript: and links to a place on the same page are skipped.
     */
    public static List<String> firstLinks(String html, URI page, int limit) {
        Set<String> links = new LinkedHashSet<>();
        Matcher m = ANCHOR.matcher(html);
        while (links.size() < limit && m.find()) {
            String href = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String link = absolute(href.trim(), page);
            if (link != null) {
                links.add(link);
            }
        }
        return new ArrayList<>(links);
    }

    private static String absolute(String href, URI page) {
        if (href.isEmpty() || href.startsWith("#")) {
            return null;
        }
        try {
            URI uri = page.resolve(new URI(href.replace(" ", "%20")));
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            // Cut the fragment off the raw text: rebuilding the URI from its decoded parts would turn
            // an escaped %26 or %2F into a bare & or /, which is another address.
            String link = uri.toString();
            int hash = link.indexOf('#');
            return hash < 0 ? link : link.substring(0, hash);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null; // a malformed href is not a link we can follow
        }
    }
}
