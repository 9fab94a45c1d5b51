package clusterlab.calc;

import clusterlab.calc.Token.Kind;

/**
 * Cuts expression source into {@link Token}s, one each time the {@link Parser} asks.
 *
 * <p>Spaces, tabs and carriage returns only separate tokens, and a comment runs from {@code #} to
 * the end of its line. A new line ends a statement, except inside parentheses, where it is only
 * a space: a long formula can then be split over several lines.
 *
 * <p>Numbers are decimal: digits, then optionally a '.' and more digits, then optionally an
 * exponent such as {@code e-3}. There must be a digit on both sides of the '.', so {@code .5}
 * and {@code 5.} are errors; {@code 0.5} and {@code 5.0} are the way to write them.
 */
final class Lexer {
    private final String source;
    private int pos;        // offset of the next character to read
    private int openParens; // '(' read minus ')' read, never below 0

    Lexer(String source) {
        this.source = source;
    }

    /** Whether {@code s} is spelled as a name: a letter or '_', then letters, digits and '_'. */
    static boolean isName(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isNamePart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The next token; after the last one, an END token each time. */
    Token next() throws ExprException {
        skipSpacesAndComments();
        int start = pos;
        if (start >= source.length()) {
            return new Token(Kind.END, "", start);
        }
        char c = source.charAt(start);
        if (isDigit(c)) {
            return number();
        }
        if (isNameStart(c)) {
            while (isNamePart(charAt(pos))) {
                pos++;
            }
            return token(Kind.NAME, start);
        }
        if (c == '.' && isDigit(charAt(start + 1))) {
            throw ExprException.at(source, start, "write a digit before the '.', as in 0.5");
        }
        pos++;
        return switch (c) {
            case '\n' -> token(Kind.NEWLINE, start);
            case '+' -> token(Kind.PLUS, start);
            case '-' -> token(Kind.MINUS, start);
            case '*' -> token(Kind.STAR, start);
            case '/' -> token(Kind.SLASH, start);
            case '%' -> token(Kind.PERCENT, start);
            case '^' -> token(Kind.CARET, start);
            case '<' -> token(consume('=') ? Kind.LESS_EQUAL : Kind.LESS, start);
            case '>' -> token(consume('=') ? Kind.GREATER_EQUAL : Kind.GREATER, start);
            case '=' -> token(consume('=') ? Kind.EQUAL_EQUAL : Kind.ASSIGN, start);
            case ',' -> token(Kind.COMMA, start);
            case '.' -> token(Kind.DOT, start);
            case ';' -> token(Kind.SEMICOLON, start);
            case '(' -> {
                openParens++;
                yield token(Kind.LEFT_PAREN, start);
            }
            case ')' -> {
                openParens = Math.max(0, openParens - 1);
                yield token(Kind.RIGHT_PAREN, start);
            }
            case '!' -> {
                if (!consume('=')) {
                    throw ExprException.at(source, start,
                            "unexpected character '!' (!= means not equal)");
                }
                yield token(Kind.NOT_EQUAL, start);
            }
            default -> throw ExprException.at(source, start,
                    "unexpected character " + describe(start));
        };
    }

    private void skipSpacesAndComments() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && openParens > 0)) {
                pos++;
            } else if (c == '#') {
                while (pos < source.length() && source.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token number() throws ExprException {
        int start = pos;
        skipDigits();
        if (charAt(pos) == '.') {
            pos++;
            if (!isDigit(charAt(pos))) {
                throw ExprException.at(source, pos, "expected a digit after '.'");
            }
            skipDigits();
        }
        if (charAt(pos) == 'e' || charAt(pos) == 'E') {
            pos++;
            if (charAt(pos) == '+' || charAt(pos) == '-') {
                pos++;
            }
            if (!isDigit(charAt(pos))) {
                throw ExprException.at(source, pos, "expected a digit in the exponent");
            }
            skipDigits();
        }
        return token(Kind.NUMBER, start);
    }

    private void skipDigits() {
        while (isDigit(charAt(pos))) {
            pos++;
        }
    }

    private Token token(Kind kind, int start) {
        return new Token(kind, source.substring(start, pos), start);
    }

    /** Steps over {@code c} if it is the next character, and says whether it was. */
    private boolean consume(char c) {
        if (charAt(pos) != c) {
            return false;
        }
        pos++;
        return true;
    }

    /** The character at {@code at}, or -1 past the end of the source. */
    private int charAt(int at) {
        return at < source.length() ? source.charAt(at) : -1;
    }

    /** A character for an error message, kept printable and on one line. */
    private String describe(int at) {
        int c = source.codePointAt(at);
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(int c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNamePart(int c) {
        return isNameStart(c) || isDigit(c);
    }
}
