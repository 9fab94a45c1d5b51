package clusterlab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    // ---- value mapping and round trips -------------------------------------------------

    @Test
    void parsesEachKindOfValueToItsJavaType() throws JsonException {
        Map<String, Object> m = Json.parseObject("{\"o\":{},\"a\":[],\"s\":\"x\",\"i\":7,"
                + "\"d\":7.5,\"t\":true,\"f\":false,\"n\":null}");
        assertInstanceOf(LinkedHashMap.class, m);
        assertInstanceOf(LinkedHashMap.class, m.get("o"));
        assertInstanceOf(ArrayList.class, m.get("a"));
        assertEquals("x", m.get("s"));
        assertEquals(7L, m.get("i"));
        assertEquals(7.5, m.get("d"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(Boolean.FALSE, m.get("f"));
        assertTrue(m.containsKey("n"));
        assertNull(m.get("n"));
    }

    @Test
    void keepsKeyOrder() throws JsonException {
        Map<String, Object> m = Json.parseObject("{\"zebra\":1,\"apple\":2,\"mango\":3}");
        assertEquals(List.of("zebra", "apple", "mango"), new ArrayList<>(m.keySet()));
        assertEquals("{\"zebra\":1,\"apple\":2,\"mango\":3}", Json.write(m));
    }

    @Test
    void writesCompactlyAndReadsBackNestedStructures() throws JsonException {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("ports", List.of(80L, 443L));
        inner.put("weights", List.of(0.5, -1.25e-7));
        inner.put("empty", Map.of());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "node-1");
        doc.put("up", true);
        doc.put("none", null);
        doc.put("inner", inner);
        doc.put("matrix", List.of(List.of(1L, 2L), List.of(), List.of(List.of("deep"))));

        String text = Json.write(doc);
        assertEquals("{\"name\":\"node-1\",\"up\":true,\"none\":null,"
                + "\"inner\":{\"ports\":[80,443],\"weights\":[0.5,-1.25E-7],\"empty\":{}},"
                + "\"matrix\":[[1,2],[],[[\"deep\"]]]}", text);
        assertEquals(doc, Json.parse(text));
        assertEquals(doc, Json.parse(Json.writeUtf8(doc)));
    }

    @Test
    void acceptsWhitespaceBetweenAllTokens() throws JsonException {
        Object value = Json.parse(" \t\r\n{ \"a\" : [ 1 , true , null ] , \"b\" : { } }\n ");
        assertEquals(Map.of("a", Arrays.asList(1L, true, null), "b", Map.of()), value);
    }

    @Test
    void randomValuesSurviveWriteThenParse() throws JsonException {
        Random random = new Random(20240611);
        for (int i = 0; i < 500; i++) {
            Object value = randomValue(random, 0);
            assertEquals(value, Json.parse(Json.write(value)), () -> "for " + Json.write(value));
            assertEquals(value, Json.parse(Json.writeUtf8(value)));
        }
    }

    /** Values of the types parse() returns, so that a round trip must give an equal value. */
    private static Object randomValue(Random random, int depth) {
        int[] codePoints = {'"', '\\', '/', '\n', 0, 0x1f, 'a', 0x7f, 0xe9, 0x2028, 0xffff,
            0x1f600, 0x10ffff};
        return switch (random.nextInt(depth < 4 ? 6 : 4)) {
            case 0 -> random.nextBoolean() ? null : random.nextBoolean();
            case 1 -> random.nextLong() >> random.nextInt(64);
            case 2 -> {
                double d = Double.longBitsToDouble(random.nextLong()); // any bit pattern
                yield Double.isFinite(d) ? d : random.nextGaussian();
            }
            case 3 -> {
                StringBuilder s = new StringBuilder();
                for (int n = random.nextInt(8); n > 0; n--) {
                    s.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
                }
                yield s.toString();
            }
            case 4 -> {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    map.put("k" + random.nextInt(10), randomValue(random, depth + 1));
                }
                yield map;
            }
        };
    }

    // ---- strings -----------------------------------------------------------------------

    @Test
    void decodesEveryEscape() throws JsonException {
        assertEquals("\" \\ / \b \f \n \r \t A \u00e9 \u0000 \uffff",
                Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t "
                        + "\\u0041 \\u00E9 \\u0000 \\uFfFf\""));
    }

    @Test
    void writesTheShortEscapesAndUnicodeEscapesForOtherControlCharacters() {
        assertEquals("\"\\\" \\\\ / \\b \\f \\n \\r \\t \\u0000 \\u001f \u007f\"",
                Json.write("\" \\ / \b \f \n \r \t \u0000 \u001f \u007f"));
    }

    @Test
    void writesNonAsciiAsIs() {
        String text = "caf\u00e9 \u2028 \ud83d\ude00";
        assertEquals("\"" + text + "\"", Json.write(text));
        assertArrayEquals(("\"" + text + "\"").getBytes(StandardCharsets.UTF_8),
                Json.writeUtf8(text));
    }

    @Test
    void everyControlCharacterRoundTrips() throws JsonException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        String text = Json.write(all.toString());
        assertTrue(text.chars().allMatch(c -> c >= 0x20), text);
        assertEquals(all.toString(), Json.parse(text));
    }

    @Test
    void decodesSurrogatePairEscapesInEitherCase() throws JsonException {
        assertEquals("\ud83d\ude00", Json.parse("\"\\uD83D\\uDE00\""));
        assertEquals("x\ud83d\ude00y", Json.parse("\"x\\ud83d\\ude00y\""));
        assertEquals("\udbff\udfff", Json.parse("\"\\uDBFF\\uDFFF\"")); // U+10FFFF, the last one
    }

    @Test
    void readsRawCharactersBeyondTheBasicPlane() throws JsonException {
        assertEquals("\ud83d\ude00", Json.parse("\"\ud83d\ude00\""));
    }

    @Test
    void writeRefusesAnUnpairedSurrogate() {
        assertEquals("cannot write a string with an unpaired surrogate U+D83D at index 2",
                writeError("ab\ud83d"));
        assertThrows(IllegalArgumentException.class, () -> Json.write("\ude00\ud83d"));
        assertThrows(IllegalArgumentException.class, () -> Json.write('\ud800'));
    }

    @Test
    void writesCharacterAsAString() {
        assertEquals("\"x\"", Json.write('x'));
        assertEquals("\"\\n\"", Json.write('\n'));
    }

    // ---- numbers -----------------------------------------------------------------------

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("0", 0L),
                Arguments.of("-0", 0L), // no fraction or exponent, so a Long; a long has no -0
                Arguments.of("-0.0", -0.0),
                Arguments.of("0e0", 0.0),
                Arguments.of("42", 42L),
                Arguments.of("-42", -42L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808", Long.MIN_VALUE),
                Arguments.of("9223372036854775808", 9.223372036854775808e18),
                Arguments.of("-9223372036854775809", -9.223372036854775809e18),
                Arguments.of("123456789012345678901234567890", 1.2345678901234568e29),
                Arguments.of("1.0", 1.0),
                Arguments.of("1.5", 1.5),
                Arguments.of("-0.001", -0.001),
                Arguments.of("1e2", 100.0),
                Arguments.of("1E2", 100.0),
                Arguments.of("1e+2", 100.0),
                Arguments.of("25e-1", 2.5),
                Arguments.of("1e308", 1e308),
                Arguments.of("1.7976931348623157e308", Double.MAX_VALUE),
                Arguments.of("4.9e-324", Double.MIN_VALUE),
                Arguments.of("1e-400", 0.0));
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void parsesNumbersToLongOrDouble(String text, Object expected) throws JsonException {
        // assertEquals uses Double.equals, which tells -0.0 from 0.0 and Long from Double.
        assertEquals(expected, Json.parse(text));
        assertEquals(List.of(expected), Json.parse("[" + text + "]"));
    }

    @Test
    void refusesNumbersTooLargeForADouble() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[1e309]"));
        assertEquals("invalid JSON at line 1, column 2: number is too large for a double",
                e.getMessage());
        assertEquals(1, e.position());
        assertThrows(JsonException.class, () -> Json.parse("-" + "9".repeat(400)));
    }

    @Test
    void writesNumbersSoTheyReadBackTheSame() throws JsonException {
        assertEquals("[5,-7,3,4,5.0,-0.0,0.1,1.0E308,4.9E-324,-9223372036854775808]",
                Json.write(new Object[] {5L, -7, (short) 3, (byte) 4, 5.0, -0.0, 0.1, 1e308,
                    Double.MIN_VALUE, Long.MIN_VALUE}));
        for (double d : new double[] {-0.0, 0.1, 1.0 / 3, Math.PI, 1e308, Double.MAX_VALUE,
            Double.MIN_VALUE, Double.MIN_NORMAL, 123456789.125, -2.5e-300}) {
            assertEquals(d, Json.parse(Json.write(d)));
        }
        assertEquals("0.1", Json.write(0.1f)); // the float's own shortest digits
        assertEquals("123456789012345678901", Json.write(new BigInteger("123456789012345678901")));
        assertEquals("1.50", Json.write(new BigDecimal("1.50")));
    }

    // ---- malformed input ---------------------------------------------------------------

    static Stream<Arguments> malformed() {
        return Stream.of(
                // input, position, message after "invalid JSON at "
                Arguments.of("", 0, "line 1, column 1: expected a value, found end of input"),
                Arguments.of("  \n ", 4, "line 2, column 2: expected a value, found end of input"),
                Arguments.of("{\"a\":\"hello", 5, "line 1, column 6: unterminated string"),
                Arguments.of("[\"abc\\", 6,
                        "line 1, column 7: expected one of \"\\/bfnrtu after '\\' in a string, "
                        + "found end of input"),
                Arguments.of("[1,2,]", 5, "line 1, column 6: expected a value, found ']'"),
                Arguments.of("{\"a\":1,}", 7,
                        "line 1, column 8: expected '\"' to start an object key, found '}'"),
                Arguments.of("{\"abc\"}", 6,
                        "line 1, column 7: expected ':' after object key, found '}'"),
                Arguments.of("{\n  \"a\" 1\n}", 8,
                        "line 2, column 7: expected ':' after object key, found '1'"),
                Arguments.of("{a:1}", 1,
                        "line 1, column 2: expected '\"' to start an object key, found 'a'"),
                Arguments.of("{\"a\":1 \"b\":2}", 7,
                        "line 1, column 8: expected ',' or '}' after object member, found '\"'"),
                Arguments.of("[1 2]", 3,
                        "line 1, column 4: expected ',' or ']' after array element, found '2'"),
                Arguments.of("[1}", 2,
                        "line 1, column 3: expected ',' or ']' after array element, found '}'"),
                Arguments.of("{\"a\":1]", 6,
                        "line 1, column 7: expected ',' or '}' after object member, found ']'"),
                Arguments.of("[", 1, "line 1, column 2: expected a value, found end of input"),
                Arguments.of("]", 0, "line 1, column 1: expected a value, found ']'"),
                Arguments.of("{\"a\":1} x", 8,
                        "line 1, column 9: expected end of input after the top-level value, "
                        + "found 'x'"),
                Arguments.of("[1][2]", 3,
                        "line 1, column 4: expected end of input after the top-level value, "
                        + "found '['"),
                Arguments.of("{\"a\":1,\"b\":2,\"a\":3}", 13,
                        "line 1, column 14: duplicate object key \"a\""),
                Arguments.of("\"a\nb\"", 2,
                        "line 1, column 3: control character U+000A must be escaped in a string"),
                Arguments.of("\"a\tb\"", 2,
                        "line 1, column 3: control character U+0009 must be escaped in a string"),
                Arguments.of("\"\u0000\"", 1,
                        "line 1, column 2: control character U+0000 must be escaped in a string"),
                Arguments.of("\"\\x\"", 2,
                        "line 1, column 3: expected one of \"\\/bfnrtu after '\\' in a string, "
                        + "found 'x'"),
                Arguments.of("\"\\u12G4\"", 5,
                        "line 1, column 6: expected 4 hex digits after \\u, found 'G'"),
                Arguments.of("\"\\u\uff10\uff10\uff10\uff10\"", 3,
                        "line 1, column 4: expected 4 hex digits after \\u, found U+FF10"),
                // surrogates: the position is that of the half that has no partner
                Arguments.of("\"\\uD800\"", 1, "line 1, column 2: unpaired surrogate U+D800"),
                Arguments.of("\"ab\\uDC00\"", 3, "line 1, column 4: unpaired surrogate U+DC00"),
                Arguments.of("\"\\uD83D\\u0041\"", 1,
                        "line 1, column 2: unpaired surrogate U+D83D"),
                Arguments.of("\"\\uD83Dx\"", 1, "line 1, column 2: unpaired surrogate U+D83D"),
                Arguments.of("\"\\uDE00\\uD83D\"", 1,
                        "line 1, column 2: unpaired surrogate U+DE00"),
                Arguments.of("\"\\uD83D\\uD83D\"", 1,
                        "line 1, column 2: unpaired surrogate U+D83D"),
                Arguments.of("\"x\ud800\"", 2, "line 1, column 3: unpaired surrogate U+D800"),
                // numbers
                Arguments.of("01", 0, "line 1, column 1: numbers must not have leading zeros"),
                Arguments.of("[-012]", 1, "line 1, column 2: numbers must not have leading zeros"),
                Arguments.of("00", 0, "line 1, column 1: numbers must not have leading zeros"),
                Arguments.of("+1", 0, "line 1, column 1: expected a value, found '+'"),
                Arguments.of(".5", 0, "line 1, column 1: expected a value, found '.'"),
                Arguments.of("1.", 2,
                        "line 1, column 3: expected a digit after '.', found end of input"),
                Arguments.of("1.e3", 2, "line 1, column 3: expected a digit after '.', found 'e'"),
                Arguments.of("1e", 2,
                        "line 1, column 3: expected a digit in the exponent, found end of input"),
                Arguments.of("[1e+]", 4,
                        "line 1, column 5: expected a digit in the exponent, found ']'"),
                Arguments.of("-", 1,
                        "line 1, column 2: expected a digit after '-', found end of input"),
                Arguments.of("- 1", 1, "line 1, column 2: expected a digit after '-', found ' '"),
                Arguments.of("NaN", 0, "line 1, column 1: expected a value, found 'N'"),
                Arguments.of("Infinity", 0, "line 1, column 1: expected a value, found 'I'"),
                Arguments.of("-Infinity", 1,
                        "line 1, column 2: expected a digit after '-', found 'I'"),
                Arguments.of("0x1F", 1,
                        "line 1, column 2: expected end of input after the top-level value, "
                        + "found 'x'"),
                Arguments.of("1_000", 1,
                        "line 1, column 2: expected end of input after the top-level value, "
                        + "found '_'"),
                Arguments.of("\u0661", 0, "line 1, column 1: expected a value, found U+0661"),
                // literals
                Arguments.of("tru", 3,
                        "line 1, column 4: expected 'e' to complete true, found end of input"),
                Arguments.of("[nul]", 4,
                        "line 1, column 5: expected 'l' to complete null, found ']'"),
                Arguments.of("fals3", 4,
                        "line 1, column 5: expected 'e' to complete false, found '3'"),
                Arguments.of("True", 0, "line 1, column 1: expected a value, found 'T'"),
                Arguments.of("truex", 4,
                        "line 1, column 5: expected end of input after the top-level value, "
                        + "found 'x'"),
                Arguments.of("'a'", 0, "line 1, column 1: expected a value, found '''"),
                // whitespace beyond the four JSON ones
                Arguments.of("\u00a01", 0, "line 1, column 1: expected a value, found U+00A0"),
                Arguments.of("\f1", 0, "line 1, column 1: expected a value, found U+000C"),
                Arguments.of("\ufeff{}", 0, "line 1, column 1: expected a value, found U+FEFF"),
                Arguments.of("[1]\u0000", 3,
                        "line 1, column 4: expected end of input after the top-level value, "
                        + "found U+0000"),
                Arguments.of("// c\n1", 0, "line 1, column 1: expected a value, found '/'"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void reportsWhereAndWhatIsWrong(String input, int position, String where) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(input));
        assertEquals("invalid JSON at " + where, e.getMessage());
        assertEquals(position, e.position());
        // As UTF-8 bytes the text fails the same way; a lone surrogate has no UTF-8 form.
        if (!input.contains("\ud800")) {
            JsonException fromBytes = assertThrows(JsonException.class,
                    () -> Json.parse(input.getBytes(StandardCharsets.UTF_8)));
            assertEquals(e.getMessage(), fromBytes.getMessage());
        }
    }

    @Test
    void errorMessagesStayOnOneLine() {
        JsonException e = assertThrows(JsonException.class,
                () -> Json.parse("{\"a\\nb\":1,\"a\\nb\":2}"));
        assertEquals("invalid JSON at line 1, column 11: duplicate object key \"a\\nb\"",
                e.getMessage());
        assertEquals(10, e.position());
    }

    // ---- limits ------------------------------------------------------------------------

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[".repeat(100_000)));
        assertEquals("JSON nested deeper than 64 levels at line 1, column 65", e.getMessage());
        assertEquals(64, e.position());

        JsonException objects = assertThrows(JsonException.class,
                () -> Json.parse("{\"a\":".repeat(100_000)));
        assertEquals("JSON nested deeper than 64 levels at line 1, column 321",
                objects.getMessage());
    }

    @Test
    void nestingUpToTheLimitIsAccepted() throws JsonException {
        Json.parse("[".repeat(64) + "]".repeat(64));
        assertThrows(JsonException.class, () -> Json.parse("[".repeat(65) + "]".repeat(65)));

        // Arrays and objects both count, and closing a container frees its level again.
        assertEquals(List.of(List.of(), List.of()), Json.parse("[[],[]]", 2, 100));
        assertEquals(List.of(Map.of(), Map.of()), Json.parse("[{},{}]", 2, 100));
        assertThrows(JsonException.class, () -> Json.parse("[{\"a\":[]}]", 2, 100));
        assertEquals(5L, Json.parse("5", 0, 100));
        assertThrows(JsonException.class, () -> Json.parse("[]", 0, 100));
    }

    @Test
    void theLargestAllowedDepthParsesAndWrites() throws JsonException {
        String deep = "[".repeat(256) + "]".repeat(256);
        assertEquals(deep, Json.write(Json.parse(deep, 256, 1000)));
        String deepObjects = "{\"a\":".repeat(256) + "1" + "}".repeat(256);
        assertEquals(deepObjects, Json.write(Json.parse(deepObjects, 256, 2000)));
        assertThrows(JsonException.class, () -> Json.parse("[" + deep + "]", 256, 1000));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[]", 257, 100));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[]", -1, 100));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[]", 64, -1));
    }

    @Test
    void writeRefusesAValueThatContainsItself() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertEquals("value nested deeper than 256 levels; does it contain itself?",
                writeError(loop));
    }

    @Test
    void refusesTextOverTheLengthLimitBeforeParsing() throws JsonException {
        // Not even valid JSON: the limit is checked before the first character is read.
        JsonException e = assertThrows(JsonException.class,
                () -> Json.parse("x".repeat(2_000_000)));
        assertEquals("JSON text of 2000000 characters is over the limit of 1048576",
                e.getMessage());
        assertEquals(Json.DEFAULT_MAX_LENGTH, e.position());

        assertEquals(List.of(1L), Json.parse("[1]", 64, 3));
        JsonException e2 = assertThrows(JsonException.class, () -> Json.parse("[1] ", 64, 3));
        assertEquals("JSON text of 4 characters is over the limit of 3", e2.getMessage());
    }

    @Test
    void lengthLimitCountsCharactersNotBytes() throws JsonException {
        String text = "\"" + "\u00e9".repeat(Json.DEFAULT_MAX_LENGTH - 2) + "\"";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8); // about twice the limit
        assertEquals(Json.DEFAULT_MAX_LENGTH - 2, ((String) Json.parse(bytes)).length());
    }

    // ---- UTF-8 -------------------------------------------------------------------------

    @Test
    void decodesMultiByteUtf8() throws JsonException {
        byte[] bytes = "{\"k\":\"caf\u00e9 \u20ac \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("k", "caf\u00e9 \u20ac \ud83d\ude00"), Json.parseObject(bytes));
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of(bytes('[', '"', 'a', 0xff, '"', ']'), 3),  // 0xFF never occurs
                Arguments.of(bytes('"', 0x80, '"'), 1),                  // stray continuation byte
                Arguments.of(bytes('"', 'a', 0xe2, 0x82, '"'), 2),       // cut-off 3-byte sequence
                Arguments.of(bytes('"', 'a', 'b', 0xe2, 0x82), 3),       // cut off by the end
                Arguments.of(bytes('"', 0xc0, 0xaf, '"'), 1),            // overlong '/'
                Arguments.of(bytes('"', 'x', 0xed, 0xa0, 0x80, '"'), 2), // encoded U+D800
                Arguments.of(bytes('"', 0xf4, 0x90, 0x80, 0x80, '"'), 1)); // beyond U+10FFFF
    }

    @ParameterizedTest
    @MethodSource("invalidUtf8")
    void reportsTheByteOffsetOfInvalidUtf8(byte[] input, int offset) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(input));
        assertEquals("invalid UTF-8 at byte " + offset, e.getMessage());
        assertEquals(offset, e.position());
        assertThrows(JsonException.class, () -> Json.parseObject(input));
    }

    @Test
    void positionsAfterDecodingCountCharactersNotBytes() {
        // '\u00e9' takes two bytes but one character; the bad ']' is byte 6 and character 5.
        byte[] bytes = "[\"\u00e9\",]".getBytes(StandardCharsets.UTF_8);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(bytes));
        assertEquals("invalid JSON at line 1, column 6: expected a value, found ']'",
                e.getMessage());
        assertEquals(5, e.position());
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    // ---- parseObject -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "\"s\"", "12", "null", "true"})
    void parseObjectRefusesOtherTopLevelValues(String text) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parseObject("  " + text));
        assertEquals(2, e.position());
        assertTrue(e.getMessage().startsWith("invalid JSON at line 1, column 3: "
                + "expected '{' to start a top-level object, found "), e.getMessage());
    }

    @Test
    void parseObjectStillChecksTheRest() {
        assertThrows(JsonException.class, () -> Json.parseObject("{} {}"));
        assertThrows(JsonException.class, () -> Json.parseObject(""));
        assertThrows(JsonException.class, () -> Json.parseObject("{".repeat(65)));
    }

    // ---- write() of Java types ---------------------------------------------------------

    @Test
    void writesArraysAndCollections() {
        assertEquals("[1,2]", Json.write(new int[] {1, 2}));
        assertEquals("[-9223372036854775808]", Json.write(new long[] {Long.MIN_VALUE}));
        assertEquals("[0.5,-0.0]", Json.write(new double[] {0.5, -0.0}));
        assertEquals("[\"a\",null,true]", Json.write(new Object[] {"a", null, true}));
        assertEquals("[\"b\",\"a\"]", Json.write(new LinkedHashSet<>(List.of("b", "a"))));
        assertEquals("[]", Json.write(new int[0]));
        assertEquals("null", Json.write(null));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void writeRefusesNonFiniteDoubles(double d) {
        assertEquals("cannot write java.lang.Double " + d + " as JSON: not a finite number",
                writeError(d));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(1, d)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new double[] {d}));
        assertThrows(IllegalArgumentException.class, () -> Json.write((float) d));
    }

    @Test
    void writeRefusesTypesItDoesNotKnowAndNamesThem() {
        assertEquals("cannot write java.lang.Object as JSON", writeError(new Object()));
        assertEquals("cannot write java.time.Instant as JSON",
                writeError(Map.of("at", Instant.EPOCH)));
        assertEquals("cannot write byte[] as JSON", writeError(new byte[1]));
        assertEquals("cannot write java.util.concurrent.atomic.AtomicLong as JSON",
                writeError(new AtomicLong()));
    }

    @Test
    void writeRefusesMapKeysThatAreNotStrings() {
        assertEquals("JSON object keys must be Strings, found java.lang.Integer",
                writeError(Map.of(1, "x")));
        Map<String, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, 1);
        assertEquals("JSON object keys must be Strings, found null", writeError(nullKey));
    }

    private static String writeError(Object value) {
        return assertThrows(IllegalArgumentException.class, () -> Json.write(value)).getMessage();
    }
}
