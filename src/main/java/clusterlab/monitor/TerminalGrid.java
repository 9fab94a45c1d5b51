package clusterlab.monitor;

import java.io.PrintStream;
import java.util.List;

/**
 * The grid in a terminal, in 24-bit ANSI colours: each square is two lines of text (ip, then
 * temperature) on its temperature's colour. The first frame clears the screen; each later one moves
 * the cursor home and writes over the last, erasing what is left of each line, so the grid seems to
 * stay put and change colour. Below it: the scale and the last log lines (the log is not printed
 * while this view has the screen).
 */
public final class TerminalGrid {
    private static final String CLEAR = "\033[2J";
    private static final String HOME = "\033[H";
    private static final String ERASE_LINE = "\033[K";
    private static final String ERASE_BELOW = "\033[J";
    private static final String RESET = "\033[0m";
    private static final int NARROWEST = 8;
    private static final int WIDEST = 17; // "255.255.255.255" and a space either side
    private static final int LOG_LINES = 5;

    private final PrintStream out;
    private final int width;
    private boolean first = true;

    /** @param width the terminal's width in characters: the squares share it */
    public TerminalGrid(PrintStream out, int width) {
        this.out = out;
        this.width = width;
    }

    /** Draws one frame. */
    public void show(GridState state, List<String> log) {
        out.print(frame(state, log));
        out.flush();
    }

    /** The text {@link #show} prints. */
    public String frame(GridState state, List<String> log) {
        StringBuilder s = new StringBuilder(first ? CLEAR + HOME : HOME);
        first = false;
        line(s, "clusterlab monitor: " + state.title());
        if (state.nodes().isEmpty()) {
            line(s, GridImage.WAITING);
        } else {
            grid(s, state);
        }
        line(s, legend());
        for (String entry : log.subList(Math.max(0, log.size() - LOG_LINES), log.size())) {
            line(s, entry);
        }
        return s.append(ERASE_BELOW).toString();
    }

    private void grid(StringBuilder s, GridState state) {
        GridLayout layout = state.layout();
        int cell = Math.max(NARROWEST, Math.min(WIDEST, width / layout.cols()));
        List<NodeStatus> nodes = state.nodes();
        for (int row = 0; row < layout.rows(); row++) {
            int from = row * layout.cols();
            int to = Math.min(nodes.size(), from + layout.cols());
            StringBuilder top = new StringBuilder();
            StringBuilder bottom = new StringBuilder();
            for (int i = from; i < to; i++) {
                NodeStatus node = nodes.get(i);
                int colour = TemperatureScale.of(node);
                square(top, colour, label(node.ip(), cell - 1), cell - 1);
                square(bottom, colour, NodeText.celsius(node.latest().temp()), cell - 1);
            }
            line(s, top.toString());
            line(s, bottom.toString());
        }
    }

    /** The ip when it fits; else its last two numbers (192.168.67.3 -> 67.3), which tell the desks apart. */
    static String label(String ip, int room) {
        return ip.length() <= room ? ip : ip.substring(ip.indexOf('.', ip.indexOf('.') + 1) + 1);
    }

    private static void square(StringBuilder s, int colour, String text, int cellWidth) {
        int left = (cellWidth - text.length()) / 2;
        s.append(background(colour)).append(foreground(TemperatureScale.textOn(colour)))
                .append(" ".repeat(Math.max(0, left))).append(text)
                .append(" ".repeat(Math.max(0, cellWidth - left - text.length()))).append(RESET).append(' ');
    }

    private static String legend() {
        StringBuilder s = new StringBuilder("scale:");
        for (double t = TemperatureScale.COLDEST; t <= TemperatureScale.HOTTEST; t += 10) {
            int colour = TemperatureScale.rgb(t);
            s.append(' ').append(background(colour)).append(foreground(TemperatureScale.textOn(colour)))
                    .append(' ').append((int) t).append(" C ").append(RESET);
        }
        return s.append(' ').append(background(TemperatureScale.STALE)).append(" silent ").append(RESET).toString();
    }

    private static String background(int rgb) {
        return "\033[48;2;" + (rgb >> 16 & 0xFF) + ";" + (rgb >> 8 & 0xFF) + ";" + (rgb & 0xFF) + "m";
    }

    private static String foreground(int rgb) {
        return "\033[38;2;" + (rgb >> 16 & 0xFF) + ";" + (rgb >> 8 & 0xFF) + ";" + (rgb & 0xFF) + "m";
    }

    private static void line(StringBuilder s, String text) {
        s.append(text).append(ERASE_LINE).append('\n');
    }
}
