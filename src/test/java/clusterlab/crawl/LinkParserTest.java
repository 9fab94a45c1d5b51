package clusterlab.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The links a crawler takes from a page: which ones, in what form, in what order, and how many. */
class LinkParserTest {
    private static final URI PAGE = URI.create("http://127.0.0.1:8080/docs/guide/page.html");

    private static List<String> links(String html) {
        return LinkParser.firstLinks(html, PAGE, 100);
    }

    @Test
    void linksComeInPageOrder() {
        String html = "<p><a href=\"http://127.0.0.1:8080/c.html\">c</a> text <a href=\"http://127.0.0.1:8080/a.html\">a</a>"
                + "<div><a href=\"http://127.0.0.1:8080/b.html\">b</a></div></p>";
        assertEquals(List.of("http://127.0.0.1:8080/c.html", "http://127.0.0.1:8080/a.html", "http://127.0.0.1:8080/b.html"),
                links(html));
    }

    @Test
    void theLimitKeepsTheFirstLinksAndDuplicatesDoNotUseItUp() {
        String html = "<a href=\"one.html\">1</a><a href=\"one.html\">1 again</a><a href=\"#top\">top</a>"
                + "<a href=\"two.html\">2</a><a href=\"three.html\">3</a><a href=\"four.html\">4</a>";
        String base = "http://127.0.0.1:8080/docs/guide/";
        assertEquals(List.of(base + "one.html", base + "two.html", base + "three.html"), LinkParser.firstLinks(html, PAGE, 3));
        assertEquals(List.of(base + "one.html"), LinkParser.firstLinks(html, PAGE, 1));
        assertEquals(List.of(), LinkParser.firstLinks(html, PAGE, 0));
        assertEquals(4, LinkParser.firstLinks(html, PAGE, 10).size());
    }

    @Test
    void relativeLinksAreResolvedAgainstThePage() {
        String html = "<a href=\"next.html\">sibling</a>"
                + "<a href=\"sub/deeper.html\">below</a>"
                + "<a href=\"../up.html\">one up</a>"
                + "<a href=\"../../top.html\">two up</a>"
                + "<a href=\"/root.html\">from the root</a>"
                + "<a href=\"./same-dir.html\">dot</a>"
                + "<a href=\"//127.0.0.2:9090/other.html\">same scheme, other host</a>";
        assertEquals(List.of(
                "http://127.0.0.1:8080/docs/guide/next.html",
                "http://127.0.0.1:8080/docs/guide/sub/deeper.html",
                "http://127.0.0.1:8080/docs/up.html",
                "http://127.0.0.1:8080/top.html",
                "http://127.0.0.1:8080/root.html",
                "http://127.0.0.1:8080/docs/guide/same-dir.html",
                "http://127.0.0.2:9090/other.html"), links(html));
    }

    @Test
    void absoluteLinksStayAsTheyAreWhateverThePage() {
        String html = "<a href=\"https://example.org/a/b.html?x=1\">elsewhere</a><a href=\"http://127.0.0.1/\">root</a>";
        assertEquals(List.of("https://example.org/a/b.html?x=1", "http://127.0.0.1/"), links(html));
        assertEquals(1, links("<a href=\"HTTPS://127.0.0.1/caps.html\">the scheme's case does not matter</a>").size());
    }

    @Test
    void doubleSingleAndNoQuotesAllWork() {
        String html = "<a href=\"double.html\">d</a> <a href='single.html'>s</a> <a href=bare.html>b</a>"
                + " <a class=x href = \"spaced.html\" id=y>s</a> <a href=bare-then-attr.html title=t>b</a>";
        String base = "http://127.0.0.1:8080/docs/guide/";
        assertEquals(List.of(base + "double.html", base + "single.html", base + "bare.html", base + "spaced.html",
                base + "bare-then-attr.html"), links(html));
    }

    @Test
    void tagAndAttributeNamesAreCaseInsensitive() {
        String html = "<A HREF=\"upper.html\">u</A><a Href='mixed.html'>m</a><A\nhref=newline.html>n</A>";
        String base = "http://127.0.0.1:8080/docs/guide/";
        assertEquals(List.of(base + "upper.html", base + "mixed.html", base + "newline.html"), links(html));
    }

