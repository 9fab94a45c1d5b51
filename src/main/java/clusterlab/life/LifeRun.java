package clusterlab.life;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The generation loop of `clusterlab life`: steps the board (whole, or as strips) and hands the
 * chosen generations to whichever outputs are switched on.
 */
final class LifeRun {
    private final int generations;
    private final int every;
    private Grid board;
    private StripBoard strips;
    private int[] owners;
    private int generation;

    private TerminalView terminal;
    private LifeWindow window;
    private Duration delay = Duration.ZERO;
    private int cell = 1;
    private Path png;
    private AnimatedGif gif;

    LifeRun(Grid start, int generations, int every) {
        this.board = start;
        this.generations = generations;
        this.every = every;
    }

    /** Runs the board as {@code count} strips exchanging halos; more than one also colours them. */
    void strips(int count) {
        if (count > 1) {
            strips = new StripBoard(board, count);
            owners = Strips.owners(strips.ranges());
        }
    }

    void terminal(TerminalView view, Duration delay) {
        this.terminal = view;
        this.delay = delay;
    }

    void window(LifeWindow window, int cell, Duration delay) {
        this.window = window;
        this.cell = cell;
        this.delay = delay;
    }

    /** The last board goes to {@code file}; if its name has a %d, every frame goes to its own file. */
    void png(Path file, int cell) {
        this.png = file;
        this.cell = cell;
    }

    void gif(AnimatedGif gif, int cell) {
        this.gif = gif;
        this.cell = cell;
    }

    /** The generation the run reached: all of them, unless the window was closed early. */
    int generation() {
        return generation;
    }

    /** Runs every generation and returns the last board. */
    Grid run() throws IOException, InterruptedException {
        for (generation = 0; ; generation++) {
            boolean last = generation == generations || (window != null && window.isClosed());
            if (last || generation % every == 0) {
                frame(last);
            }
            if (last) {
                break;
            }
            if (strips != null) {
                strips.step();
            } else {
                board = board.step();
            }
        }
        if (png != null && !png.toString().contains("%")) {
            PngSnapshot.write(current(), cell, owners, png);
        }
        return current();
    }

    private Grid current() {
        if (strips != null) {
            board = strips.board();
        }
        return board;
    }

    private void frame(boolean last) throws IOException, InterruptedException {
        Grid now = current();
        if (terminal != null) {
            terminal.show(now, generation, owners);
        }
        if (window != null && !window.isClosed()) {
            window.show(BoardImage.render(now, cell, owners),
                    "clusterlab life: generation " + generation + ", population " + now.population());
        }
        if (gif != null) {
            gif.addFrame(BoardImage.render(now, cell, owners));
        }
        if (png != null && png.toString().contains("%")) {
            PngSnapshot.write(now, cell, owners, Path.of(String.format(png.toString(), generation)));
        }
        if (!last && (terminal != null || window != null)) {
            Thread.sleep(delay.toMillis());
        }
    }

    void awaitWindowClosed() throws InterruptedException {
        if (window != null) {
            window.awaitClose();
        }
    }
}
