package clusterlab.primes;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * `clusterlab primes-head`: the prime finder's head, shown in a window, a web page, a terminal bar
 * or not at all, with a picture of the panel on request; or, with --verify, the checker of an output
 * file (a separate mode rather than a command of its own, since it needs the same --range).
 */
public final class PrimesHeadCommand implements Command {
    private static final String NAME = PrimesHead.COMMAND;

    @Override
    public Options options() {
        return new Options(NAME, "Hand out blocks of a range to prime workers and write the primes in order, resumable;"
                + " or check an output with --verify.")
                .value("range", "MIN:MAX", "1:1000000000", "the numbers to search, both ends included (1e9 is accepted for 1000000000)")
                .value("block", "N", String.valueOf(HeadSettings.DEFAULT_BLOCK), "numbers in a block (1 to 1000000000)")
                .value("out", "FILE", null, "write the primes here, one a line, ascending; FILE.ckpt beside it lets a restarted"
                        + " head with the same --range and --block resume (without --out the primes are only counted)")
                .value("host", "ADDRESS", "0.0.0.0", "address to listen on")
                .value("port", "N", String.valueOf(HeadSettings.DEFAULT_PORT), "port the workers connect to; the article's"
                        + " workers (one prime in ASCII digits per connection) may send here too: their primes are counted"
                        + " and shown, but are not part of --out")
                .value("static", "N", null, "split the range once into N shares, one per worker, as the article's deploy script"
                        + " does (default: hand out blocks as workers ask)")
                .value("lease", "DURATION", "60s", "a worker silent this long over one block is dropped and the block handed out again")
                .value("check", "N|all", "64", "primes of each batch the head tests with Miller-Rabin (besides a window it re-sieves)")
                .value("memory", "SIZE", "64MiB", "finished blocks kept in memory while an earlier one is missing; more wait in"
                        + " FILE.spill/")
                .value("max-connections", "N", "512", "connections served at once")
                .value("local", "N", "0", "also run N worker threads in this process")
                .value("backlog", "N", String.valueOf(HeadSettings.DEFAULT_BACKLOG), "connection requests the system queues"
                        + " before the head accepts them (1 to 65535; the system may cap it); the article's head used 50: with"
                        + " one-connection-per-prime workers a full queue drops requests, which TCP sends again only a second or"
                        + " more later")
                .value("view", "swing|web|terminal|none", null, "swing: a window with the log, the workers and Start, Stop and"
                        + " Quit; web: a page at http://WEB-HOST:WEB-PORT/ with Start and Stop; terminal: a progress bar on"
                        + " stderr; none: only the log and the summary (default: swing when there is a display, else terminal"
                        + " when run on a terminal, else none)")
                .value("web-host", "ADDRESS", "127.0.0.1", "address the web view listens on (this machine only, unless changed)")
                .value("web-port", "N", "8080", "port of the web view (0: any free port)")
                .flag("paused", "start stopped: no blocks go out until Start is pressed in the window or on the web page")
                .value("snapshot", "FILE.png", null, "at the end of the run, save a picture of the window's panel (no display needed)")
                .value("snapshot-every", "DURATION", null, "with --snapshot, save the picture this often while the run goes on too")
                .value("verify", "FILE", null, "check FILE against --range (one prime a line, ascending, unique, prime, complete),"
                        + " print its count and exit: 0 if it passes, 1 with the first fault if not");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        PrimeRange range = PrimeRange.parse(args.string("range"), NAME);
        if (args.string("verify") != null) {
            return verify(path(args, "verify"), range, out, err);
        }
        HeadSettings settings = new HeadSettings()
                .range(range)
                .blockSize(args.integer("block", 1, (int) Protocol.MAX_BLOCK))
                .out(args.string("out") == null ? null : outputPath(args, "out"))
                .host(args.string("host"))
                .port(args.integer("port", 0, 65535))
                .shares(args.string("static") == null ? 1 : args.integer("static", 1, 100_000))
                .leaseMillis((int) Math.min(Integer.MAX_VALUE, Math.max(1, args.duration("lease").toMillis())))
                .sample(sample(args))
                .memoryLimit(args.bytes("memory", 0, Integer.MAX_VALUE))
                .maxConnections(args.integer("max-connections", 1, 100_000))
                .localThreads(args.integer("local", 0, 1024))
                .backlog(args.integer("backlog", 1, 65535))
                .paused(args.flag("paused"));
        String view = view(args);
        if (settings.paused() && !view.equals("swing") && !view.equals("web")) {
            throw new UsageException("clusterlab " + NAME + ": --paused needs --view swing or --view web, whose Start button"
                    + " starts the run; with --view " + view + " nothing would");
        }
        String webHost = args.string("web-host");
        int webPort = args.integer("web-port", 0, 65535);
        if (view.equals("web") && new InetSocketAddress(webHost, webPort).isUnresolved()) {
            throw new UsageException("clusterlab " + NAME + ": --web-host '" + webHost + "' is not an address of this machine");
        }
        SnapshotWriter snapshot = snapshot(args);
        PrimesWindow window = null;
        PrimesModel model;
        PrintStream log = view.equals("terminal") ? new PrintStream(PrintStream.nullOutputStream()) : err;
        // The web view binds before the head starts, so a port already taken is the only thing said.
        try (PrimesHead head = new PrimesHead(settings, log);
                PrimesWebView web = view.equals("web") ? new PrimesWebView(head.model(), head, webHost, webPort) : null) {
            List<ProgressView> views = new ArrayList<>();
            if (web != null) {
                err.println("web view at http://" + webHost + ":" + web.port() + "/");
                views.add(web);
            }
            head.start();
            if (view.equals("swing")) {
                window = new PrimesWindow(head.model(), head);
                views.add(window);
            }
            if (view.equals("terminal")) {
                views.add(new TerminalProgress(err));
            }
            if (snapshot != null) {
                views.add(snapshot);
            }
            watch(head, views);
            model = head.model();
        }
        // After the close, which finishes the writes under way: the summary counts what is on disk.
        PrimesModel.Snapshot last = model.snapshot();
        boolean quit = !last.complete();
        Summary.print(last, out);
        if (quit) {
            err.println("clusterlab " + NAME + ": quit with " + last.blocksWritten() + " of " + last.blockCount()
                    + " blocks on disk" + (settings.out() == null ? "" : "; run the same command again to resume from "
                    + Checkpoint.pathFor(settings.out())));
        }
        if (snapshot != null && snapshot.failure() != null) {
            err.println("clusterlab " + NAME + ": " + snapshot.failure().getMessage());
            return 1;
        }
        if (window != null) {
            if (!quit) {
                out.println("close the window to finish");
            }
            window.awaitClosed();
        }
        return 0;
    }

