package clusterlab.life;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RleTest {
    @Test
    void aGliderWithCommentsAndHeader() throws RleException {
        Pattern glider = RleParser.parse("#N Glider\n#C a comment\nx = 3, y = 3, rule = B3/S23\nbob$2bo$3o!\n");
        assertEquals("Glider", glider.name());
        assertEquals(3, glider.width());
        assertEquals(3, glider.height());
        assertEquals(5, glider.population());
        assertTrue(glider.isAlive(0, 1) && glider.isAlive(1, 2) && glider.isAlive(2, 0) && glider.isAlive(2, 2));
    }

    @Test
    void runsMaySpanLinesAndTrailingCellsAndRowsMayBeLeftOut() throws RleException {
        Pattern p = RleParser.parse("x = 5, y = 4\n2o\n2$\n4bo!  anything after the end is ignored\n");
        assertEquals(Grid.parse(Edges.DEAD, "OO...", ".....", "....O", ".....").text(),
                p.centredIn(4, 5, Edges.DEAD).text());
        assertEquals(3, p.population());
    }

    @Test
    void theRuleMayBeGivenInEitherNotationButMustBeConways() throws RleException {
        RleParser.parse("x = 1, y = 1, rule = b3/s23\no!");
        RleParser.parse("x = 1, y = 1, rule = 23/3\no!");
        RleException e = assertThrows(RleException.class, () -> RleParser.parse("x = 1, y = 1, rule = B36/S23\no!"));
        assertEquals("line 1, column 22: only Conway's rule B3/S23 is supported, not 'B36/S23'", e.getMessage());
    }

    @Test
    void anUnknownCharacterIsReportedWithItsLineAndColumn() {
        RleException e = assertThrows(RleException.class,
                () -> RleParser.parse("#N bad\nx = 8, y = 2\n2o3bo$q!\n"));
        assertEquals("line 3, column 7: expected b, o, $ or ! but found 'q'", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(7, e.column());
        e = assertThrows(RleException.class, () -> RleParser.parse("x = 8, y = 2\n\n#C c\nbobobq!"));
        assertEquals("line 4, column 6: expected b, o, $ or ! but found 'q'", e.getMessage());
    }

    @Test
    void otherMistakesToo() {
        assertEquals("line 1, column 1: expected a header such as 'x = 3, y = 3, rule = B3/S23' but found 'bo$2bo$3o!'",
                message("bo$2bo$3o!"));
        assertEquals("line 1, column 5: x must be a whole number from 1 to 1000000, not 'three'", message("x = three, y = 3\no!"));
        assertEquals("line 1, column 1: the header must give both x (width) and y (height), as in 'x = 3, y = 3'",
                message("x = 3\no!"));
        assertEquals("line 2, column 3: row 1 is wider than the header's x = 2", message("x = 2, y = 2\n2bo!"));
        assertEquals("line 2, column 4: the pattern has more rows than the header's y = 2", message("x = 2, y = 2\no2$o!"));
        assertEquals("line 2, column 4: the pattern ends without '!'", message("x = 2, y = 2\no$o\n"));
        assertEquals("line 2, column 2: a run count must be followed by b, o or $, not '!'", message("x = 2, y = 2\no3!"));
        assertEquals("line 1, column 1: expected a header such as 'x = 3, y = 3, rule = B3/S23' but the file ended",
                message("#C only a comment"));
    }

    private static String message(String rle) {
        return assertThrows(RleException.class, () -> RleParser.parse(rle)).getMessage();
    }

    @Test
    void everyBuiltinSurvivesARoundTrip() throws RleException {
        for (String name : BuiltinPatterns.names()) {
            Pattern pattern = BuiltinPatterns.get(name);
            String written = RleWriter.write(pattern);
            Pattern again = RleParser.parse(written);
            assertEquals(pattern, again, name + ":\n" + written);
            assertEquals(pattern.name(), again.name());
            assertEquals(written, RleWriter.write(again));
            for (String line : written.split("\n")) {
                assertTrue(line.length() <= 70, line);
            }
        }
        assertEquals("#N glider\nx = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n", RleWriter.write(BuiltinPatterns.get("glider")));
    }

    @Test
    void emptyRowsAreWrittenAsOneRunOfRowEnds() throws RleException {
        Pattern p = new Pattern("", new boolean[][] {{true, false}, {false, false}, {false, false}, {false, true}, {false, false}});
        assertEquals("x = 2, y = 5, rule = B3/S23\no3$bo!\n", RleWriter.write(p));
        assertEquals(p, RleParser.parse(RleWriter.write(p)));
    }

    @Test
    void theBuiltinsHaveTheirKnownSizes() {
        assertEquals("36x9 36", size("gun"));
        assertEquals("3x3 5", size("r-pentomino"));
        assertEquals("7x3 7", size("acorn"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuiltinPatterns.get("spaceship"));
        assertEquals("unknown builtin pattern 'spaceship': choose glider, gun, r-pentomino, acorn", e.getMessage());
    }

    private static String size(String name) {
        Pattern p = BuiltinPatterns.get(name);
        return p.width() + "x" + p.height() + " " + p.population();
    }

    @Test
    void aPatternTooBigForTheGridSaysWhatSizeItNeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuiltinPatterns.get("gun").centredIn(40, 30, Edges.TORUS));
        assertEquals("the pattern Gosper glider gun (36 wide, 9 high) does not fit in a grid of 40 rows x 30 columns:"
                + " it needs at least --rows 9 --cols 36", e.getMessage());
    }
}
