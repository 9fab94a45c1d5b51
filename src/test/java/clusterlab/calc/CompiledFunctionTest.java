package clusterlab.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompiledFunctionTest {
    private static final int POINTS = 1_000_000;

    /** Each formula with the same formula as a Java lambda, operations in the same order. */
    static Stream<Arguments> formulas() {
        return Stream.of(
                Arguments.of("sin(x)*cos(y) + x^2/10",
                        (DoubleBinaryOperator) (x, y) ->
                                Math.sin(x) * Math.cos(y) + Math.pow(x, 2) / 10),
                Arguments.of("sqrt(x^2+y^2)",
                        (DoubleBinaryOperator) (x, y) -> Math.sqrt(Math.pow(x, 2) + Math.pow(y, 2))),
                Arguments.of("(x^2+y-11)^2+(x+y^2-7)^2",
                        (DoubleBinaryOperator) (x, y) -> Math.pow(Math.pow(x, 2) + y - 11, 2)
                                + Math.pow(x + Math.pow(y, 2) - 7, 2)),
                Arguments.of("if(x < y, x^3 % 7, -y^0.5) - atan2(y, x) * e",
                        (DoubleBinaryOperator) (x, y) ->
                                (x < y ? Math.pow(x, 3) % 7 : -Math.pow(y, 0.5))
                                - Math.atan2(y, x) * Math.E));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formulas")
    void givesExactlyWhatTheJavaLambdaGivesAtAMillionPoints(String formula, DoubleBinaryOperator lambda)
            throws ScriptException {
        CompiledFunction f = ExprEngine.compileFunction(formula, "x", "y");
        Random random = new Random(formula.hashCode());
        double[] point = new double[2];
        for (int i = 0; i < POINTS; i++) {
            double scale = i % 100 == 0 ? 1e200 : 10; // now and then very large values
            point[0] = (random.nextDouble() - 0.5) * scale;
            point[1] = (random.nextDouble() - 0.5) * scale;
            double expected = lambda.applyAsDouble(point[0], point[1]);
            double actual = f.apply(point);
            if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
                assertEquals(expected, actual, formula + " at x=" + point[0] + ", y=" + point[1]);
            }
        }
    }

    @Test
    void theSourceMayDefineFunctionsAndAssignVariables() throws ScriptException {
        CompiledFunction f =
                ExprEngine.compileFunction("sq(t) = t*t\nr = sq(x) + sq(y)\nsqrt(r)", "x", "y");
        assertEquals(5.0, f.apply(3, 4));
        assertEquals(13.0, f.apply(5, 12));
    }

    @Test
    void assigningAVariableDoesNotChangeTheCallersArray() throws ScriptException {
        CompiledFunction f = ExprEngine.compileFunction("x = x + 1; x * 2", "x");
        double[] values = {1};
        assertEquals(4.0, f.apply(values));
        assertEquals(4.0, f.apply(values));
        assertEquals(1.0, values[0]);
    }

    @Test
    void aFunctionOfNoVariables() throws ScriptException {
        assertEquals(2 * Math.PI, ExprEngine.compileFunction("2*pi").apply());
    }

    @Test
    void seesNoBindings() {
        ScriptException e = assertThrows(ScriptException.class,
                () -> ExprEngine.compileFunction("x + y", "x"));
        assertEquals("line 1, column 5: unknown variable 'y'\n  x + y\n      ^", e.getMessage());
    }

    @Test
    void needsAValueAtTheEnd() {
        ScriptException e = assertThrows(ScriptException.class,
                () -> ExprEngine.compileFunction("x; f(t) = t", "x"));
        assertEquals("line 1, column 4: a function needs a value: end the source with an expression\n"
                + "  x; f(t) = t\n     ^", e.getMessage());
        assertThrows(ScriptException.class, () -> ExprEngine.compileFunction("  ", "x"));
    }

    @Test
    void refusesTheWrongNumberOfValues() throws ScriptException {
        CompiledFunction f = ExprEngine.compileFunction("x + y", "x", "y");
        assertThrows(IllegalArgumentException.class, () -> f.apply(1));
        assertThrows(IllegalArgumentException.class, () -> f.apply(1, 2, 3));
    }

    @Test
    void refusesVariablesThatCannotBeVariables() {
        assertThrows(IllegalArgumentException.class, () -> ExprEngine.compileFunction("1", "pi"));
        assertThrows(IllegalArgumentException.class, () -> ExprEngine.compileFunction("1", "x", "x"));
        assertThrows(IllegalArgumentException.class, () -> ExprEngine.compileFunction("1", "2x"));
        assertThrows(IllegalArgumentException.class, () -> ExprEngine.compileFunction("1", ""));
    }

    @Test
    void oneInstanceServesManyThreads() throws ScriptException {
        CompiledFunction f = ExprEngine.compileFunction("t = x * 3; u = t + y; u * u", "x", "y");
        double[] parallel = IntStream.range(0, 200_000).parallel()
                .mapToDouble(i -> f.apply(i, -i)).toArray();
        for (int i = 0; i < parallel.length; i++) {
            double u = i * 3.0 - i;
            assertEquals(u * u, parallel[i]);
        }
    }

    @Test
    void printsAsItsSource() throws ScriptException {
        assertEquals("x^2", ExprEngine.compileFunction("x^2", "x").toString());
    }

    /** Every operator with every kind of operand: variables, constants and sub-expressions take different closures. */
    @Test
    void everyOperandShapeGivesJavasArithmetic() throws Exception {
        String[] operands = {"x", "y", "3", "(x+1)"};
        String[] ops = {"+", "-", "*", "/", "%", "^", "<"};
        double x = 1.75;
        double y = -2.5;
        for (String a : operands) {
            for (String b : operands) {
                for (String op : ops) {
                    double expected = apply(op, value(a, x, y), value(b, x, y));
                    String source = a + " " + op + " " + b;
                    assertEquals(expected, ExprEngine.compileFunction(source, "x", "y").apply(x, y), 0.0, source);
                    if (!op.equals("<")) { // a chain: every operator here binds tighter than the last minus
                        String chained = source + " - y";
                        assertEquals(expected - y, ExprEngine.compileFunction(chained, "x", "y").apply(x, y), 0.0, chained);
                    }
                }
            }
        }
    }

    private static double value(String operand, double x, double y) {
        switch (operand) {
            case "x": return x;
            case "y": return y;
            case "3": return 3;
            default: return x + 1;
        }
    }

    private static double apply(String op, double a, double b) {
        switch (op) {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "/": return a / b;
            case "%": return a % b;
            case "^": return Math.pow(a, b);
            default: return a < b ? 1 : 0;
        }
    }
}
