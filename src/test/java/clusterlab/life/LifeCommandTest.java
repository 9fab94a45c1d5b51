package clusterlab.life;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.cli.Args;
import clusterlab.cli.UsageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Runs `clusterlab life ARGV...` and returns what it printed. */
    private String life(String... argv) throws Exception {
        LifeCommand command = new LifeCommand();
        Args args = command.options().parse(argv);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, command.run(args, print, print));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String error(String... argv) {
        LifeCommand command = new LifeCommand();
        PrintStream nowhere = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return assertThrows(UsageException.class, () -> command.run(command.options().parse(argv), nowhere, nowhere)).getMessage();
    }

    @Test
    void itEndsWithGenerationPopulationAndFingerprint() throws Exception {
        String printed = life("--builtin", "glider", "--rows", "10", "--cols", "10", "--generations", "8", "--view", "none");
        Grid expected = BuiltinPatterns.get("glider").centredIn(10, 10, Edges.TORUS).after(8);
        assertEquals("generation 8, population 5, fingerprint " + expected.fingerprint() + "\n", printed);
    }

    @Test
    void anyNumberOfStripsGivesTheSameFingerprint() throws Exception {
        String one = life("--soup", "42", "--rows", "37", "--cols", "29", "--generations", "50", "--view", "none");
        for (String strips : new String[] {"2", "3", "5", "37"}) {
            out.reset();
            assertEquals(one, life("--soup", "42", "--rows", "37", "--cols", "29", "--generations", "50", "--view", "none",
                    "--strips", strips));
        }
    }

    @Test
    void thePlainTerminalViewPrintsEveryNthGenerationAndTheLast() throws Exception {
        String printed = life("--builtin", "glider", "--rows", "5", "--cols", "5", "--generations", "5", "--every", "2",
                "--no-color", "--delay", "0ms");
        assertTrue(printed.startsWith("generation 0, population 5\n.....\n..#..\n...#.\n.###.\n.....\n\n"), printed);
        assertTrue(printed.contains("generation 2, population 5\n"), printed);
        assertTrue(printed.contains("generation 4, population 5\n"), printed);
        assertTrue(printed.contains("generation 5, population 5\n"), printed);
        assertTrue(!printed.contains("generation 3, population"), printed);
        assertTrue(!printed.contains("\033"), "no escape codes in plain mode");
    }

    @Test
    void aPatternFileAndPictures(@TempDir Path dir) throws Exception {
        Path rle = dir.resolve("blinker.rle");
        Files.writeString(rle, "x = 3, y = 1\n3o!\n");
        Path png = dir.resolve("end.png");
        Path gif = dir.resolve("all.gif");
        String printed = life("--pattern", rle.toString(), "--rows", "5", "--cols", "6", "--generations", "3", "--view", "none",
                "--png", png.toString(), "--gif", gif.toString(), "--cell", "2");
        assertTrue(printed.startsWith("generation 3, population 3, fingerprint "), printed);
        BufferedImage picture = ImageIO.read(png.toFile());
        assertEquals(12, picture.getWidth());
        assertEquals(10, picture.getHeight());
        assertTrue(Files.size(gif) > 0);
    }

    @Test
    void pngWithAPercentDWritesOneFilePerFrame(@TempDir Path dir) throws Exception {
        life("--builtin", "glider", "--rows", "6", "--cols", "6", "--generations", "4", "--every", "2", "--view", "none",
                "--png", dir.resolve("g-%02d.png").toString());
        for (String name : new String[] {"g-00.png", "g-02.png", "g-04.png"}) {
            assertTrue(Files.exists(dir.resolve(name)), name);
        }
        assertTrue(!Files.exists(dir.resolve("g-01.png")));
    }

    @Test
    void badInputIsReportedClearly(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.rle");
        Files.writeString(bad, "#N bad\nx = 8, y = 2\n2o3bo$q!\n");
        assertEquals("clusterlab life: " + bad + ": line 3, column 7: expected b, o, $ or ! but found 'q'",
                error("--pattern", bad.toString()));
        assertEquals("clusterlab life: unknown builtin pattern 'spaceship': choose glider, gun, r-pentomino, acorn",
                error("--builtin", "spaceship"));
        assertEquals("clusterlab life: the pattern Gosper glider gun (36 wide, 9 high) does not fit in a grid of 5 rows x 20"
                + " columns: it needs at least --rows 9 --cols 36", error("--builtin", "gun", "--rows", "5", "--cols", "20"));
        assertEquals("clusterlab life: choose one of --pattern, --builtin and --soup", error("--builtin", "gun", "--soup", "1"));
        assertEquals("clusterlab life: --edges must be torus or dead, not 'klein'", error("--edges", "klein"));
        assertEquals("clusterlab life: --density must be a number from 0 to 1, not '1.5'", error("--soup", "1", "--density", "1.5"));
        assertEquals("clusterlab life: --strips 8: a grid of 5 rows cannot be split into 8 strips",
                error("--soup", "1", "--rows", "5", "--strips", "8"));
        assertEquals("clusterlab life: no such pattern file: " + dir.resolve("none.rle"),
                error("--pattern", dir.resolve("none.rle").toString()));
        assertEquals("clusterlab life: --view must be terminal, window or none, not 'tv'", error("--view", "tv"));
    }

    @Test
    void aWindowWithoutADisplaySuggestsTheTerminal() {
        if (LifeWindow.available()) {
            return; // a desktop session: the window would open
        }
        String message = error("--view", "window");
        assertTrue(message.contains("--view window needs a display") && message.contains("use --view terminal"), message);
    }
}
