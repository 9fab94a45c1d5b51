package lesson03;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * MiniCalc: a calculator small enough to read in one sitting, built in the same three steps as
 * clusterlab's own engine (clusterlab.calc: Lexer, Parser, ExprCompiler):
 * <ol>
 * <li>{@link #tokenize} cuts the source into tokens: numbers, names and one-character symbols;</li>
 * <li>a recursive-descent parser reads the tokens, with one method per rule of the grammar below;</li>
 * <li>each of those methods returns a closure, a {@link DoubleUnaryOperator} that computes its
 *     part of the expression from x. A closure holds the closures of its operands, so the whole
 *     expression becomes a tree of them: built once, then evaluated at any x without reading the
 *     text again.</li>
 * </ol>
 * Unlike Python's exec, MiniCalc can only compute: a source reaches nothing but numbers, x and the
 * operators and functions of the grammar, so a string from the network cannot make it do anything
 * else. (clusterlab's engine also limits how long a source may be and how deep it may nest, so
 * that no input can exhaust the stack; MiniCalc leaves that out.)
 *
 * <p>The grammar, in EBNF ({ } repeats zero or more times, [ ] is optional):
 * <pre>
 * sum     = product [ ( "+" | "-" ) sum ] ;
 * product = unary [ ( "*" | "/" ) product ] ;
 * unary   = "-" unary | primary ;
 * primary = number | "x" | "(" sum ")" ;
 * number  = digit { digit } [ "." digit { digit } ] ;
 * </pre>
 * The tokenizer also reads names (a letter, then letters and digits), but the only name the
 * grammar knows so far is x. Spaces may stand between tokens. A syntax error is an
 * IllegalArgumentException whose message says where (counting characters from 0) and what is
 * wrong.
 *
 * <p>Exercises (a), (b) and (c) are marked in the code below; (c) is about a mistake in this
 * grammar. Check your work with {@code make check LESSON=03}.
 */
public final class MiniCalc {
    enum Kind { NUMBER, NAME, SYMBOL, END }

    /** One token: its kind, its text, and where it starts in the source. */
    record Token(Kind kind, String text, int position) {
    }

    private final List<Token> tokens;
    private int next; // index of the next token to read

    private MiniCalc(String source) {
        this.tokens = tokenize(source);
    }

    /** Compiles {@code source} into a tree of closures: a function of x. */
    public static DoubleUnaryOperator compile(String source) {
        MiniCalc parser = new MiniCalc(source);
        DoubleUnaryOperator tree = parser.sum();
        if (parser.peek().kind() != Kind.END) {
            throw error(parser.peek().position(), "expected an operator or the end, found " + describe(parser.peek()));
        }
        return tree;
    }

    /** The value of {@code source} at x: compile, then evaluate once. */
    public static double eval(String source, double x) {
        return compile(source).applyAsDouble(x);
    }

    /** Step 1: the source as a list of tokens, ending with an END token. */
    static List<Token> tokenize(String source) {
        List<Token> tokens = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            char c = source.charAt(at);
            int start = at;
            if (c == ' ' || c == '\t') {
                at++;
            } else if (isDigit(c)) {
                at = skipDigits(source, at);
                if (at < source.length() && source.charAt(at) == '.') {
                    at = skipDigits(source, at + 1);
                    if (!isDigit(source.charAt(at - 1))) {
                        throw error(at, "expected a digit after '.'");
                    }
                }
                tokens.add(new Token(Kind.NUMBER, source.substring(start, at), start));
            } else if (isLetter(c)) {
                while (at < source.length() && (isLetter(source.charAt(at)) || isDigit(source.charAt(at)))) {
                    at++;
                }
                tokens.add(new Token(Kind.NAME, source.substring(start, at), start));
            } else if ("+-*/()".indexOf(c) >= 0) {
                // Exercise (b): '^' is not a symbol yet, so "2^3" stops here with "unexpected
                // character". Make it one, then give it a rule in the parser (see unary()).
                at++;
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), start));
            } else {
                throw error(start, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Kind.END, "", source.length()));
        return tokens;
    }

    // Steps 2 and 3: one method per rule; each returns the closure of what it read.

    // Exercise (c): MiniCalc says 10-4-3 is 9, not 3, and 8/4/2 is 4, not 1; yet 1+2+3 and 2*3*4
    // come out right. Find the rules of the grammar (in the class comment) that make it so, fix
    // them there, then fix sum() and product() to match. Hint: draw the tree the parser builds
    // for 10-4-3.
    private DoubleUnaryOperator sum() {
        DoubleUnaryOperator left = product();
        if (isSymbol("+") || isSymbol("-")) {
            String op = take().text();
            return binary(op, left, sum());
        }
        return left;
    }

    private DoubleUnaryOperator product() {
        DoubleUnaryOperator left = unary();
        if (isSymbol("*") || isSymbol("/")) {
            String op = take().text();
            return binary(op, left, product());
        }
        return left;
    }

    private DoubleUnaryOperator unary() {
        if (isSymbol("-")) {
            take();
            DoubleUnaryOperator operand = unary();
            return x -> -operand.applyAsDouble(x);
        }
        // Exercise (b): add the operator ^, the power (Math.pow), with a rule of its own in the
        // grammar and a method for that rule. It binds tighter than unary minus: -2^2 is -(2^2) =
        // -4, while (-2)^2 is 4. It groups to the right: 2^3^2 is 2^(3^2) = 512. Its exponent may
        // start with a minus: 2^-1 is 0.5. Where the new rule sits among the others decides the
        // first property; what it allows on each side of the ^ decides the other two.
        return primary();
    }

    private DoubleUnaryOperator primary() {
        Token t = take();
        if (t.kind() == Kind.NUMBER) {
            double value = Double.parseDouble(t.text());
            return x -> value;
        }
        if (t.kind() == Kind.NAME && t.text().equals("x")) {
            return x -> x;
        }
        if (t.kind() == Kind.NAME) {
            // Exercise (a): a name followed by "(" is a call: sqrt(16) is 4, abs(x - 5) is |x - 5|,
            // and the argument is a whole sum, as inside parentheses. Add the call to the grammar,
            // read it here, and return a closure that applies the function to its argument's value.
            // Keep the functions in a table, a Map from name to DoubleUnaryOperator (Math::sqrt is
            // one), so that one more function is one more line. Look the name up once, here, not
            // in the closure. A name not in the table, or not followed by "(", stays an error.
            throw error(t.position(), "unknown name '" + t.text() + "'");
        }
        if (t.text().equals("(")) {
            DoubleUnaryOperator inner = sum();
            expect(")");
            return inner;
        }
        throw error(t.position(), "expected a number, x or '(' but found " + describe(t));
    }

    /** The closure of a binary operator: it evaluates both operands, then combines them. */
    private static DoubleUnaryOperator binary(String op, DoubleUnaryOperator a, DoubleUnaryOperator b) {
        return switch (op) {
            case "+" -> x -> a.applyAsDouble(x) + b.applyAsDouble(x);
            case "-" -> x -> a.applyAsDouble(x) - b.applyAsDouble(x);
            case "*" -> x -> a.applyAsDouble(x) * b.applyAsDouble(x);
            case "/" -> x -> a.applyAsDouble(x) / b.applyAsDouble(x);
            default -> throw new IllegalArgumentException("not an operator: " + op);
        };
    }

    // ---- reading tokens ----

    private Token peek() {
        return tokens.get(next);
    }

    /** Consumes the next token and returns it; the END token is never consumed. */
    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }

    private boolean isSymbol(String symbol) {
        return peek().kind() == Kind.SYMBOL && peek().text().equals(symbol);
    }

    private void expect(String symbol) {
        if (!isSymbol(symbol)) {
            throw error(peek().position(), "expected '" + symbol + "' but found " + describe(peek()));
        }
        take();
    }

    private static String describe(Token t) {
        return t.kind() == Kind.END ? "the end" : "'" + t.text() + "'";
    }

    private static IllegalArgumentException error(int position, String problem) {
        return new IllegalArgumentException("at " + position + ": " + problem);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int skipDigits(String source, int at) {
        while (at < source.length() && isDigit(source.charAt(at))) {
            at++;
        }
        return at;
    }
}
