package clusterlab.primes;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * `clusterlab primes-head`: the prime finder's head; or, with --verify, the checker of an output
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
                .value("view", "none|terminal", null, "terminal: a progress bar on stderr; none: only the log and the summary"
                        + " (default: terminal when run on a terminal)")
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
                .out(args.string("out") == null ? null : path(args, "out"))
                .host(args.string("host"))
                .port(args.integer("port", 0, 65535))
                .shares(args.string("static") == null ? 1 : args.integer("static", 1, 100_000))
                .leaseMillis((int) Math.min(Integer.MAX_VALUE, Math.max(1, args.duration("lease").toMillis())))
                .sample(sample(args))
                .memoryLimit(args.bytes("memory", 0, Integer.MAX_VALUE))
                .maxConnections(args.integer("max-connections", 1, 100_000))
                .localThreads(args.integer("local", 0, 1024));
        ProgressView view = view(args, err);
        try (PrimesHead head = new PrimesHead(settings, view == ProgressView.NONE ? err : new PrintStream(PrintStream.nullOutputStream()))) {
            head.start();
            try {
                while (!head.awaitComplete(250)) {
                    view.update(head.model().snapshot());
                }
            } finally {
                view.finish(head.model().snapshot());
            }
            Summary.print(head.model().snapshot(), out);
        }
        return 0;
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

    private static ProgressView view(Args args, PrintStream err) throws UsageException {
        String view = args.string("view");
        if (view == null) {
            view = System.console() != null ? "terminal" : "none";
        }
        switch (view) {
            case "none":
                return ProgressView.NONE;
            case "terminal":
                return new TerminalProgress(err);
            default:
                throw new UsageException("clusterlab " + NAME + ": --view must be none or terminal, not '" + view + "'");
        }
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
