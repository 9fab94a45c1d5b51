package clusterlab.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.CommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalcCommandsTest {
    private final CommandLine cli = new CommandLine();

    @Test
    void theArticlesCommandsGiveTheArticlesResults() throws Exception {
        assertEquals(0, cli.run("calc", "y = 5*100", "import math; y = math.pow(3.0, 2)"));
        assertEquals("y = 5*100 -> 500.0\nimport math; y = math.pow(3.0, 2) -> 9.0\n", cli.out());
    }

    @Test
    void synchronousCalculatorEvaluatesAListInOrder() throws Exception {
        List<String> commands = new ArrayList<>();
        for (int x = 0; x < 10; x++) {
            commands.add("x = " + x + "; y = x^2");
        }
        List<Double> expected = new ArrayList<>();
        for (int x = 0; x < 10; x++) {
            expected.add((double) x * x);
        }
        assertEquals(expected, new SynchronousCalculator("expr", null).evaluate(commands));
    }

    @Test
    void yStartsAtZeroForEveryCommand() throws Exception {
        FunctionCalculator calculator = new FunctionCalculator("expr", null);
        assertEquals(7.0, calculator.evaluate("y = 7"));
        assertEquals(1.0, calculator.evaluate("y = y + 1"), "y was reset to 0.0, not left at 7");
    }

    @Test
    void aBadCommandIsReportedWithItsCaretAndTheOthersStillRun() {
        assertEquals(1, cli.run("calc", "y = (3;", "y = java.lang.System.exit(0)", "y = 1/0"));
        assertTrue(cli.err().contains("line 1, column 7: expected ')' but found ';'\n  y = (3;\n        ^"), cli.err());
        assertTrue(cli.err().contains("line 1, column 5: unknown module 'java'"), cli.err());
        assertEquals("y = 1/0 -> Infinity\n", cli.out(), "IEEE arithmetic: division by zero is infinity, not an error");
    }

    @Test
    void commandsComeFromAFileWithCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cmds.txt");
        Files.writeString(file, "# ten points would go here\ny = 2^10\n\n   y = sqrt(16)  \n");
        assertEquals(0, cli.run("calc", "--file", file.toString()));
        assertEquals("y = 2^10 -> 1024.0\ny = sqrt(16) -> 4.0\n", cli.out());
    }

    @Test
    void aMissingFileAndAnUnknownEngineAreUsageErrors() {
        assertEquals(2, cli.run("calc", "--file", "no/such/cmds.txt"));
        assertEquals("clusterlab calc: no such file: no/such/cmds.txt\n", cli.err());
        cli.reset();
        assertEquals(2, cli.run("calc", "--engine", "cobol", "y = 1"));
        assertEquals("clusterlab calc: no script engine named 'cobol'; installed: expr\n", cli.err());
    }

    @Test
    void minimumFindsHimmelblausFourMinima() {
        assertEquals(0, cli.run("minimum", "--function", "(x^2+y-11)^2+(x+y^2-7)^2", "--x", "-5:5", "--y", "-5:5", "--threads", "2"));
        for (String m : new String[] {"x =   3.000000  y =   2.000000", "x =  -2.805118  y =   3.131312",
                "x =  -3.779310  y =  -3.283186", "x =   3.584428  y =  -1.848127"}) {
            assertTrue(cli.out().contains(m), m + " missing from:\n" + cli.out());
        }
    }

    @Test
    void minimumRefusesBadRangesAndMissingVariables() {
        assertEquals(2, cli.run("minimum", "--function", "x+y", "--x", "5:-5", "--y", "0:1"));
        assertTrue(cli.err().contains("--x must be LO:HI with LO < HI, e.g. -5:5, not '5:-5'"), cli.err());
        cli.reset();
        assertEquals(2, cli.run("minimum", "--function", "x+z", "--x", "0:1", "--z", "0:1"));
        assertTrue(cli.err().contains("give ranges for x and y"), cli.err());
        cli.reset();
        assertEquals(1, cli.run("minimum", "--function", "x+q", "--x", "0:1", "--y", "0:1"));
        assertTrue(cli.err().contains("unknown variable 'q'"), cli.err());
    }

    @Test
    void aNodeNeedsItsHead() {
        assertEquals(2, cli.run("calc-node"));
        assertTrue(cli.err().contains("--head HOST[:PORT] is required"), cli.err());
        cli.reset();
        assertEquals(2, cli.run("calc-node", "--head", "pi1:twenty"));
        assertTrue(cli.err().contains("--head must be HOST or HOST:PORT"), cli.err());
    }
}
