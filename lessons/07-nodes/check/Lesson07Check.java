package lesson07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The checker of lesson 07: the proof, the crawler's links, and a static share of jobs. */
@DisplayName("Lesson 07: nodes over the LAN")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson07Check {
    private static final String PAGE = "http://127.0.0.1:8000/docs/index.html";

    @Test
    @DisplayName("(a) Hmac.hex: the test vectors of RFC 4231")
    void hmacVectors() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Hmac.hex("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?"), "RFC 4231 test case 2");
        byte[] twenty = new byte[20];
        java.util.Arrays.fill(twenty, (byte) 0x0b);
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                Hmac.hex(twenty, "Hi There"), "RFC 4231 test case 1");
    }

    @Test
    @DisplayName("(a) Hmac.sameProof: equal, different, different lengths, null")
    void sameProof() {
        String proof = Hmac.hex("k".getBytes(StandardCharsets.UTF_8), "nonce");
        assertTrue(Hmac.sameProof(proof, new String(proof)), "a proof is the same as a copy of itself");
        assertFalse(Hmac.sameProof(proof, proof.substring(0, 63) + (proof.endsWith("0") ? "1" : "0")), "last digit differs");
        assertFalse(Hmac.sameProof(proof, proof.substring(0, 10)), "a prefix is not the proof");
        assertFalse(Hmac.sameProof(proof, null), "null is never a proof");
        assertFalse(Hmac.sameProof(null, null), "null is never a proof");
    }

    @Test
    @DisplayName("(b) Links.first: absolute, in page order, at most n")
    void linksInOrder() {
        String html = "<html><body><a href=\"a.html\">A</a> <A HREF='/top.html'>T</A>"
                + " <a class=x href=http://example.org/x>X</a> <a href=\"b.html\">B</a></body></html>";
        assertEquals(List.of("http://127.0.0.1:8000/docs/a.html", "http://127.0.0.1:8000/top.html", "http://example.org/x"),
                Links.first(html, PAGE, 3));
        assertEquals(List.of("http://127.0.0.1:8000/docs/a.html"), Links.first(html, PAGE, 1));
    }

    @Test
    @DisplayName("(b) Links.first: skips #places, mailto: and javascript:, drops fragments, no duplicates")
    void linksSkipped() {
        String html = "<a href=\"#top\">top</a><a href=\"mailto:t@example.org\">mail</a>"
                + "<a href=\"javascript:void(0)\">js</a><a href=\"c.html#part\">C</a><a href=\"c.html\">C again</a>"
                + "<a name=\"x\">no href</a><a href=\"../up.html\">up</a>";
        assertEquals(List.of("http://127.0.0.1:8000/docs/c.html", "http://127.0.0.1:8000/up.html"), Links.first(html, PAGE, 3));
        assertEquals(List.of(), Links.first("<p>no links here</p>", PAGE, 3));
    }

    @Test
    @DisplayName("(c) Share.split: in proportion to workers, largest remainders first")
    void shareProportional() {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        nodes.put("local", 2);
        nodes.put("10.77.0.1:60000", 4);
        nodes.put("10.77.0.2:60000", 1);
        assertEquals(List.of(4, 8, 2), List.copyOf(Share.split(nodes, 14).values()), "14 jobs on 2+4+1 workers");
        assertEquals(List.of(3, 6, 1), List.copyOf(Share.split(nodes, 10).values()), "10 jobs: remainders 6/7, 5/7, 3/7");
        assertEquals(List.of(0, 1, 0), List.copyOf(Share.split(nodes, 1).values()), "1 job goes to the largest share");
        assertEquals(List.copyOf(nodes.keySet()), List.copyOf(Share.split(nodes, 3).keySet()), "every node, in the map's order");
    }

    @Test
    @DisplayName("(c) Share.split: ties go to the first node; idle nodes get nothing; no workers is an error")
    void shareEdges() {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        nodes.put("a", 1);
        nodes.put("b", 1);
        nodes.put("idle", 0);
        assertEquals(List.of(2, 1, 0), List.copyOf(Share.split(nodes, 3).values()), "3 jobs on 1+1 workers, tie to a");
        assertEquals(List.of(0, 0, 0), List.copyOf(Share.split(nodes, 0).values()), "no jobs");
        assertThrows(IllegalArgumentException.class, () -> Share.split(Map.of("idle", 0), 5));
    }
}
