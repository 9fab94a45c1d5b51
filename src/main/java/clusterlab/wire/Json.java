package clusterlab.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and writer.
 *
 * <p>Control messages on the wire are JSON so that packet captures and logs can be read by eye.
 * The JDK has no JSON parser, and the format is small enough to implement by hand. Because the
 * input comes from the network, the parser accepts exactly the RFC grammar and nothing more,
 * and it is bounded: a text longer than {@code maxLength} characters is refused before any
 * parsing, and nesting deeper than {@code maxDepth} levels is refused as soon as it is seen.
 *
 * <p>JSON values map to Java values as follows: object to {@link LinkedHashMap} (key order is
 * kept; a duplicate key is an error), array to {@link ArrayList}, string to {@link String},
 * number to {@link Long} if it has no fraction or exponent and fits in a long, otherwise
 * {@link Double}, true/false to {@link Boolean}, and null to Java {@code null}.
 */
public final class Json {
    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_LENGTH = 1 << 20; // characters of input

    /**
     * Hard cap on nesting, for reading and writing. Both recurse once per level, and at this
     * depth they use a small fraction of a default thread stack, so too-deep input ends in an
     * exception of our own and never in a StackOverflowError.
     */
    private static final int MAX_SUPPORTED_DEPTH = 256;

    private Json() {
    }

    /** Parses a JSON text with the default limits. */
    public static Object parse(String text) throws JsonException {
        return parse(text, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH);
    }

    /**
     * Parses a JSON text.
     *
     * @param maxDepth  how many objects/arrays may be nested inside each other, 0 to 256
     * @param maxLength the longest text, in characters, that is accepted
     */
    public static Object parse(String text, int maxDepth, int maxLength) throws JsonException {
        return parser(text, maxDepth, maxLength).parseDocument();
    }

    /** Decodes strictly as UTF-8, then parses with the default limits. */
    public static Object parse(byte[] utf8) throws JsonException {
        return parse(decodeUtf8(utf8));
    }

    /** Parses a JSON text whose top-level value must be an object. */
    public static Map<String, Object> parseObject(String text) throws JsonException {
        return parser(text, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH).parseObjectDocument();
    }

    /** Decodes strictly as UTF-8, then parses a text whose top-level value must be an object. */
    public static Map<String, Object> parseObject(byte[] utf8) throws JsonException {
        return parseObject(decodeUtf8(utf8));
    }

    private static Parser parser(String text, int maxDepth, int maxLength) throws JsonException {
        if (maxDepth < 0 || maxDepth > MAX_SUPPORTED_DEPTH || maxLength < 0) {
            throw new IllegalArgumentException("need 0 <= maxDepth <= " + MAX_SUPPORTED_DEPTH
                    + " and maxLength >= 0, got " + maxDepth + " and " + maxLength);
        }
        if (text.length() > maxLength) {
            // The position is that of the first character past the limit.
            throw new JsonException("JSON text of " + text.length()
                    + " characters is over the limit of " + maxLength, maxLength);
        }
        return new Parser(text, maxDepth);
    }

    /** Strict UTF-8 (see {@link Utf8}): bad bytes are an error with their offset, never U+FFFD. */
    private static String decodeUtf8(byte[] utf8) throws JsonException {
        try {
            return Utf8.decode(utf8);
        } catch (Utf8.InvalidUtf8Exception e) {
            throw new JsonException(e.getMessage(), e.offset());
        }
    }

    /**
     * A recursive-descent parser: one method per rule of the JSON grammar. Each method starts
     * with {@code pos} on the first character of its rule and leaves it just past the end.
     */
    private static final class Parser {
        private final String text;
        private final int maxDepth;
        private int pos;   // index of the next character to read
        private int depth; // objects and arrays currently open

        Parser(String text, int maxDepth) {
            this.text = text;
            this.maxDepth = maxDepth;
        }

        Object parseDocument() throws JsonException {
            Object value = parseValue();
            expectEnd();
            return value;
        }

        Map<String, Object> parseObjectDocument() throws JsonException {
            skipWhitespace();
            if (peek() != '{') {
                throw expected("'{' to start a top-level object");
            }
            Map<String, Object> object = parseObject();
            expectEnd();
            return object;
        }

        private void expectEnd() throws JsonException {
            skipWhitespace();
            if (pos < text.length()) {
                throw expected("end of input after the top-level value");
            }
        }

        /** A value with the whitespace around it. */
        private Object parseValue() throws JsonException {
            skipWhitespace();
            Object value = switch (peek()) {
                case '{' -> parseObject();
                case '[' -> parseArray();
                case '"' -> parseString();
                case 't' -> parseLiteral("true", Boolean.TRUE);
                case 'f' -> parseLiteral("false", Boolean.FALSE);
                case 'n' -> parseLiteral("null", null);
                case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> parseNumber();
                default -> throw expected("a value");
            };
            skipWhitespace();
            return value;
        }

