package clusterlab.life;

import java.util.Locale;

/**
 * Reads the RLE format that Life programs and pattern collections share:
 * <pre>
 * #N Glider                       '#' lines before the header: #N is the name, the rest comments
 * x = 3, y = 3, rule = B3/S23     width, height and (optionally) the rule
 * bob$2bo$3o!                     b dead, o alive, $ end of row, ! end; a number before one repeats it
 * </pre>
 * Cells left out at the end of a row are dead, and so are rows left out at the end. Only Conway's
 * rule is accepted: clusterlab's {@link Rules} know no other.
 */
public final class RleParser {
    private final String[] lines;
    private String name = "";
    private int width;
    private int height;
    private boolean[][] cells;

    private RleParser(String text) {
        this.lines = text.split("\r?\n", -1);
    }

    /** The pattern in {@code text}; the exception's message says on which line and column it went wrong. */
    public static Pattern parse(String text) throws RleException {
        return new RleParser(text).pattern();
    }

    private Pattern pattern() throws RleException {
        int n = 0;
        // Comments and blank lines, then the header.
        while (n < lines.length && (lines[n].isBlank() || lines[n].startsWith("#"))) {
            if (lines[n].startsWith("#N")) {
                name = lines[n].substring(2).trim();
            }
            n++;
        }
        if (n == lines.length) {
            throw new RleException(n, 1, "expected a header such as 'x = 3, y = 3, rule = B3/S23' but the file ended");
        }
        header(n + 1, lines[n]);
        cells = new boolean[height][width];
        body(n + 1);
        return new Pattern(name, cells);
    }

    /** Reads "x = W, y = H" and an optional ", rule = B3/S23". */
    private void header(int lineNumber, String line) throws RleException {
        int start = 0;
        boolean sawX = false;
        boolean sawY = false;
        for (String part : line.split(",", -1)) {
            int partStart = start;
            start += part.length() + 1;
            int column = partStart + leadingSpaces(part) + 1;
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new RleException(lineNumber, column,
                        "expected a header such as 'x = 3, y = 3, rule = B3/S23' but found '" + line.trim() + "'");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            int valueColumn = partStart + eq + 1 + leadingSpaces(part.substring(eq + 1)) + 1;
            switch (key) {
                case "x":
                    width = size("x", value, lineNumber, valueColumn);
                    sawX = true;
                    break;
                case "y":
                    height = size("y", value, lineNumber, valueColumn);
                    sawY = true;
                    break;
                case "rule":
                    String rule = value.toUpperCase(Locale.ROOT);
                    if (!rule.equals("B3/S23") && !rule.equals("23/3")) {
                        throw new RleException(lineNumber, valueColumn,
                                "only Conway's rule B3/S23 is supported, not '" + value + "'");
                    }
                    break;
                default:
                    throw new RleException(lineNumber, column, "unknown header field '" + key + "' (expected x, y or rule)");
            }
        }
        if (!sawX || !sawY) {
            throw new RleException(lineNumber, 1, "the header must give both x (width) and y (height), as in 'x = 3, y = 3'");
        }
    }

    private static int leadingSpaces(String s) {
        return s.length() - s.stripLeading().length();
    }

    private static int size(String key, String value, int line, int column) throws RleException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the position
        }
        throw new RleException(line, column, key + " must be a whole number from 1 to 1000000, not '" + value + "'");
    }

    /** Reads the runs from line {@code first} (0-based index into {@link #lines}) to the '!'. */
    private void body(int first) throws RleException {
        int row = 0;
        int col = 0;
        for (int n = first; n < lines.length; n++) {
            String line = lines[n];
            if (line.startsWith("#")) {
                continue; // a comment among the runs: not in the format's description, but harmless
            }
            int count = 0;
            int countColumn = 0;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                int lineNumber = n + 1;
                int column = i + 1;
                if (Character.isWhitespace(ch)) {
                    continue;
                }
                if (ch >= '0' && ch <= '9') {
                    if (count == 0) {
                        countColumn = column;
                    }
                    count = Math.min(count * 10 + (ch - '0'), 10_000_000);
                    continue;
                }
                int run = count == 0 ? 1 : count;
                if (ch == '!') {
                    if (count != 0) {
                        throw new RleException(lineNumber, countColumn, "a run count must be followed by b, o or $, not '!'");
                    }
                    return;
                } else if (ch == '$') {
                    row += run;
                    col = 0;
                } else if (ch == 'b' || ch == 'o') {
                    if (row >= height) {
                        throw new RleException(lineNumber, column, "the pattern has more rows than the header's y = " + height);
                    }
                    if (col + run > width) {
                        throw new RleException(lineNumber, column, "row " + (row + 1) + " is wider than the header's x = " + width);
                    }
                    if (ch == 'o') {
                        for (int c = col; c < col + run; c++) {
                            cells[row][c] = true;
                        }
                    }
                    col += run;
                } else {
                    throw new RleException(lineNumber, column, "expected b, o, $ or ! but found '" + ch + "'");
                }
                count = 0;
            }
            if (count != 0) {
                throw new RleException(n + 1, countColumn, "a run count must be followed by b, o or $ on the same line");
            }
        }
        // Point just after the last thing written, not at the empty line a final newline leaves.
        int last = lines.length;
        while (last > first + 1 && lines[last - 1].isBlank()) {
            last--;
        }
        throw new RleException(last, lines[last - 1].stripTrailing().length() + 1, "the pattern ends without '!'");
    }
}
