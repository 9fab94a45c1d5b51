package clusterlab.life;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * Draws a board as a picture, each cell a square of {@code cellSize} pixels. The picture uses a
 * small fixed palette (one byte per pixel), which keeps PNG files small and lets every GIF frame
 * share the same colours. Given strip ownership, each strip's rows get their own colour, so one
 * can see which rank owns which rows.
 */
public final class BoardImage {
    /** The largest picture drawn, in pixels on a side: big enough for any board worth looking at. */
    public static final int MAX_SIDE = 16_384;

    private static final Color DEAD = Color.WHITE;
    private static final Color ALIVE = new Color(0x20, 0x20, 0x20);
    /** Strip colours, used in turn: strip i gets STRIP_COLOURS[i % 8]. */
    private static final Color[] STRIP_COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x17becf), new Color(0x8c564b), new Color(0xe377c2),
    };
    /** Palette: 0 dead, 1 alive, then for each strip colour a pale (dead) and a full (alive) entry. */
    private static final IndexColorModel PALETTE = palette();

    private BoardImage() {
    }

    private static IndexColorModel palette() {
        int size = 2 + 2 * STRIP_COLOURS.length;
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        Color[] colours = new Color[size];
        colours[0] = DEAD;
        colours[1] = ALIVE;
        for (int i = 0; i < STRIP_COLOURS.length; i++) {
            colours[2 + 2 * i] = pale(STRIP_COLOURS[i]);
            colours[3 + 2 * i] = STRIP_COLOURS[i];
        }
        for (int i = 0; i < size; i++) {
            r[i] = (byte) colours[i].getRed();
            g[i] = (byte) colours[i].getGreen();
            b[i] = (byte) colours[i].getBlue();
        }
        return new IndexColorModel(8, size, r, g, b);
    }

    /** The colour mixed 85% with white: a background that still shows which strip it is. */
    private static Color pale(Color c) {
        return new Color(255 - (255 - c.getRed()) * 15 / 100, 255 - (255 - c.getGreen()) * 15 / 100,
                255 - (255 - c.getBlue()) * 15 / 100);
    }

    /** The board in black and white. */
    public static BufferedImage render(Grid grid, int cellSize) {
        return render(grid, cellSize, null);
    }

    /**
     * The board, with {@code owners[row]} (see {@link Strips#owners}) choosing each row's colour;
     * null for black and white.
     */
    public static BufferedImage render(Grid grid, int cellSize, int[] owners) {
        long width = (long) grid.cols() * cellSize;
        long height = (long) grid.rows() * cellSize;
        if (cellSize < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("a " + grid.rows() + "x" + grid.cols() + " board with cells of " + cellSize
                    + " pixels would be " + width + "x" + height + " pixels; the most is " + MAX_SIDE + " a side");
        }
        BufferedImage image = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_BYTE_INDEXED, PALETTE);
        WritableRaster raster = image.getRaster();
        byte[] line = new byte[(int) width];
        for (int r = 0; r < grid.rows(); r++) {
            byte dead = 0;
            byte alive = 1;
            if (owners != null) {
                int colour = owners[r] % STRIP_COLOURS.length;
                dead = (byte) (2 + 2 * colour);
                alive = (byte) (3 + 2 * colour);
            }
            for (int c = 0; c < grid.cols(); c++) {
                Arrays.fill(line, c * cellSize, (c + 1) * cellSize, grid.isAlive(r, c) ? alive : dead);
            }
            for (int y = r * cellSize; y < (r + 1) * cellSize; y++) {
                raster.setDataElements(0, y, line.length, 1, line);
            }
        }
        return image;
    }

}