        private Map<String, Object> parseObject() throws JsonException {
            enterContainer(); // the '{'
            Map<String, Object> object = new LinkedHashMap<>();
            skipWhitespace();
            if (!consume('}')) {
                do {
                    parseMember(object);
                } while (consume(','));
                if (!consume('}')) {
                    throw expected("',' or '}' after object member");
                }
            }
            depth--;
            return object;
        }

        /** One "key": value pair of an object, added to it. */
        private void parseMember(Map<String, Object> object) throws JsonException {
            skipWhitespace();
            if (peek() != '"') {
                throw expected("'\"' to start an object key");
            }
            int keyStart = pos;
            String key = parseString();
            if (object.containsKey(key)) {
                throw errorAt(keyStart, "duplicate object key " + write(key));
            }
            skipWhitespace();
            if (!consume(':')) {
                throw expected("':' after object key");
            }
            object.put(key, parseValue());
        }

        private List<Object> parseArray() throws JsonException {
            enterContainer(); // the '['
            List<Object> array = new ArrayList<>();
            skipWhitespace();
            if (!consume(']')) {
                do {
                    array.add(parseValue());
                } while (consume(','));
                if (!consume(']')) {
                    throw expected("',' or ']' after array element");
                }
            }
            depth--;
            return array;
        }

        /** Steps over an opening '{' or '[', but first checks that one more level is allowed. */
        private void enterContainer() throws JsonException {
            if (++depth > maxDepth) {
                throw new JsonException("JSON nested deeper than " + maxDepth + " levels at "
                        + location(pos), pos);
            }
            pos++;
        }

