package clusterlab.primes;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws the prime finder's panel ({@link PanelContent}) into a picture with plain Graphics2D, off
 * screen, so it works in a headless JVM on a machine with no display: the state, the values, the
 * progress bar, the worker table, the end of the log and the three buttons, as the window has them.
 */
public final class PanelPicture {
    public static final int WIDTH = 960;
    public static final int HEIGHT = 720;
    /** Rows of the worker table drawn; more workers are summed up in one last line. */
    static final int TABLE_ROWS = 8;

    static final Color BACKGROUND = Color.WHITE;
    static final Color TITLE_BAR = new Color(0x1f3a5f);
    static final Color BAR_DONE = new Color(0x2ca02c);
    private static final Color INK = new Color(0x202020);
    private static final Color MUTED = new Color(0x707070);
    private static final Color RULE = new Color(0xc8c8c8);
    private static final Color HEADER = new Color(0xe8e8e8);
    private static final Color LOG_BACKGROUND = new Color(0xf4f4f4);
    private static final Color RUNNING = new Color(0x1f77b4);
    private static final Color STOPPED = new Color(0xd62728);
    private static final Color COMPLETE = new Color(0x1a6e1a);
    private static final int MARGIN = 20;
    private static final int VALUE_X = 170;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font PLAIN = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TABLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TABLE_HEADER = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LOG = new Font(Font.MONOSPACED, Font.PLAIN, 12);

    private PanelPicture() {
    }

    /** The panel as a {@value #WIDTH} x {@value #HEIGHT} picture. */
    public static BufferedImage render(PanelContent content) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int y = title(g, content);
            y = fields(g, content, y);
            y = bar(g, content, y);
            y = table(g, content, y);
            int buttonsTop = HEIGHT - 50;
            log(g, content, y, buttonsTop - 12);
            buttons(g, content, buttonsTop);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static int title(Graphics2D g, PanelContent c) {
        g.setColor(TITLE_BAR);
        g.fillRect(0, 0, WIDTH, 40);
        g.setFont(TITLE);
        g.setColor(Color.WHITE);
        g.drawString(fit(c.title(), g.getFontMetrics(), WIDTH - 2 * MARGIN), MARGIN, 27);
        g.setFont(BOLD);
        g.setColor(c.canStart() ? STOPPED : c.canStop() ? RUNNING : COMPLETE);
        g.drawString(fit(c.state(), g.getFontMetrics(), WIDTH - 2 * MARGIN), MARGIN, 66);
        return 80;
    }

    private static int fields(Graphics2D g, PanelContent c, int top) {
        int y = top;
        for (PanelContent.Field f : c.fields()) {
            y += 21;
            g.setFont(BOLD);
            g.setColor(MUTED);
            g.drawString(f.label(), MARGIN, y);
            g.setFont(PLAIN);
            g.setColor(INK);
            g.drawString(fit(f.value(), g.getFontMetrics(), WIDTH - MARGIN - VALUE_X), VALUE_X, y);
        }
        return y + 14;
    }

    private static int bar(Graphics2D g, PanelContent c, int top) {
        int width = WIDTH - 2 * MARGIN;
        int height = 24;
        g.setColor(HEADER);
        g.fillRect(MARGIN, top, width, height);
        g.setColor(BAR_DONE);
        g.fillRect(MARGIN, top, (int) Math.round(width * Math.max(0, Math.min(1, c.fraction()))), height);
        g.setColor(RULE);
        g.setStroke(new BasicStroke(1));
        g.drawRect(MARGIN, top, width, height);
        g.setFont(BOLD);
        g.setColor(INK);
        FontMetrics m = g.getFontMetrics();
        g.drawString(c.progress(), MARGIN + (width - m.stringWidth(c.progress())) / 2, top + 17);
        return top + height + 16;
    }

