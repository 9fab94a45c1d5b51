package lesson03;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import clusterlab.calc.CompiledFunction;
import clusterlab.calc.ExprEngine;
import clusterlab.calc.ExprException;
import java.time.Duration;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * The checker of lesson 03: evaluates expressions with MiniCalc and compares the values with the
 * right ones, and with those of clusterlab's own expr engine on random expressions. Every check
 * gives up after 10 seconds, so a parser that loops for ever fails instead of hanging.
 */
@DisplayName("Lesson 03: expressions")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson03Check {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final double[] XS = {-2.5, -1, 0, 0.5, 3};

    // ---- (a) functions ----

    @Test
    @DisplayName("(a) sqrt: sqrt(16) = 4, and sqrt(x) compiled once gives the root of every x")
    void sqrt() {
        within(() -> {
            assertValue(4, "sqrt(16)", 0, "add the call to primary(), with sqrt in a table of functions");
            assertValue(Math.sqrt(2), "sqrt(2)", 0, "");
            assertValue(5, "sqrt( 25 )", 0, "spaces may stand between tokens");
            DoubleUnaryOperator root = compiled("sqrt(x)");
            for (int i = 0; i <= 1000; i++) {
                double x = i / 10.0;
                assertSame(Math.sqrt(x), root.applyAsDouble(x), "sqrt(x) at x = " + x, "");
            }
            assertTrue(Double.isNaN(value("sqrt(x)", -1)), "sqrt(x) at x = -1 should be NaN, as Math.sqrt(-1)");
        });
    }

    @Test
    @DisplayName("(a) abs: abs(-3) = 3, abs(x - 5), and calls inside calls")
    void abs() {
        within(() -> {
            assertValue(3, "abs(-3)", 0, "the checker tests abs too: add it to your table of functions");
            assertValue(3, "abs(x - 5)", 2, "the argument is a whole sum, as inside parentheses");
            assertValue(3, "abs(x - 5)", 8, "");
            assertValue(4, "sqrt(abs(-16))", 0, "the argument of a call may itself be a call");
            assertValue(2, "sqrt(sqrt(abs(x)))", -16, "");
        });
    }

    @Test
    @DisplayName("(a) a call is an operand like any other: 2*sqrt(9)+1 = 7, -sqrt(4) = -2")
    void callsAreOperands() {
        within(() -> {
            assertValue(7, "2*sqrt(9)+1", 0, "a call stands where a number may stand");
            assertValue(-2, "-sqrt(4)", 0, "unary minus applies to the call's value");
            assertValue(6, "sqrt(4)*sqrt(9)", 0, "");
            assertValue(5, "(abs(x))+sqrt(x*x)", -2.5, "");
        });
    }

    @Test
    @DisplayName("(a) unknown functions, and calls without their parentheses, are errors")
    void badCalls() {
        within(() -> {
            assertValue(2, "sqrt(4)", 0, "first, sqrt must work");
            assertRefused("foo(1)", "foo is not in the table of functions", "foo");
            assertRefused("sqrt", "a function name alone is not a value", null);
            assertRefused("sqrt 4", "a call needs its parentheses", null);
            assertRefused("sqrt(4", "the ')' is missing", null);
            assertRefused("sqrt()", "a call takes exactly one argument", null);
            assertRefused("y", "x is the only variable", "y");
        });
    }

    @Test
    @DisplayName("(a) agrees with clusterlab's engine on 300 random expressions with sqrt and abs")
    void callsAgreeWithClusterlab() {
        within(() -> agreeWithClusterlab(1_003, "+*", true, false));
    }

    // ---- (b) the power operator ----

    @Test
    @DisplayName("(b) ^ raises to a power: 2^3 = 8, 2*3^2 = 18, x^2")
    void power() {
        within(() -> {
            assertValue(8, "2^3", 0, "'^' must be a symbol for the tokenizer, then have a rule in the grammar");
            assertValue(Math.sqrt(2), "2^0.5", 0, "");
            assertValue(18, "2*3^2", 0, "^ binds tighter than *: 2*(3^2)");
            assertValue(16, "2^3*2", 0, "^ binds tighter than *: (2^3)*2");
            assertValue(10, "1+3^2", 0, "^ binds tighter than +");
            assertValue(9, "x^2", 3, "");
            assertValue(6.25, "x^2", -2.5, "");
            assertValue(64, "(1+1)^(2*3)", 0, "either side may be in parentheses");
        });
    }

    @Test
    @DisplayName("(b) ^ groups to the right: 2^3^2 = 512")
    void powerGroupsToTheRight() {
        within(() -> {
            assertValue(512, "2^3^2", 0, "2^3^2 is 2^(3^2) = 2^9 = 512, not (2^3)^2 = 64: the exponent of a ^"
                    + " may itself be a power");
            assertValue(2, "2^1^5", 0, "2^(1^5) = 2^1 = 2");
            assertValue(Math.pow(3, 16), "3^2^2^2", 0, "3^(2^(2^2)) = 3^16");
            assertValue(64, "(2^3)^2", 0, "parentheses still decide");
        });
    }

    @Test
    @DisplayName("(b) ^ binds tighter than unary minus: -2^2 = -4, (-2)^2 = 4, 2^-1 = 0.5")
    void powerBindsTighterThanMinus() {
        within(() -> {
            assertValue(-4, "-2^2", 0, "-2^2 is -(2^2): the minus applies to the power, as in mathematics"
                    + " (and in clusterlab's engine)");
            assertValue(4, "(-2)^2", 0, "");
            assertValue(-9, "-x^2", 3, "-x^2 is -(x^2)");
            assertValue(-9, "-x^2", -3, "-x^2 is -(x^2), whatever the sign of x");
            assertValue(0.5, "2^-1", 0, "the exponent may start with a minus: 2^-1 = 2^(-1)");
            assertValue(1.0 / 16, "2^-2^2", 0, "2^-2^2 is 2^(-(2^2)) = 2^-4");
            assertValue(-0.25, "-2^-2", 0, "-2^-2 is -(2^(-2))");
        });
    }

    @Test
    @DisplayName("(b) agrees with clusterlab's engine on 300 random expressions with ^")
    void powersAgreeWithClusterlab() {
        within(() -> agreeWithClusterlab(2_003, "+*^", false, false));
    }

    // ---- (c) the grammar's mistake ----

    @Test
    @DisplayName("(c) subtraction groups to the left: 10-4-3 = 3")
    void subtractionGroupsToTheLeft() {
        within(() -> {
            assertValue(3, "10-4-3", 0, grouping("10-4-3", "(10-4)-3 = 3", "10-(4-3) = 9"));
            assertValue(3, "x-1-1", 5, grouping("x-1-1", "(x-1)-1", "x-(1-1)"));
            assertValue(-8, "1-2-3-4", 0, grouping("1-2-3-4", "((1-2)-3)-4 = -8", "1-(2-(3-4)) = -2"));
        });
    }

    @Test
    @DisplayName("(c) division groups to the left: 8/4/2 = 1")
    void divisionGroupsToTheLeft() {
        within(() -> {
            assertValue(1, "8/4/2", 0, grouping("8/4/2", "(8/4)/2 = 1", "8/(4/2) = 4"));
            assertValue(0.5, "x/2/2", 2, grouping("x/2/2", "(x/2)/2", "x/(2/2)"));
            assertValue(1, "64/2/4/8", 0, grouping("64/2/4/8", "((64/2)/4)/8 = 1", "64/(2/(4/8)) = 16"));
        });
    }

    @Test
    @DisplayName("(c) chains of mixed operators: 1-2+3 = 2, 2*3/4*2 = 3, 100/10*10 = 100")
    void mixedChains() {
        within(() -> {
            assertValue(2, "1-2+3", 0, grouping("1-2+3", "(1-2)+3 = 2", "1-(2+3) = -4"));
            assertValue(3, "2*3/4*2", 0, grouping("2*3/4*2", "((2*3)/4)*2 = 3", "2*(3/(4*2)) = 0.75"));
            assertValue(100, "100/10*10", 0, grouping("100/10*10", "(100/10)*10 = 100", "100/(10*10) = 1"));
            assertValue(-2, "-1-1", 0, "unary minus, then subtraction");
            assertValue(1, "2*3-4-1", 0, "(2*3)-4-1, with * first");
        });
    }

    @Test
    @DisplayName("(c) agrees with clusterlab's engine on 300 random chains of + - * /")
    void chainsAgreeWithClusterlab() {
        within(() -> agreeWithClusterlab(3_003, "+-*/", false, true));
    }

    // ---- comparing with clusterlab's engine ----

    /**
     * Builds random expressions with the given binary operators (and unary minus, parentheses, x,
     * numbers, and sqrt and abs when {@code calls}), and checks that MiniCalc gives the values
     * clusterlab's engine gives, at several x.
     *
     * @param longChains whether to favour long chains of operators, where grouping matters most
     */
    private static void agreeWithClusterlab(long seed, String operators, boolean calls, boolean longChains) {
        Random random = new Random(seed);
        for (int n = 0; n < 300; n++) {
            String source = randomExpression(random, 4, operators, calls, longChains);
            CompiledFunction reference;
            try {
                reference = ExprEngine.compileFunction(source, "x");
            } catch (ExprException e) {
                throw new IllegalStateException("the checker built an expression clusterlab refuses: " + source, e);
            }
            DoubleUnaryOperator mine = compiled(source, "clusterlab's engine accepts it");
            for (double x : XS) {
                double expected = reference.apply(x);
                double actual = evaluate(mine, source, x);
                if (!close(expected, actual)) {
                    fail("\"" + source + "\" at x = " + x + ": clusterlab's engine gives " + expected
                            + ", MiniCalc gives " + actual + " (expression " + n + " of Random seed " + seed + ")."
                            + " Try it by hand: scripts/clusterlab calc 'x = " + x + "; y = " + source + "'");
                }
            }
        }
    }

    private static String randomExpression(Random r, int depth, String operators, boolean calls, boolean longChains) {
        if (depth == 0 || r.nextInt(5) == 0) {
            return switch (r.nextInt(3)) {
                case 0 -> "x";
                case 1 -> String.valueOf(1 + r.nextInt(9));
                default -> (1 + r.nextInt(9)) + "." + r.nextInt(10);
            };
        }
        int kinds = calls ? 4 : 3;
        int kind = longChains && r.nextInt(3) > 0 ? 2 : r.nextInt(kinds);
        return switch (kind) {
            case 0 -> "-" + randomExpression(r, depth - 1, operators, calls, longChains);
            case 1 -> "(" + randomExpression(r, depth - 1, operators, calls, longChains) + ")";
            case 2 -> {
                // Two operands joined as text: their own operators then meet this one, so the
                // grammar, not the way the text was built, decides the grouping.
                char op = operators.charAt(r.nextInt(operators.length()));
                yield randomExpression(r, depth - 1, operators, calls, longChains) + op
                        + randomExpression(r, depth - 1, operators, calls, longChains);
            }
            default -> (r.nextBoolean() ? "sqrt(" : "abs(") + randomExpression(r, depth - 1, operators, calls, longChains)
                    + ")";
        };
    }

    /** Equal, NaN and infinities included, or within a relative 1e-9 for finite values. */
    private static boolean close(double expected, double actual) {
        if (Double.compare(expected, actual) == 0) {
            return true;
        }
        if (!Double.isFinite(expected) || !Double.isFinite(actual)) {
            return expected == actual; // 0.0 and -0.0 are close; NaN and infinities must match exactly
        }
        return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
    }

    // ---- helpers ----

    private static void within(Executable check) {
        assertTimeoutPreemptively(LIMIT, check, () -> "gave up after " + LIMIT.toSeconds() + " s: does the parser"
                + " loop without consuming a token, for instance at the end of the input?");
    }

    private static String grouping(String source, String right, String wrong) {
        return "operators of the same level group to the left, so " + source + " is " + right + ", not " + wrong
                + ". Which rule of the grammar makes the right side of an operator the whole rest of the chain?";
    }

    private static DoubleUnaryOperator compiled(String source) {
        return compiled(source, "");
    }

    /** Compiles, turning an exception into a failure that says what was being compiled. */
    private static DoubleUnaryOperator compiled(String source, String hint) {
        DoubleUnaryOperator f;
        try {
            f = MiniCalc.compile(source);
        } catch (IllegalArgumentException e) {
            return fail("MiniCalc refused \"" + source + "\": " + e.getMessage() + (hint.isEmpty() ? "" : "; " + hint));
        } catch (RuntimeException | StackOverflowError e) {
            return fail("MiniCalc threw " + e + " while compiling \"" + source + "\"; a syntax error should be an"
                    + " IllegalArgumentException", e);
        }
        if (f == null) {
            return fail("MiniCalc.compile(\"" + source + "\") returned null");
        }
        return f;
    }

    private static double evaluate(DoubleUnaryOperator f, String source, double x) {
        try {
            return f.applyAsDouble(x);
        } catch (RuntimeException | StackOverflowError e) {
            return fail("the closure compiled from \"" + source + "\" threw " + e + " at x = " + x, e);
        }
    }

    private static double value(String source, double x) {
        return evaluate(compiled(source), source, x);
    }

    private static void assertValue(double expected, String source, double x, String hint) {
        double actual = evaluate(compiled(source, hint), source, x);
        assertSame(expected, actual, "\"" + source + "\"" + (source.contains("x") ? " at x = " + x : ""), hint);
    }

    private static void assertSame(double expected, double actual, String what, String hint) {
        if (!close(expected, actual)) {
            fail(what + " should be " + expected + " but MiniCalc gives " + actual + (hint.isEmpty() ? "" : "; " + hint));
        }
    }

    /** The source must be refused with an IllegalArgumentException, whose message names {@code name} if given. */
    private static void assertRefused(String source, String why, String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MiniCalc.compile(source),
                "\"" + source + "\" should be a syntax error (an IllegalArgumentException): " + why);
        if (name != null) {
            assertTrue(String.valueOf(e.getMessage()).contains(name), "the error for \"" + source + "\" should name "
                    + name + "; it says: " + e.getMessage());
        }
    }
}
