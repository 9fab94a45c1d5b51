package clusterlab.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.Eventually;
import clusterlab.CommandLine;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panel the window shows, as content and as a picture drawn off screen; --snapshot on the command line. */
class PanelTest {
    @TempDir
    Path dir;

    private final CommandLine cli = new CommandLine();

    /** Five of ten blocks done by one worker, and one prime from an article-protocol worker. */
    private static PrimesModel halfDone() {
        PrimesModel model = new PrimesModel(new PrimeRange(1, 1_000), 100, new PrintStream(PrintStream.nullOutputStream()));
        model.workerConnected("pi-1", "10.0.0.7", 3);
        for (int i = 0; i < 5; i++) {
            model.blockAccepted("pi-1", 100, 10, 97 + 100 * i, 1_000_000);
            model.blockWritten();
        }
        model.articlePrime("10.0.0.9", 1_009);
        model.log("worker pi-1 joined from 10.0.0.7 with 3 threads");
        return model;
    }

    private static PanelContent.Field field(PanelContent c, String label) {
        return c.fields().stream().filter(f -> f.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void theContentFollowsTheRunAndSaysWhichButtonsWork() {
        PrimesModel model = halfDone();
        PanelContent running = PanelContent.of(model.snapshot());
        assertEquals("clusterlab primes-head 1:1000", running.title());
        assertEquals("running: 1 worker", running.state());
        assertEquals(List.of("largest prime", "primes found", "progress", "rate", "time", "last primes", "article protocol"),
                running.fields().stream().map(PanelContent.Field::label).toList());
        assertEquals("497", field(running, "largest prime").value());
        assertEquals("50", field(running, "primes found").value());
        assertEquals("5 of 10 blocks on disk, 50.0% of 1:1000 checked", field(running, "progress").value());
        assertEquals("97, 197, 297, 397, 497, 1009", field(running, "last primes").value());
        assertTrue(field(running, "article protocol").value().startsWith("1 primes from 1 address, the largest 1009"));
        assertEquals(0.5, running.fraction());
        assertEquals("50.0%  (5/10 blocks)", running.progress());
        assertEquals(1, running.workers().size());
        assertEquals(List.of("pi-1", "10.0.0.7", "3", "5", "50"), running.workers().get(0).subList(0, 5));
        assertEquals(List.of("worker pi-1 joined from 10.0.0.7 with 3 threads"), running.log());
        assertFalse(running.canStart());
        assertTrue(running.canStop());

        model.paused(true);
        PanelContent stopped = PanelContent.of(model.snapshot());
        assertEquals("stopped: no new blocks go out (Start carries on)", stopped.state());
        assertTrue(stopped.canStart());
        assertFalse(stopped.canStop());

        model.workerDisconnected("pi-1");
        model.paused(false);
        assertEquals("running: waiting for workers", PanelContent.of(model.snapshot()).state());

        for (int i = 5; i < 10; i++) {
            model.blockAccepted("pi-1", 100, 1, 997, 1_000_000);
            model.blockWritten();
        }
        PanelContent complete = PanelContent.of(model.snapshot());
        assertEquals("complete: every block is on disk", complete.state());
        assertFalse(complete.canStart());
        assertFalse(complete.canStop());
        assertFalse(field(complete, "time").value().contains("left"), field(complete, "time").value());
    }

    @Test
    void thePictureIsDrawnWithNoDisplayAtItsSizeAndShowsTheProgress() {
        BufferedImage image = PanelPicture.render(PanelContent.of(halfDone().snapshot()));
        assertEquals(PanelPicture.WIDTH, image.getWidth());
        assertEquals(PanelPicture.HEIGHT, image.getHeight());
        assertTrue(colours(image) > 10, "a panel, not a blank picture");
        int y = barMiddle(image);
        assertEquals(PanelPicture.BAR_DONE.getRGB(), image.getRGB(PanelPicture.WIDTH / 4, y), "the done half of the bar");
        assertNotEquals(PanelPicture.BAR_DONE.getRGB(), image.getRGB(PanelPicture.WIDTH * 7 / 8, y), "the half still to do");
    }

    @Test
    void manyWorkersAndLongLinesStillFit() {
        PrimesModel model = halfDone();
        for (int i = 0; i < 30; i++) {
            model.workerConnected("a-worker-with-a-rather-long-name-" + i, "192.168.100." + i, 4);
        }
        model.log("x".repeat(500));
        BufferedImage image = PanelPicture.render(PanelContent.of(model.snapshot()));
        assertEquals(PanelPicture.WIDTH, image.getWidth());
        assertTrue(colours(image) > 10);
    }

    @Test
    void theCommandSavesThePanelAtTheEnd() throws Exception {
        Path png = dir.resolve("run.png");
        assertEquals(0, cli.run("primes-head", "--range", "1:100000", "--block", "10000", "--host", "127.0.0.1", "--port", "0",
                "--local", "2", "--view", "none", "--snapshot", png.toString()), cli.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(PanelPicture.WIDTH, image.getWidth());
        assertEquals(PanelPicture.HEIGHT, image.getHeight());
        assertTrue(colours(image) > 10, "not all one colour");
        int y = barMiddle(image);
        assertEquals(PanelPicture.BAR_DONE.getRGB(), image.getRGB(PanelPicture.WIDTH * 9 / 10, y), "a complete run fills the bar");
        assertFalse(Files.exists(dir.resolve("run.png.part")), "the temporary file is renamed over the picture");
    }

    @Test
    void aSnapshotPeriodSavesWhileRunning() throws Exception {
        Path png = dir.resolve("every.png");
        PrimesModel model = halfDone();
        SnapshotWriter writer = new SnapshotWriter(png, Duration.ofMillis(1));
        Eventually.await("a picture saved by update", () -> {
            writer.update(model.snapshot());
            return Files.exists(png);
        });
        assertEquals(PanelPicture.WIDTH, ImageIO.read(png.toFile()).getWidth());

        SnapshotWriter failing = new SnapshotWriter(dir.resolve("gone").resolve("x.png"), null);
        failing.finish(model.snapshot());
        assertEquals("cannot write the snapshot " + dir.resolve("gone").resolve("x.png") + ": its directory does not exist",
                failing.failure().getMessage());
    }

    @Test
    void badSnapshotOptionsAreOneLineAndStatus2() {
        assertEquals("clusterlab primes-head: --snapshot must name a .png file, not 'run.txt'",
                oneLineError("--snapshot", "run.txt"));
        assertEquals("clusterlab primes-head: --snapshot " + dir.resolve("no/run.png") + ": the directory " + dir.resolve("no")
                + " does not exist", oneLineError("--snapshot", dir.resolve("no/run.png").toString()));
        assertEquals("clusterlab primes-head: --snapshot-every needs --snapshot FILE.png", oneLineError("--snapshot-every", "5s"));
        assertEquals("clusterlab primes-head: --snapshot-every must be a duration above zero, such as 5s",
                oneLineError("--snapshot", dir.resolve("a.png").toString(), "--snapshot-every", "0s"));
    }

    private String oneLineError(String... options) {
        cli.reset();
        String[] argv = new String[options.length + 7];
        System.arraycopy(new String[] {"primes-head", "--range", "1:1000", "--port", "0", "--view", "none"}, 0, argv, 0, 7);
        System.arraycopy(options, 0, argv, 7, options.length);
        assertEquals(2, cli.run(argv), cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
        return cli.err().strip();
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    /** A row through the middle of the progress bar: the first row, going down, where its left edge is the done colour. */
    private static int barMiddle(BufferedImage image) {
        int x = 22;
        for (int y = 0; y < image.getHeight(); y++) {
            if (image.getRGB(x, y) == PanelPicture.BAR_DONE.getRGB()) {
                return y + 5;
            }
        }
        throw new AssertionError("no progress bar in the picture");
    }
}
