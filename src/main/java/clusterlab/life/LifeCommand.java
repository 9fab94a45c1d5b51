package clusterlab.life;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * `clusterlab life`: the Game of Life on one process, from a pattern file, a built-in pattern or
 * a random soup, shown in the terminal or a window and saved as PNG or GIF. With {@code --strips N}
 * the board is run as N strips exchanging halo rows, exactly as N ranks would, and the fingerprint
 * printed at the end is the same as with one.
 */
public final class LifeCommand implements Command {
    @Override
    public Options options() {
        return new Options("life", "Run Conway's Game of Life and print the final generation, population and fingerprint.")
                .value("pattern", "FILE", null, "start from an RLE pattern file, placed in the centre")
                .value("builtin", "NAME", null, "start from a built-in pattern: " + String.join(", ", BuiltinPatterns.names())
                        + " (gun when no start is given)")
                .value("soup", "SEED", null, "start from a random board made from the number SEED")
                .value("density", "FRACTION", "0.3", "share of live cells in a --soup")
                .value("rows", "N", "40", "rows of the board")
                .value("cols", "N", "80", "columns of the board")
                .value("generations", "G", "100", "generations to run")
                .value("edges", "torus|dead", "torus", "torus: the edges wrap around; dead: beyond them all is dead")
                .value("view", "terminal|window|none", "terminal", "where to watch it")
                .value("delay", "TIME", "100ms", "pause between frames shown, and each GIF frame's time")
                .flag("no-color", "terminal view without escape codes: '#' and '.', frames one after another")
                .value("png", "FILE", null, "save the last board as PNG; a name with %d (life-%04d.png) saves every frame")
                .value("gif", "FILE", null, "save the frames as an animated GIF that loops")
                .value("cell", "PIXELS", "4", "size of a cell in pictures and the window")
                .value("every", "N", "1", "show and save every Nth generation (the first and last always)")
                .value("strips", "N", "1", "run the board as N strips exchanging halo rows, as N ranks would, each in its colour");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        int rows = args.integer("rows", 1, 100_000);
        int cols = args.integer("cols", 1, 100_000);
        Edges edges = edges(args.string("edges"));
        Grid start = startBoard(args, rows, cols, edges);
        LifeRun run = new LifeRun(start, args.integer("generations", 0, Integer.MAX_VALUE - 1), args.integer("every", 1, Integer.MAX_VALUE));
        run.strips(strips(args, rows));
        String view = args.string("view");
        Duration delay = args.duration("delay");
        int cell = args.integer("cell", 1, BoardImage.MAX_SIDE);
        if ((long) cell * Math.max(rows, cols) > BoardImage.MAX_SIDE && (args.string("png") != null
                || args.string("gif") != null || view.equals("window"))) {
            throw usage("a " + rows + "x" + cols + " board with --cell " + cell + " would be more than "
                    + BoardImage.MAX_SIDE + " pixels wide or high; use a smaller --cell");
        }
        switch (view) {
            case "terminal":
                run.terminal(new TerminalView(out, args.flag("no-color")), delay);
                break;
            case "window":
                if (!LifeWindow.available()) {
                    throw usage("--view window needs a display and there is none (a headless JVM, or DISPLAY is not set);"
                            + " use --view terminal, or --view none with --png or --gif");
                }
                run.window(new LifeWindow("clusterlab life", cols * cell, rows * cell), cell, delay);
                break;
            case "none":
                break;
            default:
                throw usage("--view must be terminal, window or none, not '" + view + "'");
        }
        if (args.string("png") != null) {
            run.png(Path.of(args.string("png")), cell);
        }
        Grid last;
        if (args.string("gif") != null) {
            try (AnimatedGif gif = new AnimatedGif(Path.of(args.string("gif")), delay)) {
                run.gif(gif, cell);
                last = run.run();
            }
        } else {
            last = run.run();
        }
        out.println("generation " + run.generation() + ", population " + last.population() + ", fingerprint " + last.fingerprint());
        if (view.equals("window")) {
            out.println("close the window to finish");
            run.awaitWindowClosed();
        }
        return 0;
    }

    static Edges edges(String text) throws UsageException {
        try {
            return Edges.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage("--" + e.getMessage());
        }
    }

    private static int strips(Args args, int rows) throws UsageException {
        int strips = args.integer("strips", 1, 100_000);
        try {
            Strips.split(rows, strips);
        } catch (IllegalArgumentException e) {
            throw usage("--strips " + strips + ": " + e.getMessage());
        }
        return strips;
    }

    /** The board to start from, as --pattern, --builtin or --soup say (the gun when none does). */
    static Grid startBoard(Args args, int rows, int cols, Edges edges) throws UsageException {
        String file = args.string("pattern");
        String builtin = args.string("builtin");
        String soup = args.string("soup");
        int given = (file == null ? 0 : 1) + (builtin == null ? 0 : 1) + (soup == null ? 0 : 1);
        if (given > 1) {
            throw usage("choose one of --pattern, --builtin and --soup");
        }
        if (soup != null) {
            return Soup.random(rows, cols, edges, seed(soup), density(args.string("density")));
        }
        Pattern pattern;
        if (file != null) {
            pattern = readPattern(Path.of(file));
        } else {
            try {
                pattern = BuiltinPatterns.get(builtin == null ? "gun" : builtin);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        try {
            return pattern.centredIn(rows, cols, edges);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private static Pattern readPattern(Path file) throws UsageException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw usage("no such pattern file: " + file);
        } catch (IOException e) {
            throw usage("cannot read " + file + ": " + e.getMessage());
        }
        try {
            Pattern pattern = RleParser.parse(text);
            return pattern.name().isEmpty() ? new Pattern(file.getFileName().toString(), cells(pattern)) : pattern;
        } catch (RleException e) {
            throw usage(file + ": " + e.getMessage());
        }
    }

    private static boolean[][] cells(Pattern p) {
        boolean[][] cells = new boolean[p.height()][p.width()];
        for (int r = 0; r < p.height(); r++) {
            for (int c = 0; c < p.width(); c++) {
                cells[r][c] = p.isAlive(r, c);
            }
        }
        return cells;
    }

    private static long seed(String text) throws UsageException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw usage("--soup must be a whole number (the random seed), not '" + text + "'");
        }
    }

    private static double density(String text) throws UsageException {
        try {
            double d = Double.parseDouble(text);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("--density must be a number from 0 to 1, not '" + text + "'");
    }

    private static UsageException usage(String message) {
        return new UsageException("clusterlab life: " + message);
    }
}
