package clusterlab.calc;

/**
 * One token of an expression source, as the {@link Lexer} cuts it out.
 *
 * @param kind     what sort of token it is
 * @param text     the characters of the token as written, empty at the end of input
 * @param position 0-based offset of the token's first character in the source
 */
record Token(Token.Kind kind, String text, int position) {

    enum Kind {
        NUMBER, NAME,
        PLUS, MINUS, STAR, SLASH, PERCENT, CARET,
        LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL_EQUAL, NOT_EQUAL,
        ASSIGN, LEFT_PAREN, RIGHT_PAREN, COMMA, DOT, SEMICOLON, NEWLINE, END
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** Whether this is the name {@code word}; keywords such as {@code if} are names too. */
    boolean isName(String word) {
        return kind == Kind.NAME && text.equals(word);
    }

    /** Offset just past the token's last character. */
    int end() {
        return position + text.length();
    }

    /** How error messages show the token: {@code ';'}, {@code name 'x'}, {@code a new line}. */
    String describe() {
        return switch (kind) {
            case NUMBER -> "number " + text;
            case NAME -> "name '" + text + "'";
            case NEWLINE -> "a new line";
            case END -> "end of input";
            default -> "'" + text + "'";
        };
    }
}
