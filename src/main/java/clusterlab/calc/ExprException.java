package clusterlab.calc;

import javax.script.ScriptException;

/**
 * A source that the expression engine refuses: a syntax error, an unknown name, a wrong number
 * of arguments, a variable that is not a number, or a source over a size or nesting limit.
 *
 * <p>Except for an over-long source, the exception knows where the problem is: {@link
 * #getLineNumber()} and {@link #getColumnNumber()} are 1-based, and the message shows the line
 * with a caret under the column:
 *
 * <pre>
 * line 1, column 7: expected ')' but found ';'
 *   y = (3;
 *         ^
 * </pre>
 */
public final class ExprException extends ScriptException {
    private static final long serialVersionUID = 1L;

    /** A longer source line is shown only in part, around the column, so messages stay short. */
    private static final int SHOWN_LINE_LENGTH = 80;

    private ExprException(String message, int line, int column) {
        super(message, null, line, column);
    }

    private ExprException(String message) {
        super(message);
    }

    /**
     * @param offset  0-based offset of the problem in {@code source}; its length for the end
     * @param problem what is wrong, for example {@code unknown variable 'z'}
     */
    static ExprException at(String source, int offset, String problem) {
        int lineStart = source.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = source.indexOf('\n', offset);
        String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        int lineNumber = 1;
        for (int i = 0; i < lineStart; i++) {
            if (source.charAt(i) == '\n') {
                lineNumber++;
            }
        }
        int column = offset - lineStart + 1;
        return new ExprException("line " + lineNumber + ", column " + column + ": " + problem
                + "\n" + showWithCaret(line, column - 1), lineNumber, column);
    }

    /** @param length how long the source is, in words: "10485760 characters" */
    static ExprException tooLong(String length, int limit) {
        return new ExprException("source of " + length + " is over the limit of " + limit
                + " characters");
    }

    /** Two lines indented by two spaces: the source line, then a caret under {@code index}. */
    private static String showWithCaret(String line, int index) {
        int from = 0;
        int to = line.length();
        if (line.length() > SHOWN_LINE_LENGTH) {
            int centered = index - SHOWN_LINE_LENGTH / 2;
            from = Math.max(0, Math.min(centered, line.length() - SHOWN_LINE_LENGTH));
            to = from + SHOWN_LINE_LENGTH;
        }
        String before = from > 0 ? "..." : "";
        String after = to < line.length() ? "..." : "";
        StringBuilder caret = new StringBuilder("  ").append(" ".repeat(before.length()));
        for (int i = from; i < index; i++) {
            // A tab under a tab keeps the caret in line whatever width the terminal gives tabs.
            caret.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
        }
        return "  " + before + line.substring(from, to) + after + "\n" + caret + "^";
    }
}
