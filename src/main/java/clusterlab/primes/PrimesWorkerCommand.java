package clusterlab.primes;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.cluster.InstanceLimit;
import java.io.PrintStream;

/** `clusterlab primes-worker`: sieves the blocks a primes-head hands out, until it says the work is done. */
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
                .value("give-up", "DURATION", "30s", "exit when no head answers for this long"));
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
        InstanceLimit.hold(args, NAME);
        return new PrimesWorker(host, port, threads, name, giveUp, out).run();
    }
}