        private String parseString() throws JsonException {
            int start = pos++; // the opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw errorAt(start, "unterminated string");
                }
                if (text.charAt(pos) == '"') {
                    pos++;
                    return out.toString();
                }
                // A Java char is a UTF-16 unit, so a character beyond U+FFFF is a surrogate pair,
                // written raw or as two unicode escapes. The two halves must come together.
                int unitStart = pos;
                char c = parseStringUnit();
                if (Character.isHighSurrogate(c)) {
                    char low = pos < text.length() ? parseStringUnit() : 0;
                    if (!Character.isLowSurrogate(low)) {
                        throw errorAt(unitStart, "unpaired surrogate " + codePoint(c));
                    }
                    out.append(c).append(low);
                } else if (Character.isLowSurrogate(c)) {
                    throw errorAt(unitStart, "unpaired surrogate " + codePoint(c));
                } else {
                    out.append(c);
                }
            }
        }

        /** One UTF-16 unit of string content: a raw character or an escape sequence. */
        private char parseStringUnit() throws JsonException {
            char c = text.charAt(pos);
            if (c < 0x20) {
                throw errorAt(pos, "control character " + codePoint(c)
                        + " must be escaped in a string");
            }
            pos++;
            if (c != '\\') {
                return c;
            }
            int letterPos = pos++;
            return switch (charAt(letterPos)) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '/' -> '/';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> parseHexDigits();
                default -> throw expectedAt(letterPos, "one of \"\\/bfnrtu after '\\' in a string");
            };
        }

        /** The four hex digits of a unicode escape, as one UTF-16 unit. */
        private char parseHexDigits() throws JsonException {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int digit = hexValue(peek());
                if (digit < 0) {
                    throw expected("4 hex digits after \\u");
                }
                value = value * 16 + digit;
                pos++;
            }
            return (char) value;
        }

        private Object parseNumber() throws JsonException {
            int start = pos;
            consume('-');
            if (consume('0')) {
                if (isDigit(peek())) {
                    throw errorAt(start, "numbers must not have leading zeros");
                }
            } else {
                parseDigits("a digit after '-'"); // fails only for a '-' with no digit after it
            }
            boolean integral = true;
            if (consume('.')) {
                parseDigits("a digit after '.'");
                integral = false;
            }
            if (consume('e') || consume('E')) {
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                parseDigits("a digit in the exponent");
                integral = false;
            }
            String number = text.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(number);
                } catch (NumberFormatException tooBigForLong) {
                    // fall through: the grammar is already checked, so only the range was wrong
                }
            }
            double value = Double.parseDouble(number);
            if (Double.isInfinite(value)) {
                throw errorAt(start, "number is too large for a double");
            }
            return value;
        }

        /** One or more ASCII digits. */
        private void parseDigits(String what) throws JsonException {
            if (!isDigit(peek())) {
                throw expected(what);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }

        private Object parseLiteral(String word, Object value) throws JsonException {
            for (int i = 0; i < word.length(); i++, pos++) {
                if (peek() != word.charAt(i)) {
                    throw expected("'" + word.charAt(i) + "' to complete " + word);
                }
            }
            return value;
        }

        /** JSON whitespace is only these four characters. */
        private void skipWhitespace() {
            while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') {
                pos++;
            }
        }

        /** Steps over {@code c} if it is the next character, and says whether it was. */
        private boolean consume(char c) {
            if (peek() != c) {
                return false;
            }
            pos++;
            return true;
        }

        /** The character at {@code pos}, or -1 at the end of the text. */
        private int peek() {
            return charAt(pos);
        }

        private int charAt(int at) {
            return at < text.length() ? text.charAt(at) : -1;
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        /** ASCII only: on its own, Character.digit also accepts digits from other scripts. */
        private static int hexValue(int c) {
            return c < 0x80 ? Character.digit(c, 16) : -1;
        }

        private JsonException expected(String what) {
            return expectedAt(pos, what);
        }

        private JsonException expectedAt(int at, String what) {
            return errorAt(at, "expected " + what + ", found " + describe(at));
        }

        private JsonException errorAt(int at, String problem) {
            return new JsonException("invalid JSON at " + location(at) + ": " + problem, at);
        }

        /** "line L, column C", both 1-based; only computed when there is an error to report. */
        private String location(int at) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return "line " + line + ", column " + (at - lineStart + 1);
        }

        /** The character at {@code at} for an error message, kept printable and on one line. */
        private String describe(int at) {
            if (at >= text.length()) {
                return "end of input";
            }
            int c = text.codePointAt(at);
            return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : codePoint(c);
        }

        private static String codePoint(int c) {
            return String.format("U+%04X", c);
        }
    }

    /**
     * Writes a value as compact JSON (no whitespace). Accepts Map with String keys, Collection,
     * Object[], int[], long[], double[], String, Character, Boolean, null, and the numbers Byte,
     * Short, Integer, Long, Float, Double, BigInteger and BigDecimal.
     *
     * @throws IllegalArgumentException for any other type, a NaN or infinite number, a string
     *         with an unpaired surrogate, or nesting deeper than 256 levels (a value that
     *         contains itself would otherwise recurse forever)
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(value, out, 0);
        return out.toString();
    }

    /** {@link #write(Object)} encoded as UTF-8. */
    public static byte[] writeUtf8(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** @param depth how many arrays and objects enclose this value */
    private static void writeValue(Object value, StringBuilder out, int depth) {
        if (value == null || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Character c) {
            writeString(c.toString(), out);
        } else if (value instanceof Number n) {
            writeNumber(n, out);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, out, depth + 1);
        } else if (value instanceof Collection<?> c) {
            writeArray(c, out, depth + 1);
        } else if (value instanceof Object[] a) {
            writeArray(Arrays.asList(a), out, depth + 1);
        } else if (value instanceof int[] a) {
            writeArray(Arrays.stream(a).boxed().toList(), out, depth + 1);
        } else if (value instanceof long[] a) {
            writeArray(Arrays.stream(a).boxed().toList(), out, depth + 1);
        } else if (value instanceof double[] a) {
            writeArray(Arrays.stream(a).boxed().toList(), out, depth + 1);
        } else {
            throw new IllegalArgumentException("cannot write " + typeName(value) + " as JSON");
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out, int depth) {
        checkWriteDepth(depth);
        out.append('{');
        String separator = "";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(
                        "JSON object keys must be Strings, found " + typeName(entry.getKey()));
            }
            out.append(separator);
            writeString(key, out);
            out.append(':');
            writeValue(entry.getValue(), out, depth);
            separator = ",";
        }
        out.append('}');
    }

    private static void writeArray(Iterable<?> items, StringBuilder out, int depth) {
        checkWriteDepth(depth);
        out.append('[');
        String separator = "";
        for (Object item : items) {
            out.append(separator);
            writeValue(item, out, depth);
            separator = ",";
        }
        out.append(']');
    }

    private static void checkWriteDepth(int depth) {
        if (depth > MAX_SUPPORTED_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_SUPPORTED_DEPTH
                    + " levels; does it contain itself?");
        }
    }

    private static void writeNumber(Number n, StringBuilder out) {
        if (n instanceof Double || n instanceof Float) {
            if (!Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException(
                        "cannot write " + typeName(n) + " " + n + " as JSON: not a finite number");
            }
            // Double.toString and Float.toString give digits that read back as the same value.
            out.append(n);
        } else if (n instanceof Long || n instanceof Integer || n instanceof Short
                || n instanceof Byte || n instanceof BigInteger || n instanceof BigDecimal) {
            out.append(n);
        } else {
            // Other Number classes (AtomicLong, user-defined ones) have no reliable text form.
            throw new IllegalArgumentException("cannot write " + typeName(n) + " as JSON");
        }
    }

    /** Escapes what JSON requires; everything else, including non-ASCII, is written as is. */
    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // Not valid Unicode: UTF-8 cannot encode it and parse() would refuse it.
                        throw new IllegalArgumentException(String.format("cannot write a string"
                                + " with an unpaired surrogate U+%04X at index %d", (int) c, i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getTypeName();
    }
}
