package clusterlab.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.time.Duration;
import java.util.StringJoiner;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprErrorsTest {
    private final ExprEngine engine = new ExprEngine();

    private ScriptException error(String source) {
        return assertThrows(ScriptException.class, () -> engine.eval(source));
    }

    /** Checks the position, the first line of the message, and the caret under the column. */
    private void assertError(String source, int line, int column, String problem) {
        ScriptException e = error(source);
        assertEquals(line, e.getLineNumber(), "line");
        assertEquals(column, e.getColumnNumber(), "column");
        String[] lines = e.getMessage().split("\n", -1);
        assertEquals(3, lines.length, e.getMessage());
        assertEquals("line " + line + ", column " + column + ": " + problem, lines[0]);
        assertEquals("  " + source.split("\n", -1)[line - 1], lines[1]);
        assertEquals(" ".repeat(column + 1) + "^", lines[2]);
    }

    // ---- the message format ------------------------------------------------------------

    @Test
    void showsTheLineWithACaretUnderTheColumn() {
        ScriptException e = error("y = (3;");
        assertEquals("line 1, column 7: expected ')' but found ';'\n"
                + "  y = (3;\n"
                + "        ^", e.getMessage());
        assertEquals(1, e.getLineNumber());
        assertEquals(7, e.getColumnNumber());
    }

    @Test
    void countsLinesAndShowsOnlyTheLineAtFault() {
        ScriptException e = error("a = 1\r\nb = 2 +* 3\r\nc = 3");
        assertEquals("line 2, column 8: expected a number, a name or '(' but found '*'\n"
                + "  b = 2 +* 3\n         ^", e.getMessage());
    }

    @Test
    void aTabBeforeTheColumnIsKeptUnderTheCaret() {
        ScriptException e = error("\tx = = 1");
        assertEquals(6, e.getColumnNumber());
        assertTrue(e.getMessage().endsWith("\n  \tx = = 1\n  \t    ^"), e.getMessage());
    }

    @Test
    void aLongLineIsShownAroundTheColumn() {
        String source = "x = " + "1 + ".repeat(150) + "$" + " + 1".repeat(150);
        ScriptException e = error(source);
        int column = source.indexOf('$') + 1;
        assertEquals(column, e.getColumnNumber());
        String[] lines = e.getMessage().split("\n");
        assertTrue(lines[1].length() < 100, lines[1]);
        assertTrue(lines[1].startsWith("  ...") && lines[1].endsWith("..."), lines[1]);
        assertEquals('$', lines[1].charAt(lines[2].indexOf('^')));
    }

    @Test
    void anErrorAtTheEndPointsJustPastTheLastCharacter() {
        assertError("y = (3", 1, 7, "expected ')' but found end of input");
        assertError("y = 3 +\nz", 1, 8, "expected a number, a name or '(' but found a new line");
    }

    // ---- syntax --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "x = $          | 5 | unexpected character '$'",
        "x ! 2          | 3 | unexpected character '!' (!= means not equal)",
        "x = .5         | 5 | write a digit before the '.', as in 0.5",
        "x = 1.         | 7 | expected a digit after '.'",
        "x = 2e         | 7 | expected a digit in the exponent",
        "x = 1e999      | 5 | number is too large for a double",
        "2 x            | 3 | expected ';' or a new line but found name 'x'",
        "1 < 2 < 3      | 7 | comparisons do not chain; for a < b < c write (a < b) * (b < c)",
        "max(1 2)       | 7 | expected ',' or ')' but found number 2",
        "if(1, 2)       | 1 | if takes 3 arguments, as in if(condition, then, otherwise), not 2",
        "if = 3         | 4 | expected '(' after if but found '='",
        "1 = 2          | 1 | only a name, or a function heading such as f(x, y), can come before '='",
        "f(x + 1) = x   | 5 | expected a parameter name",
        "x = 1 = 2      | 7 | expected ';' or a new line but found '='",
        "import java    | 8 | unknown module 'java': the only one is math, as in math.sqrt(2)",
        "import         | 7 | expected a module name but found end of input",
        "math.(1)       | 6 | expected a name after 'math.' but found '('",
        "x = +1         | 5 | expected a number, a name or '(' but found '+'",
    })
    void syntaxErrors(String source, int column, String problem) {
        assertError(source, 1, column, problem);
    }

    @Test
    void javaIsOutOfReach() {
        assertError("java.lang.System.exit(0)", 1, 1,
                "unknown module 'java': the only one is math, as in math.sqrt(2)");
        assertError("y = System.exit(0)", 1, 5,
                "unknown module 'System': the only one is math, as in math.sqrt(2)");
        assertError("exit(0)", 1, 1, "unknown function 'exit' with 1 argument");
        assertError("getClass()", 1, 1, "unknown function 'getClass' with 0 arguments");
        assertError("x = math.random()", 1, 5, "unknown function 'math.random' with 0 arguments");
    }

    // ---- names ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "y = z + 1            | 5  | unknown variable 'z'",
        "y = foo(1)           | 5  | unknown function 'foo' with 1 argument",
        "y = foo(1, 2)        | 5  | unknown function 'foo' with 2 arguments",
        "y = math.foo(1)      | 5  | unknown function 'math.foo' with 1 argument",
        "y = math.x           | 5  | unknown constant 'math.x'",
        "y = sin(1, 2)        | 5  | function 'sin' takes 1 argument, not 2",
        "y = atan2(1)         | 5  | function 'atan2' takes 2 arguments, not 1",
        "y = min()            | 5  | function 'min' takes at least 1 argument, not 0",
        "f(a, b) = a; f(1)    | 14 | function 'f' takes 2 arguments, not 1",
        "f(x) = f(x - 1)      | 8  | unknown function 'f' with 1 argument",
        "g(x) = h(x); h(x) = x | 8 | unknown function 'h' with 1 argument",
        "f(x) = x + y         | 12 | unknown variable 'y': a function's body sees only its parameters",
        "pi = 3               | 1  | cannot assign to the constant 'pi'",
        "sin(x) = x           | 1  | cannot redefine the built-in function 'sin'",
        "f(x, x) = x          | 6  | parameter 'x' appears twice",
        "f(e) = e             | 3  | 'e' is a constant, not a parameter name",
    })
    void nameErrors(String source, int column, String problem) {
        assertError(source, 1, column, problem);
    }

    @Test
    void aVariableMustHoldANumber() {
        engine.put("s", "text");
        assertError("y = 2 * s", 1, 9, "variable 's' is a java.lang.String, not a number");
        engine.put("n", null);
        assertError("y = n", 1, 5, "variable 'n' is null, not a number");
    }

    // ---- limits --------------------------------------------------------------------------

    @Test
    void aTenMegabyteSourceIsRefusedAtOnce() {
        String huge = "1+".repeat(5 * 1024 * 1024);
        ScriptException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> error(huge));
        assertEquals("source of 10485760 characters is over the limit of 1000000 characters",
                e.getMessage());
        assertEquals(-1, e.getLineNumber());
    }

    @Test
    void aReaderIsReadOnlyUpToTheLimit() {
        int[] read = {0};
        Reader endless = new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, '1');
                read[0] += length;
                return length;
            }

            @Override
            public void close() {
            }
        };
        ScriptException e = assertThrows(ScriptException.class, () -> engine.eval(endless));
        assertEquals("source of more than 1000000 characters is over the limit of 1000000 characters",
                e.getMessage());
        assertTrue(read[0] < 1_100_000, "read " + read[0]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'(', 'x', ')'", "'-', 'x', ''", "'2^', 'x', ''", "'f(', 'x', ')'", "'if(1,', '1,1', ')'",
    })
    void aHundredThousandLevelsOfNestingAreRefusedCleanly(String open, String middle, String close) {
        String source = open.repeat(100_000) + middle + close.repeat(100_000);
        ScriptException e = error(source);
        assertTrue(e.getMessage().startsWith("line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains(": expression nested deeper than 200 levels\n"),
                e.getMessage());
        assertThrows(ScriptException.class, () -> ExprEngine.compileFunction(source, "x"));
    }

    @Test
    void theNestingErrorPointsAtTheFirstLevelTooMany() {
        ScriptException e = error("(".repeat(100_000) + "1" + ")".repeat(100_000));
        assertEquals(201, e.getColumnNumber());
    }

    @Test
    void operatorsInARowAreOneLevelHoweverMany() throws ScriptException {
        assertEquals(100_001.0, engine.eval("x = " + "1 + ".repeat(100_000) + "1"));
        assertEquals(1.0, engine.eval("1" + "*1/1%2".repeat(100_000)));
        assertEquals(10.0, new ExprEngine(1000, 2).eval("1" + "+1".repeat(9)));
    }

    @Test
    void theLimitIsExact() throws ScriptException {
        ExprEngine shallow = new ExprEngine(1000, 10);
        assertEquals(1.0, shallow.eval("(".repeat(9) + "1" + ")".repeat(9)));
        assertThrows(ScriptException.class, () -> shallow.eval("(".repeat(10) + "1" + ")".repeat(10)));
        assertEquals(-1.0, shallow.eval("-".repeat(9) + "1"));
        assertThrows(ScriptException.class, () -> shallow.eval("-".repeat(10) + "1"));
        assertEquals(1.0, shallow.eval("1^".repeat(9) + "0"));
        assertThrows(ScriptException.class, () -> shallow.eval("1^".repeat(10) + "0"));
        // Each pair of parentheses here is one level of parsing but two of the tree: a sum
        // and a comparison. The tree's height is what evaluation recurses on.
        assertEquals(1.0, shallow.eval("(".repeat(4) + "1" + "+1<3)".repeat(4)));
        ScriptException e = assertThrows(ScriptException.class,
                () -> shallow.eval("(".repeat(5) + "1" + "+1<3)".repeat(5)));
        assertEquals("line 1, column 29: expression nested deeper than 10 levels",
                e.getMessage().lines().findFirst().orElseThrow());
        assertEquals(1.0, shallow.eval(" ".repeat(999) + "1"));
        assertThrows(ScriptException.class, () -> shallow.eval(" ".repeat(1000) + "1"));
    }

    @Test
    void functionCallsCountTowardsTheNestingLimit() {
        StringJoiner source = new StringJoiner("\n");
        source.add("f0(x) = x + 1");
        for (int i = 1; i < 150; i++) {
            source.add("f" + i + "(x) = f" + (i - 1) + "(x) + 1");
        }
        ScriptException e = error(source.toString());
        assertTrue(e.getMessage().contains(": expression nested deeper than 200 levels, counting the"
                + " bodies of the functions it calls\n"), e.getMessage());
    }

    @Test
    void functionsThatDoubleTheWorkAreRefusedBeforeTheyRun() throws ScriptException {
        StringJoiner source = new StringJoiner("; ");
        source.add("d0(x) = x + 1");
        for (int i = 1; i <= 20; i++) {
            source.add("d" + i + "(x) = d" + (i - 1) + "(x) + d" + (i - 1) + "(x)");
        }
        assertEquals(Math.pow(2, 20) * 2, engine.eval(source + "; d20(1)"));
        for (int i = 21; i <= 60; i++) {
            source.add("d" + i + "(x) = d" + (i - 1) + "(x) + d" + (i - 1) + "(x)");
        }
        ScriptException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> error(source + "; d60(1)"));
        assertTrue(e.getMessage().contains(": an evaluation would take more than 10000000 steps"),
                e.getMessage());
    }

    @Test
    void limitsMustBeSensible() {
        assertThrows(IllegalArgumentException.class, () -> new ExprEngine(1000, 0));
        int tooDeep = ExprEngine.MAX_SUPPORTED_DEPTH + 1;
        assertThrows(IllegalArgumentException.class, () -> new ExprEngine(1000, tooDeep));
        assertThrows(IllegalArgumentException.class, () -> new ExprEngine(-1, 10));
    }
}
