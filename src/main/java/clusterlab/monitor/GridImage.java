package clusterlab.monitor;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The grid drawn as a picture, off-screen: a square per node in its temperature's colour (grey when
 * silent), with its ip and temperature. The Swing window paints it, scaled to fit, and
 * {@code --snapshot} saves it as PNG. Drawing into a BufferedImage needs no display, so snapshots
 * work on a headless head.
 */
public final class GridImage {
    /** A square's size in pixels, its 1-pixel margin included: room for "192.168.67.3" and "51.2 C". */
    public static final int CELL_WIDTH = 100;
    public static final int CELL_HEIGHT = 50;
    public static final int BACKGROUND = 0x202020;
    public static final String WAITING = "Waiting for data...";

    private static final int MARGIN = 1;
    private static final Font IP_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TEMP_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);

    private GridImage() {
    }

    /** The grid of {@code nodes} (in address order) laid out as {@code layout}, or "Waiting for data..." when there are none. */
    public static BufferedImage render(List<NodeStatus> nodes, GridLayout layout) {
        Dimension size = size(nodes, layout);
        BufferedImage image = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        paint(g, nodes, layout);
        g.dispose();
        return image;
    }

    /** The picture's size in pixels. */
    public static Dimension size(List<NodeStatus> nodes, GridLayout layout) {
        return nodes.isEmpty()
                ? new Dimension(4 * CELL_WIDTH, 2 * CELL_HEIGHT)
                : new Dimension(layout.cols() * CELL_WIDTH, layout.rows() * CELL_HEIGHT);
    }

    /** Draws the picture at full size onto {@code g}: a window scales {@code g} first to fit itself. */
    public static void paint(Graphics2D g, List<NodeStatus> nodes, GridLayout layout) {
        if (nodes.size() > layout.rows() * layout.cols()) {
            throw new IllegalArgumentException(nodes.size() + " nodes do not fit a " + layout.rows() + " x " + layout.cols() + " grid");
        }
        Dimension size = size(nodes, layout);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(BACKGROUND));
        g.fillRect(0, 0, size.width, size.height);
        if (nodes.isEmpty()) {
            g.setColor(Color.WHITE);
            g.setFont(TEMP_FONT);
            FontMetrics metrics = g.getFontMetrics();
            g.drawString(WAITING, (size.width - metrics.stringWidth(WAITING)) / 2, size.height / 2 + metrics.getAscent() / 2);
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            NodeStatus node = nodes.get(i);
            int x = layout.col(i) * CELL_WIDTH;
            int y = layout.row(i) * CELL_HEIGHT;
            int colour = TemperatureScale.of(node);
            g.setColor(new Color(colour));
            g.fillRect(x + MARGIN, y + MARGIN, CELL_WIDTH - 2 * MARGIN, CELL_HEIGHT - 2 * MARGIN);
            g.setColor(new Color(TemperatureScale.textOn(colour)));
            centred(g, IP_FONT, node.ip(), x, y + 17);
            centred(g, TEMP_FONT, NodeText.celsius(node.latest().temp()), x, y + 38);
        }
    }

    private static void centred(Graphics2D g, Font font, String text, int cellX, int baseline) {
        g.setFont(font);
        g.drawString(text, cellX + (CELL_WIDTH - g.getFontMetrics().stringWidth(text)) / 2, baseline);
    }

    /** The index of the node whose square holds pixel (x, y) of a picture drawn at full size, or -1. */
    public static int indexAt(GridLayout layout, int nodes, int x, int y) {
        if (layout.isEmpty() || x < 0 || y < 0) {
            return -1;
        }
        int col = x / CELL_WIDTH;
        int row = y / CELL_HEIGHT;
        int index = row * layout.cols() + col;
        return col < layout.cols() && index < nodes ? index : -1;
    }

    /** Saves the grid as a PNG file. */
    public static void writePng(List<NodeStatus> nodes, GridLayout layout, Path file) throws IOException {
        if (!ImageIO.write(render(nodes, layout), "png", file.toFile())) {
            throw new IOException("this JDK has no PNG writer"); // every JDK has one; ImageIO only says so by returning false
        }
    }
}
