package clusterlab.calc;

import clusterlab.calc.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads expression source into a list of {@link Statement}s. The grammar, in EBNF:
 *
 * <pre>
 * program    = [ statement ] { separator [ statement ] } ;
 * separator  = ";" | newline ;
 * statement  = "import" "math"
 *            | name "=" expression
 *            | name "(" [ name { "," name } ] ")" "=" expression
 *            | expression ;
 * expression = sum [ ( "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=" ) sum ] ;
 * sum        = product { ( "+" | "-" ) product } ;
 * product    = unary { ( "*" | "/" | "%" ) unary } ;
 * unary      = "-" unary | power ;
 * power      = primary [ "^" unary ] ;
 * primary    = number
 *            | "(" expression ")"
 *            | "if" "(" expression "," expression "," expression ")"
 *            | [ "math" "." ] name [ "(" [ expression { "," expression } ] ")" ] ;
 * name       = letter { letter | digit } ;
 * letter     = "A" | ... | "Z" | "a" | ... | "z" | "_" ;
 * number     = digits [ "." digits ] [ ( "e" | "E" ) [ "+" | "-" ] digits ] ;
 * digits     = digit { digit } ;
 * digit      = "0" | ... | "9" ;
 * </pre>
 *
 * <p>Between tokens there may be spaces, tabs and {@code #} comments; a new line inside
 * parentheses is only a space (see {@link Lexer}). {@code if} and {@code import} are keywords.
 * The grammar gives the usual precedence, loosest first: a comparison (which does not chain:
 * {@code a < b < c} is an error), then {@code + -}, then {@code * / %}, then unary minus, then
 * {@code ^}. Binary operators group to the left, except {@code ^}, which groups to the right and
 * binds tighter than a minus on its left: {@code 2^3^2} is {@code 2^(3^2)} and {@code -2^2} is
 * {@code -(2^2)}. Its right side is a {@code unary}, so {@code 2^-1} needs no parentheses.
 *
 * <p>A recursive-descent parser: one method per rule. A statement {@code f(x) = x^2} looks like
 * the call {@code f(x)} until the '=', so {@link #statement()} reads the left side as an
 * expression, and if '=' follows, reads that tree again as a variable or a function heading.
 *
 * <p>Each '(', unary minus and '^' makes the parser recurse, so it counts how deep it is and
 * stops at the limit: 100,000 opening parentheses give an {@link ExprException}, not a
 * StackOverflowError. The tree it builds is evaluated recursively too, so every node is also
 * checked against the same limit on its height. Operators in a row such as {@code 1+2-3} are
 * read in a loop into one {@link Expr.Chain}, one level high however long it is.
 */
final class Parser {
    private final String source;
    private final Lexer lexer;
    private final int maxDepth;
    private Token token;  // the next token, not yet consumed
    private int lastEnd;  // offset just past the last token consumed
    private int depth;    // how many unary() calls are open

    private Parser(String source, int maxDepth) throws ExprException {
        this.source = source;
        this.lexer = new Lexer(source);
        this.maxDepth = maxDepth;
        this.token = lexer.next();
    }

    /**
     * @param maxLength the longest source accepted, in characters; a longer one is refused
     *                  before it is read
     * @param maxDepth  how deep expressions may nest, and how tall their trees may be
     */
    static List<Statement> parse(String source, int maxLength, int maxDepth) throws ExprException {
        if (source.length() > maxLength) {
            throw ExprException.tooLong(source.length() + " characters", maxLength);
        }
        return new Parser(source, maxDepth).program();
    }

    private List<Statement> program() throws ExprException {
        List<Statement> statements = new ArrayList<>();
        while (!token.is(Kind.END)) {
            if (token.is(Kind.SEMICOLON) || token.is(Kind.NEWLINE)) {
                advance(); // an empty statement
                continue;
            }
            statements.add(statement());
            if (!token.is(Kind.SEMICOLON) && !token.is(Kind.NEWLINE) && !token.is(Kind.END)) {
                throw expected("';' or a new line");
            }
        }
        return statements;
    }

    private Statement statement() throws ExprException {
        Token first = token;
        if (first.isName("import")) {
            advance();
            if (!token.is(Kind.NAME)) {
                throw expected("a module name");
            }
            if (!token.isName("math")) {
                throw unknownModule(token);
            }
            advance();
            return new Statement.Import(first.position());
        }
        Expr left = expression();
        if (!token.is(Kind.ASSIGN)) {
            return new Statement.Evaluate(left, first.position());
        }
        advance();
        Expr right = expression();
        if (left instanceof Expr.Variable v && Lexer.isName(v.name())) {
            return new Statement.Assign(v.name(), right, first.position());
        }
        if (left instanceof Expr.Call c && Lexer.isName(c.name())) {
            List<Expr.Variable> parameters = new ArrayList<>();
            for (Expr argument : c.arguments()) {
                if (!(argument instanceof Expr.Variable p) || !Lexer.isName(p.name())) {
                    throw ExprException.at(source, argument.position(),
                            "expected a parameter name");
                }
                parameters.add(p);
            }
            String text = source.substring(first.position(), lastEnd);
            return new Statement.Define(c.name(), parameters, right, first.position(), text);
        }
        throw ExprException.at(source, first.position(), "only a name, or a function heading such"
                + " as f(x, y), can come before '='");
    }

    private Expr expression() throws ExprException {
        Expr left = sum();
        if (!isComparison(token)) {
            return left;
        }
        Token op = advance();
        Expr right = sum();
        if (isComparison(token)) {
            throw ExprException.at(source, token.position(),
                    "comparisons do not chain; for a < b < c write (a < b) * (b < c)");
        }
        return checkHeight(new Expr.Binary(op.kind(), left, right, op.position()));
    }

    private Expr sum() throws ExprException {
        Expr first = product();
        List<Expr.Chain.Link> rest = new ArrayList<>();
        while (token.is(Kind.PLUS) || token.is(Kind.MINUS)) {
            Token op = advance();
            rest.add(new Expr.Chain.Link(op.kind(), product(), op.position()));
        }
        return rest.isEmpty() ? first : checkHeight(new Expr.Chain(first, rest));
    }

    private Expr product() throws ExprException {
        Expr first = unary();
        List<Expr.Chain.Link> rest = new ArrayList<>();
        while (token.is(Kind.STAR) || token.is(Kind.SLASH) || token.is(Kind.PERCENT)) {
            Token op = advance();
            rest.add(new Expr.Chain.Link(op.kind(), unary(), op.position()));
        }
        return rest.isEmpty() ? first : checkHeight(new Expr.Chain(first, rest));
    }

    /** Every recursion of the parser passes through here, so this is where depth is counted. */
    private Expr unary() throws ExprException {
        if (++depth > maxDepth) {
            throw tooDeep(token.position());
        }
        Expr result;
        if (token.is(Kind.MINUS)) {
            Token minus = advance();
            result = checkHeight(new Expr.Negate(unary(), minus.position()));
        } else {
            result = power();
        }
        depth--;
        return result;
    }

    private Expr power() throws ExprException {
        Expr base = primary();
        if (!token.is(Kind.CARET)) {
            return base;
        }
        Token caret = advance();
        return checkHeight(new Expr.Binary(Kind.CARET, base, unary(), caret.position()));
    }

    private Expr primary() throws ExprException {
        Token first = token;
        if (first.is(Kind.NUMBER)) {
            advance();
            double value = Double.parseDouble(first.text());
            if (Double.isInfinite(value)) {
                throw ExprException.at(source, first.position(),
                        "number is too large for a double");
            }
            return new Expr.Literal(value, first.position());
        }
        if (first.is(Kind.LEFT_PAREN)) {
            advance();
            Expr inner = expression();
            expect(Kind.RIGHT_PAREN, "')'");
            return inner;
        }
        if (first.isName("if")) {
            return ifCall();
        }
        if (!first.is(Kind.NAME)) {
            throw expected("a number, a name or '('");
        }
        advance();
        String name = first.text();
        if (token.is(Kind.DOT)) {
            if (!first.isName("math")) {
                throw unknownModule(first);
            }
            advance();
            if (!token.is(Kind.NAME)) {
                throw expected("a name after 'math.'");
            }
            name = "math." + advance().text();
        }
        if (!token.is(Kind.LEFT_PAREN)) {
            return new Expr.Variable(name, first.position());
        }
        return checkHeight(new Expr.Call(name, arguments(), first.position()));
    }

    private Expr ifCall() throws ExprException {
        Token keyword = advance();
        if (!token.is(Kind.LEFT_PAREN)) {
            throw expected("'(' after if");
        }
        List<Expr> arguments = arguments();
        if (arguments.size() != 3) {
            throw ExprException.at(source, keyword.position(), "if takes 3 arguments, as in"
                    + " if(condition, then, otherwise), not " + arguments.size());
        }
        return checkHeight(new Expr.If(arguments.get(0), arguments.get(1), arguments.get(2),
                keyword.position()));
    }

    /** A parenthesized argument list, possibly empty; the next token is its '('. */
    private List<Expr> arguments() throws ExprException {
        advance();
        List<Expr> arguments = new ArrayList<>();
        if (token.is(Kind.RIGHT_PAREN)) {
            advance();
            return arguments;
        }
        arguments.add(expression());
        while (token.is(Kind.COMMA)) {
            advance();
            arguments.add(expression());
        }
        expect(Kind.RIGHT_PAREN, "',' or ')'");
        return arguments;
    }

    private static boolean isComparison(Token t) {
        return switch (t.kind()) {
            case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL_EQUAL, NOT_EQUAL -> true;
            default -> false;
        };
    }

    private Expr checkHeight(Expr node) throws ExprException {
        if (node.height() > maxDepth) {
            throw tooDeep(node.position());
        }
        return node;
    }

    /** Consumes the next token and returns it. */
    private Token advance() throws ExprException {
        Token consumed = token;
        lastEnd = consumed.end();
        token = lexer.next();
        return consumed;
    }

    private void expect(Kind kind, String what) throws ExprException {
        if (!token.is(kind)) {
            throw expected(what);
        }
        advance();
    }

    private ExprException expected(String what) {
        return ExprException.at(source, token.position(),
                "expected " + what + " but found " + token.describe());
    }

    private ExprException unknownModule(Token name) {
        return ExprException.at(source, name.position(), "unknown module '" + name.text()
                + "': the only one is math, as in math.sqrt(2)");
    }

    private ExprException tooDeep(int position) {
        return ExprException.at(source, position, "expression nested deeper than " + maxDepth
                + " levels");
    }
}
