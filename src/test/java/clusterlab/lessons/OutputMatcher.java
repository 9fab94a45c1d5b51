package clusterlab.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the output a lesson page shows with the output a command printed. The page may mark
 * what varies from run to run: a {@code <name>} such as {@code <pid>} or {@code <port>} stands for
 * any text within a line, and a line that is only {@code ...} stands for any number of lines.
 */
final class OutputMatcher {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z0-9-]*>");
    static final String ANY_LINES = "...";

    private OutputMatcher() {
    }

    /** Whether every expected line matches, in order, with {@code ...} lines absorbing any lines. */
    static boolean matches(List<String> expected, List<String> actual) {
        List<String> lines = strip(actual);
        return matchFrom(compile(expected), 0, lines, 0, true) == lines.size();
    }

    /**
     * Whether the expected lines match the first lines of {@code actual}, more lines may follow:
     * how many lines they cover, or -1 when they do not match.
     */
    static int matchesStart(List<String> expected, List<String> actual) {
        return matchFrom(compile(expected), 0, strip(actual), 0, false);
    }

    /** Where the match of expected[e..] against actual[a..] ends, or -1; "whole" must cover every line. */
    private static int matchFrom(List<Pattern> expected, int e, List<String> actual, int a, boolean whole) {
        if (e == expected.size()) {
            return !whole || a == actual.size() ? a : -1;
        }
        Pattern p = expected.get(e);
        if (p == null) { // "...": try absorbing 0, 1, 2, ... lines
            for (int skip = a; skip <= actual.size(); skip++) {
                int end = matchFrom(expected, e + 1, actual, skip, whole);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        boolean here = a < actual.size() && p.matcher(actual.get(a)).matches();
        return here ? matchFrom(expected, e + 1, actual, a + 1, whole) : -1;
    }

    /** One pattern per expected line; null stands for a "..." line. */
    private static List<Pattern> compile(List<String> expected) {
        List<Pattern> patterns = new ArrayList<>();
        for (String line : strip(expected)) {
            patterns.add(line.equals(ANY_LINES) ? null : linePattern(line));
        }
        return patterns;
    }

    static Pattern linePattern(String line) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(line);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(line.substring(at, m.start()))).append(".+?");
            at = m.end();
        }
        regex.append(Pattern.quote(line.substring(at)));
        return Pattern.compile(regex.toString());
    }

    private static List<String> strip(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.stripTrailing());
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
