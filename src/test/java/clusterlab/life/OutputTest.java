package clusterlab.life;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/** Pictures and terminal frames, all drawn without a screen. */
class OutputTest {
    @Test
    void eachCellIsASquareOfPixels() {
        Grid grid = Grid.parse(Edges.DEAD, "O..", "..O");
        BufferedImage image = BoardImage.render(grid, 4);
        assertEquals(12, image.getWidth());
        assertEquals(8, image.getHeight());
        int alive = image.getRGB(0, 0);
        int dead = image.getRGB(4, 0);
        assertEquals(0xffffffff, dead);
        assertEquals(alive, image.getRGB(3, 3));
        assertEquals(dead, image.getRGB(3, 4));
        assertEquals(alive, image.getRGB(11, 7));
    }

    @Test
    void stripsAreDrawnInTheirOwnColours() {
        Grid grid = Grid.parse(Edges.DEAD, "O.", "O.", "O.", "O.");
        int[] owners = Strips.owners(Strips.split(4, 2));
        BufferedImage image = BoardImage.render(grid, 1, owners);
        assertEquals(image.getRGB(0, 0), image.getRGB(0, 1));
        assertFalse(image.getRGB(0, 1) == image.getRGB(0, 2), "rows 1 and 2 belong to different strips");
        assertFalse(image.getRGB(1, 1) == image.getRGB(1, 2), "so do their dead cells");
        assertFalse(image.getRGB(0, 0) == image.getRGB(1, 0), "alive and dead differ within a strip");
    }

    @Test
    void aPngReadsBackAsTheSamePicture(@TempDir Path dir) throws Exception {
        Grid grid = BuiltinPatterns.get("gun").centredIn(20, 40, Edges.TORUS);
        Path file = dir.resolve("gun.png");
        PngSnapshot.write(grid, 3, null, file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertNotNull(back, "ImageIO can read it");
        assertEquals(120, back.getWidth());
        assertEquals(60, back.getHeight());
        BufferedImage drawn = BoardImage.render(grid, 3);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 120; x++) {
                assertEquals(drawn.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void anAnimatedGifHasEveryFrameItsDelayAndLoops(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("glider.gif");
        Grid grid = BuiltinPatterns.get("glider").centredIn(10, 10, Edges.TORUS);
        try (AnimatedGif gif = new AnimatedGif(file, Duration.ofMillis(120))) {
            for (int g = 0; g < 12; g++) {
                gif.addFrame(BoardImage.render(grid, 2));
                grid = grid.step();
            }
            assertEquals(12, gif.frames());
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            assertEquals(12, reader.getNumImages(true));
            assertEquals(20, reader.read(11).getWidth());
            IIOMetadataNode first = tree(reader.getImageMetadata(0));
            IIOMetadataNode control = (IIOMetadataNode) first.getElementsByTagName("GraphicControlExtension").item(0);
            assertEquals("12", control.getAttribute("delayTime"), "120 ms is 12 hundredths of a second");
            IIOMetadataNode netscape = (IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0);
            assertEquals("NETSCAPE", netscape.getAttribute("applicationID"));
            assertEquals("2.0", netscape.getAttribute("authenticationCode"));
            byte[] loop = (byte[]) netscape.getUserObject();
            assertEquals(1, loop[0]);
            assertEquals(0, loop[1] | loop[2], "a loop count of 0 means forever");
            NodeList later = tree(reader.getImageMetadata(5)).getElementsByTagName("GraphicControlExtension");
            assertEquals("12", ((IIOMetadataNode) later.item(0)).getAttribute("delayTime"));
        } finally {
            reader.dispose();
        }
    }

    private static IIOMetadataNode tree(IIOMetadata metadata) {
        return (IIOMetadataNode) metadata.getAsTree("javax_imageio_gif_image_1.0");
    }

    @Test
    void plainTerminalFramesAreHashesAndDotsUnderAHeader() {
        TerminalView view = new TerminalView(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true);
        Grid grid = Grid.parse(Edges.DEAD, "...", "OOO", "...");
        assertEquals("generation 7, population 3\n...\n###\n...\n\n", view.frame(grid, 7, null));
    }

    @Test
    void ansiFramesClearOnceThenGoHome() {
        TerminalView view = new TerminalView(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        Grid grid = Grid.parse(Edges.DEAD, "O.", ".O");
        assertEquals("\033[2J\033[Hgeneration 0, population 2\033[K\n█ \n █\n", view.frame(grid, 0, null));
        String second = view.frame(grid, 1, new int[] {0, 1});
        assertTrue(second.startsWith("\033[Hgeneration 1"), second);
        assertTrue(second.contains("\033[34m█ \033[0m\n\033[31m █\033[0m\n"), "each strip in its colour: " + second);
    }

}