    private static int table(Graphics2D g, PanelContent c, int top) {
        List<String> columns = PanelContent.WORKER_COLUMNS;
        List<List<String>> rows = c.workers();
        int shown = rows.size() <= TABLE_ROWS ? rows.size() : TABLE_ROWS - 1;
        int[] widths = new int[columns.size()];
        g.setFont(TABLE_HEADER);
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = g.getFontMetrics().stringWidth(columns.get(i));
        }
        g.setFont(TABLE);
        FontMetrics m = g.getFontMetrics();
        for (List<String> row : rows.subList(0, shown)) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], m.stringWidth(row.get(i)));
            }
        }
        // The name and address columns give way when the numbers need the room.
        int gap = 24;
        int numbers = 0;
        for (int i = PanelContent.FIRST_NUMBER_COLUMN; i < widths.length; i++) {
            numbers += widths[i] + gap;
        }
        int free = WIDTH - 2 * MARGIN - numbers - 2 * gap;
        widths[0] = Math.min(widths[0], Math.max(80, free * 3 / 5));
        widths[1] = Math.min(widths[1], Math.max(60, free - widths[0]));
        int[] x = new int[columns.size()];
        x[0] = MARGIN + 6;
        for (int i = 1; i < x.length; i++) {
            x[i] = x[i - 1] + widths[i - 1] + gap;
        }
        int rowHeight = 20;
        g.setColor(HEADER);
        g.fillRect(MARGIN, top, WIDTH - 2 * MARGIN, rowHeight);
        g.setFont(TABLE_HEADER);
        g.setColor(INK);
        for (int i = 0; i < columns.size(); i++) {
            cell(g, columns.get(i), i, x[i], widths[i], top + 15);
        }
        int y = top + rowHeight;
        g.setFont(TABLE);
        if (rows.isEmpty()) {
            g.setColor(MUTED);
            g.drawString("no workers yet", x[0], y + 15);
            y += rowHeight;
        }
        for (List<String> row : rows.subList(0, shown)) {
            g.setColor(INK);
            for (int i = 0; i < row.size(); i++) {
                cell(g, row.get(i), i, x[i], widths[i], y + 15);
            }
            y += rowHeight;
            g.setColor(RULE);
            g.drawLine(MARGIN, y, WIDTH - MARGIN, y);
        }
        if (shown < rows.size()) {
            g.setColor(MUTED);
            g.drawString("... and " + (rows.size() - shown) + " more workers", x[0], y + 15);
            y += rowHeight;
        }
        return y + 16;
    }

    private static void cell(Graphics2D g, String text, int column, int x, int width, int baseline) {
        FontMetrics m = g.getFontMetrics();
        String shown = fit(text, m, width);
        int at = column >= PanelContent.FIRST_NUMBER_COLUMN ? x + width - m.stringWidth(shown) : x;
        g.drawString(shown, at, baseline);
    }

    /** The box of log lines from {@code top} to {@code bottom}, the newest at the bottom. */
    private static void log(Graphics2D g, PanelContent c, int top, int bottom) {
        if (bottom - top < 30) {
            return;
        }
        g.setColor(LOG_BACKGROUND);
        g.fillRect(MARGIN, top, WIDTH - 2 * MARGIN, bottom - top);
        g.setColor(RULE);
        g.drawRect(MARGIN, top, WIDTH - 2 * MARGIN, bottom - top);
        g.setFont(LOG);
        g.setColor(INK);
        FontMetrics m = g.getFontMetrics();
        int lineHeight = m.getHeight();
        int fits = (bottom - top - 8) / lineHeight;
        List<String> log = c.log();
        List<String> shown = log.subList(Math.max(0, log.size() - fits), log.size());
        int y = top + 4 + m.getAscent();
        for (String line : shown) {
            g.drawString(fit(line, m, WIDTH - 2 * MARGIN - 12), MARGIN + 6, y);
            y += lineHeight;
        }
    }

    private static void buttons(Graphics2D g, PanelContent c, int top) {
        String[] labels = {"Start", "Stop", "Quit"};
        boolean[] enabled = {c.canStart(), c.canStop(), true};
        g.setFont(BOLD);
        FontMetrics m = g.getFontMetrics();
        int width = 90;
        int x = WIDTH - MARGIN - labels.length * (width + 10) + 10;
        for (int i = 0; i < labels.length; i++) {
            g.setColor(enabled[i] ? HEADER : BACKGROUND);
            g.fillRoundRect(x, top, width, 30, 8, 8);
            g.setColor(enabled[i] ? MUTED : RULE);
            g.drawRoundRect(x, top, width, 30, 8, 8);
            g.setColor(enabled[i] ? INK : RULE);
            g.drawString(labels[i], x + (width - m.stringWidth(labels[i])) / 2, top + 20);
            x += width + 10;
        }
    }

    /** The text, cut short with "..." when it is wider than {@code width} pixels. */
    static String fit(String text, FontMetrics m, int width) {
        if (m.stringWidth(text) <= width) {
            return text;
        }
        int end = text.length();
        while (end > 0 && m.stringWidth(text.substring(0, end) + "...") > width) {
            end--;
        }
        return text.substring(0, end) + "...";
    }
}
