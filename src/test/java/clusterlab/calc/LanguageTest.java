package clusterlab.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.script.ScriptException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {
    private final ExprEngine engine = new ExprEngine();

    private double eval(String source) throws ScriptException {
        return (Double) engine.eval(source);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "-2^2          | -4",
        "2^3^2         | 512",
        "(2^3)^2       | 64",
        "2^-1          | 0.5",
        "-2^-2         | -0.25",
        "--3           | 3",
        "-3*-3         | 9",
        "2*3^2         | 18",
        "1-2-3         | -4",
        "8/4/2         | 1",
        "2+3*4         | 14",
        "(2+3)*4       | 20",
        "7%3           | 1",
        "-7%3          | -1",
        "7.5%2         | 1.5",
        "10-2*3%4      | 8",
        "1+2 < 4       | 1",
        "3 < 3         | 0",
        "3 <= 3        | 1",
        "3 > 2         | 1",
        "2 >= 3        | 0",
        "2 == 2        | 1",
        "2 != 2        | 0",
        "1 + (2 < 3)   | 2",
        "-1 < 1        | 1",
        "1e3 + 2.5e-1  | 1000.25",
        "2E+2          | 200",
        "007           | 7",
    })
    void precedenceAndAssociativity(String source, double expected) throws ScriptException {
        assertEquals(expected, eval(source));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "1/0       | Infinity",
        "-1/0      | -Infinity",
        "0/0       | NaN",
        "1 % 0     | NaN",
        "0/0 == 0/0 | 0",
        "0/0 != 0/0 | 1",
        "-0 * 1    | -0.0",
    })
    void arithmeticIsIeee754(String source, double expected) throws ScriptException {
        assertEquals(expected, eval(source));
    }

    @Test
    void constantsAndTheMathPrefix() throws ScriptException {
        assertEquals(Math.PI, eval("pi"));
        assertEquals(Math.E, eval("e"));
        assertEquals(Math.PI, eval("math.pi"));
        assertEquals(Math.E, eval("import math\nmath.e"));
        assertEquals(Math.sqrt(2), eval("math.sqrt(2)"));
        assertEquals(4.0, eval("math = 4; math"), "math alone is an ordinary variable");
    }

    @Test
    void minAndMaxTakeAnyNumberOfArguments() throws ScriptException {
        assertEquals(3.0, eval("max(3)"));
        assertEquals(-1.0, eval("min(4, -1)"));
        assertEquals(9.0, eval("max(4, 9, -2, 7)"));
        assertEquals(-2.0, eval("min(4, 9, -2, 7)"));
        assertEquals(Double.NaN, eval("max(1, 0/0, 2)"));
    }

    @Test
    void ifChoosesABranch() throws ScriptException {
        assertEquals(2.0, eval("if(1, 2, 1/0)"));
        assertEquals(3.0, eval("if(0, 1/0, 3)"));
        assertEquals(1.0, eval("if(0/0, 1, 2)"), "NaN counts as true");
        engine.put("x", -4);
        assertEquals(0.0, eval("if(x > 0, sqrt(x), 0)"));
        engine.put("x", 4);
        assertEquals(2.0, eval("if(x > 0, sqrt(x), 0)"));
    }

    @Test
    void ifEvaluatesOnlyTheChosenBranch() {
        Closure constantOne = new Closures.Constant(1.0);
        Closure constantZero = new Closures.Constant(0.0);
        Closure fails = frame -> {
            throw new AssertionError("the branch not chosen was evaluated");
        };
        assertEquals(1.0, Closures.ifElse(constantOne, constantOne, fails).eval(new double[0]));
        assertEquals(0.0, Closures.ifElse(constantZero, fails, constantZero).eval(new double[0]));
    }

    @Test
    void everyNameMustBeKnownEvenInABranchNotTaken() {
        assertThrows(ScriptException.class, () -> eval("if(1, 2, nosuch)"));
        assertThrows(ScriptException.class, () -> eval("if(1, 2, nosuch(1))"));
    }

    @Test
    void aNewLineInsideParenthesesIsOnlyASpace() throws ScriptException {
        assertEquals(6.0, eval("max(1,\n    2,\n    6)"));
        assertEquals(10.0, eval("f(a, b) = (a +\n   b)\nf(4, 6)"));
    }

    @Test
    void variablesCanBeReassigned() throws ScriptException {
        assertEquals(12.0, eval("x = 3; x = x * 4; x"));
        assertEquals(12.0, engine.get("x"));
    }

    @Test
    void builtinNamesCanBeVariables() throws ScriptException {
        assertEquals(Math.sin(2), eval("sin = 2; sin(sin)"));
    }

    @Test
    void aFunctionOfNoParameters() throws ScriptException {
        assertEquals(2 * Math.PI, eval("tau() = 2 * pi; tau()"));
    }

    @Test
    void theBodyOfAFunctionIsEvaluatedAtEachCall() throws ScriptException {
        assertEquals(14.0, eval("sq(t) = t * t; sq(2) + sq(3) + sq(1)"));
        assertEquals(Math.hypot(3, 4), eval("h(a, b) = sqrt(sq(a) + sq(b)); h(3, 4)"));
    }
}