    @Test
    void onlyAnchorTagsCount() {
        String html = "<link href=\"style.css\"><abbr href=\"abbr.html\">x</abbr><area href=\"area.html\">"
                + "<img src=\"pic.png\"><a name=\"no-href\">n</a><a href=\"real.html\">r</a>";
        assertEquals(List.of("http://127.0.0.1:8080/docs/guide/real.html"), links(html));
    }

    @Test
    void fragmentOnlyLinksAreSkippedAndFragmentsAreDropped() {
        String html = "<a href=\"#notes\">notes</a><a href=\"#\">top</a><a href=\"other.html#part-2\">other</a>"
                + "<a href=\"/abs.html?q=1#frag\">abs</a>";
        assertEquals(List.of("http://127.0.0.1:8080/docs/guide/other.html", "http://127.0.0.1:8080/abs.html?q=1"), links(html));
    }

    @Test
    void mailJavascriptAndOtherSchemesAreSkipped() {
        String html = "<a href=\"mailto:teacher@example.org\">m</a><a href=\"MAILTO:x@example.org\">M</a>"
                + "<a href=\"javascript:void(0)\">j</a><a href='javascript:alert(1)'>j</a><a href=\"ftp://127.0.0.1/f\">f</a>"
                + "<a href=\"tel:+4912345\">t</a><a href=\"data:text/html,hi\">d</a><a href=\"kept.html\">k</a>";
        assertEquals(List.of("http://127.0.0.1:8080/docs/guide/kept.html"), links(html));
    }

    @Test
    void aLinkThatAppearsTwiceIsListedOnce() {
        String html = "<a href=\"a.html\">1</a><a href=\"./a.html\">2</a><a href=\"/docs/guide/a.html\">3</a>"
                + "<a href=\"a.html#x\">4</a><a href=\"http://127.0.0.1:8080/docs/guide/a.html\">5</a><a href=\"b.html\">6</a>";
        assertEquals(List.of("http://127.0.0.1:8080/docs/guide/a.html", "http://127.0.0.1:8080/docs/guide/b.html"), links(html));
    }

    @Test
    void malformedHrefsAreIgnoredWithoutAnException() {
        String html = "<a href=\"http://[broken\">1</a><a href=\"%zz\">2</a><a href=\"a|b{c}.html\">3</a>"
                + "<a href=\"\">empty</a><a href=\"   \">blank</a><a href=>none</a><a href=\"http://\">4</a>"
                + "<a href=\"ok.html\">ok</a><a href=\"unterminated.html>x</a>";
        assertEquals(List.of("http://127.0.0.1:8080/docs/guide/ok.html"), links(html));
    }

    @Test
    void spacesAreEscapedAndEscapesAreKeptAsWritten() {
        // An escaped & or / in a link means something else than the bare character: a crawler must keep it.
        String html = "<a href=\" my page.html \">space</a><a href=\"search?q=a%26b&n=1\">query</a>"
                + "<a href=\"files/a%2Fb.html\">slash</a>";
        String base = "http://127.0.0.1:8080/docs/guide/";
        assertEquals(List.of(base + "my%20page.html", base + "search?q=a%26b&n=1", base + "files/a%2Fb.html"), links(html));
    }

    @Test
    void aPageWithoutLinksHasNone() {
        assertEquals(List.of(), links(""));
        assertEquals(List.of(), links("<html><body><p>no links here, not even <a>an anchor</a></p></body></html>"));
    }

    @Test
    void theDemoSitesPagesGiveTheirChildrenAndTheIndex() {
        URI index = URI.create("http://127.0.0.1:1234/index.html");
        assertEquals(List.of("http://127.0.0.1:1234/sockets.html", "http://127.0.0.1:1234/framing.html",
                "http://127.0.0.1:1234/index.html"), LinkParser.firstLinks(DemoSite.page(0), index, 3));
        int last = DemoSite.TOPICS.size() - 1;
        assertEquals(List.of("http://127.0.0.1:1234/index.html"), LinkParser.firstLinks(DemoSite.page(last), index, 3));
    }
}
