package clusterlab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.wire.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static Report parse(String json) throws BadReportException {
        return Report.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The message for a bad report, which must be one line. */
    private static String refusal(String json) {
        BadReportException e = assertThrows(BadReportException.class, () -> parse(json), json);
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void theArticlesTwoFieldsAreAReport() throws Exception {
        Report r = parse("{\"ip\": \"192.168.4.1\", \"temp\": 51.2}");
        assertEquals("192.168.4.1", r.ip());
        assertEquals(51.2, r.temp());
        assertEquals("", r.host());
        assertTrue(Double.isNaN(r.load1()));
        assertEquals(-1, r.memUsedMiB());
        assertEquals(-1, r.memTotalMiB());
        assertEquals(0.0, parse("{\"ip\": \"10.0.0.1\", \"temp\": 0}").temp(), "the article sends 0.0 when vcgencmd fails");
    }

    @Test
    void ourFieldsAreReadAndUnknownOnesIgnored() throws Exception {
        Report r = parse("{\"ip\":\"10.0.0.2\",\"temp\":63,\"host\":\"pi-4-2\",\"load1\":0.42,\"memUsedMiB\":312,"
                + "\"memTotalMiB\":3794,\"kernel\":\"6.1\"}");
        assertEquals(new Report("10.0.0.2", 63, "pi-4-2", 0.42, 312, 3794), r);
    }

    @Test
    void aReportWritesItselfAsItIsRead() throws Exception {
        Report full = new Report("10.0.0.3", 48.5, "laptop", 1.5, 2000, 16000);
        assertEquals(full, Report.parse(Json.writeUtf8(full.toJson())));
        assertEquals("{\"ip\":\"10.0.0.4\",\"temp\":55.0}", Json.write(Report.of("10.0.0.4", 55).toJson()),
                "unknown values are left out, so it reads like the article's");
    }

    @Test
    void somethingThatIsNotJsonIsRefused() {
        assertTrue(refusal("{\"ip\": ").startsWith("not a JSON object such as {\"ip\": \"192.168.4.1\", \"temp\": 51.2}: invalid JSON"));
        assertTrue(refusal("[1, 2]").contains("expected '{' to start a top-level object"));
        BadReportException e = assertThrows(BadReportException.class, () -> Report.parse(new byte[] {'{', (byte) 0xff, '}'}));
        assertTrue(e.getMessage().contains("invalid UTF-8 at byte 1"), e.getMessage());
    }

    @Test
    void missingFieldsAreNamed() {
        assertEquals("report has no \"ip\"; expected an object such as {\"ip\": \"192.168.4.1\", \"temp\": 51.2}",
                refusal("{\"temp\": 50}"));
        assertEquals("report has no \"temp\"; expected an object such as {\"ip\": \"192.168.4.1\", \"temp\": 51.2}",
                refusal("{\"ip\": \"10.0.0.1\"}"));
    }

    @Test
    void badValuesAreNamedWithWhatWasExpected() {
        assertEquals("report's \"ip\" must be an IPv4 address such as \"192.168.4.1\", not \"pi-4-1\"",
                refusal("{\"ip\": \"pi-4-1\", \"temp\": 50}"));
        assertTrue(refusal("{\"ip\": \"10.0.0.256\", \"temp\": 50}").endsWith("not \"10.0.0.256\""));
        assertTrue(refusal("{\"ip\": 10, \"temp\": 50}").endsWith("not 10"));
        assertEquals("report's \"temp\" must be degrees Celsius from -100 to 200, not \"hot\"",
                refusal("{\"ip\": \"10.0.0.1\", \"temp\": \"hot\"}"));
        assertTrue(refusal("{\"ip\": \"10.0.0.1\", \"temp\": 1e9}").endsWith("not 1.0E9"));
        assertTrue(refusal("{\"ip\": \"10.0.0.1\", \"temp\": 50, \"host\": \"a b\"}").startsWith("report's \"host\" must be"));
        assertTrue(refusal("{\"ip\": \"10.0.0.1\", \"temp\": 50, \"load1\": -1}").startsWith("report's \"load1\" must be"));
        assertTrue(refusal("{\"ip\": \"10.0.0.1\", \"temp\": 50, \"memUsedMiB\": 1.5}").startsWith("report's \"memUsedMiB\" must be"));
    }

    @Test
    void aLongBadValueIsCutShortInTheMessage() {
        String message = refusal("{\"ip\": \"" + "9".repeat(5000) + "\", \"temp\": 50}");
        assertTrue(message.length() < 120, message);
        assertTrue(message.endsWith("...\"") || message.endsWith("..."), message);
    }
}