    /** Shows the run in the views until every block is on disk or a view asked to quit, then once more. */
    private static void watch(PrimesHead head, List<ProgressView> views) throws IOException, InterruptedException {
        try {
            while (!head.awaitComplete(250) && !head.quitRequested()) {
                PrimesModel.Snapshot now = head.model().snapshot();
                views.forEach(v -> v.update(now));
            }
        } finally {
            PrimesModel.Snapshot last = head.model().snapshot();
            views.forEach(v -> v.finish(last));
        }
    }

    /** --check: a number of primes, or all of them (-1). */
    private static int sample(Args args) throws UsageException {
        String check = args.string("check");
        if (check.equals("all")) {
            return -1;
        }
        try {
            return args.integer("check", 0, 1_000_000);
        } catch (UsageException e) {
            throw new UsageException("clusterlab " + NAME + ": --check must be a whole number from 0 to 1000000, or all, not '"
                    + check + "'");
        }
    }

    /** The --view asked for, or the default: a window if there is a display, a bar if a terminal, else none. */
    private static String view(Args args) throws UsageException {
        String view = args.string("view");
        if (view == null) {
            return PrimesWindow.available() ? "swing" : System.console() != null ? "terminal" : "none";
        }
        switch (view) {
            case "swing":
                if (!PrimesWindow.available()) {
                    throw new UsageException("clusterlab " + NAME + ": --view swing needs a display and there is none (a headless"
                            + " JVM, or DISPLAY is not set); use --view web, terminal or none, with --snapshot FILE.png for a picture");
                }
                return view;
            case "web":
            case "terminal":
            case "none":
                return view;
            default:
                throw new UsageException("clusterlab " + NAME + ": --view must be swing, web, terminal or none, not '" + view + "'");
        }
    }

    /** The --snapshot writer, or null without --snapshot. */
    private static SnapshotWriter snapshot(Args args) throws UsageException {
        String every = args.string("snapshot-every");
        if (args.string("snapshot") == null) {
            if (every != null) {
                throw new UsageException("clusterlab " + NAME + ": --snapshot-every needs --snapshot FILE.png");
            }
            return null;
        }
        Path file = outputPath(args, "snapshot").toAbsolutePath();
        if (file.getFileName() == null || !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException("clusterlab " + NAME + ": --snapshot must name a .png file, not '" + args.string("snapshot") + "'");
        }
        Duration period = every == null ? null : args.duration("snapshot-every");
        if (period != null && period.isZero()) {
            throw new UsageException("clusterlab " + NAME + ": --snapshot-every must be a duration above zero, such as 5s");
        }
        return new SnapshotWriter(file, period);
    }

    private static int verify(Path file, PrimeRange range, PrintStream out, PrintStream err) throws Exception {
        try {
            PrimesVerifier.Result r = new PrimesVerifier(file, range).verify();
            out.println(file + ": " + r.count() + " primes of " + range + ", ascending, each once, all prime, none missing"
                    + (r.count() > 0 ? "; the largest " + r.largest() : ""));
            return 0;
        } catch (PrimesVerifier.VerifyException e) {
            err.println("clusterlab " + NAME + ": " + e.getMessage());
            return 1;
        }
    }

    /** A file the head writes: its directory must be there already. */
    private static Path outputPath(Args args, String option) throws UsageException {
        Path file = path(args, option);
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UsageException("clusterlab " + NAME + ": --" + option + " " + args.string(option) + ": the directory "
                    + directory + " does not exist");
        }
        return file;
    }

    private static Path path(Args args, String option) throws UsageException {
        String text = args.string(option);
        try {
            if (text.isEmpty()) {
                throw new InvalidPathException(text, "empty");
            }
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException("clusterlab " + NAME + ": --" + option + " '" + text + "' is not a valid path");
        }
    }
}
