package clusterlab.primes;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.cluster.InstanceLimit;
import java.io.PrintStream;

/**
 * `clusterlab primes-worker`: sieves the blocks a primes-head hands out, until it says the work is
 * done; or, with --protocol article, sieves a share given on the command line and sends each prime
 * on a connection of its own, as the article's Python worker does ({@link ArticleWorker}).
 */
public final class PrimesWorkerCommand implements Command {
    private static final String NAME = "primes-worker";

    @Override
    public Options options() {
        return InstanceLimit.declare(new Options(NAME, "Sieve the blocks a primes-head hands out and send back their primes,"
                + " until it says the work is done.")
                .value("head", "HOST[:PORT]", null, "the head to connect to (port " + HeadSettings.DEFAULT_PORT + " unless given)")
                .value("threads", "N", String.valueOf(Runtime.getRuntime().availableProcessors()),
                        "threads, each with its own connection and block")
                .value("name", "NAME", null, "the name the head shows for this worker (default HOST/PID)")
                .value("give-up", "DURATION", "30s", "exit when no head answers for this long")
                .value("protocol", "ours|article", "ours", "ours: blocks from the head, their primes sent back in compact"
                        + " batches; article: the article's way, for lesson 11's comparison and capture: sieve --range and"
                        + " send each prime on a new connection (4-byte big-endian length, ASCII digits, close)")
                .value("range", "MIN:MAX", null, "with --protocol article: this worker's share, both ends included, as the"
                        + " article's deploy script passes it (--threads and --name are not used)"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String head = args.string("head");
        if (head == null || head.isEmpty()) {
            throw new UsageException("clusterlab " + NAME + ": --head HOST[:PORT] is required");
        }
        int colon = head.lastIndexOf(':');
        String host = colon < 0 ? head : head.substring(0, colon);
        int port = HeadSettings.DEFAULT_PORT;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(head.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535 || host.isEmpty()) {
                throw new UsageException("clusterlab " + NAME + ": --head must be HOST or HOST:PORT with a port from 1 to 65535,"
                        + " not '" + head + "'");
            }
        }
        String name = args.string("name") == null ? PrimesWorker.defaultName() : args.string("name");
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("clusterlab " + NAME + ": --name must be 1 to 100 printable characters");
        }
        int threads = args.integer("threads", 1, 1024);
        long giveUp = args.duration("give-up").toMillis();
        String protocol = args.string("protocol");
        String range = args.string("range");
        if (protocol.equals("article")) {
            if (range == null) {
                throw new UsageException("clusterlab " + NAME + ": --protocol article needs --range MIN:MAX, the share of the"
                        + " numbers this worker sieves (the head hands out no blocks in the article's protocol)");
            }
            PrimeRange share = PrimeRange.parse(range, NAME);
            InstanceLimit.hold(args, NAME);
            return new ArticleWorker(host, port, share, giveUp, out).run();
        }
        if (!protocol.equals("ours")) {
            throw new UsageException("clusterlab " + NAME + ": --protocol must be ours or article, not '" + protocol + "'");
        }
        if (range != null) {
            throw new UsageException("clusterlab " + NAME + ": --range is for --protocol article only; with our protocol the"
                    + " head hands out the blocks");
        }
        InstanceLimit.hold(args, NAME);
        return new PrimesWorker(host, port, threads, name, giveUp, out).run();
    }
}
