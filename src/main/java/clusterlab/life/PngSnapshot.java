package clusterlab.life;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Saves a board as a PNG picture. */
public final class PngSnapshot {
    private PngSnapshot() {
    }

    public static void write(Grid grid, int cellSize, int[] owners, Path file) throws IOException {
        if (!ImageIO.write(BoardImage.render(grid, cellSize, owners), "png", file.toFile())) {
            throw new IOException("this JDK has no PNG writer"); // every JDK has one; ImageIO only says so by returning false
        }
    }
}
