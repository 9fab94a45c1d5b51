package clusterlab.life;

import java.io.PrintStream;

/**
 * Shows the board in a terminal, one character per cell under a header line.
 *
 * <p>In ANSI mode it clears the screen once, then moves the cursor home before each frame, so
 * frames overwrite each other and the board seems to move; live cells are {@code '█'}, and with
 * strips each row is drawn in its strip's colour. In plain mode (no escape codes, for logs, pipes
 * and terminals that do not understand them) frames follow each other with {@code '#'} and {@code '.'}.
 */
public final class TerminalView {
    private static final String CLEAR = "\033[2J";
    private static final String HOME = "\033[H";
    private static final String RESET = "\033[0m";
    /** ANSI foreground colours for strips: blue, red, green, magenta, yellow, cyan. */
    private static final int[] STRIP_COLOURS = {34, 31, 32, 35, 33, 36};

    private final PrintStream out;
    private final boolean plain;
    private boolean first = true;

    public TerminalView(PrintStream out, boolean plain) {
        this.out = out;
        this.plain = plain;
    }

    /** Draws one frame; {@code owners} (see {@link Strips#owners}) may be null. */
    public void show(Grid grid, int generation, int[] owners) {
        out.print(frame(grid, generation, owners));
        out.flush();
    }

    /** The text {@link #show} prints. */
    public String frame(Grid grid, int generation, int[] owners) {
        StringBuilder s = new StringBuilder();
        if (!plain) {
            s.append(first ? CLEAR + HOME : HOME);
        }
        first = false;
        s.append("generation ").append(generation).append(", population ").append(grid.population());
        s.append(plain ? "\n" : "\033[K\n"); // erase what a longer header left on the line
        for (int r = 0; r < grid.rows(); r++) {
            if (!plain && owners != null) {
                s.append("\033[").append(STRIP_COLOURS[owners[r] % STRIP_COLOURS.length]).append('m');
            }
            for (int c = 0; c < grid.cols(); c++) {
                boolean alive = grid.isAlive(r, c);
                s.append(plain ? (alive ? '#' : '.') : (alive ? '█' : ' '));
            }
            if (!plain && owners != null) {
                s.append(RESET);
            }
            s.append('\n');
        }
        if (plain) {
            s.append('\n');
        }
        return s.toString();
    }
}
