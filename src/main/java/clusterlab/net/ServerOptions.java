package clusterlab.net;

import clusterlab.cli.Args;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.wire.Frames;
import java.util.concurrent.CountDownLatch;

/** The options both server commands share, and how a server command runs until it is stopped. */
final class ServerOptions {
    private ServerOptions() {
    }

    static Options declare(Options options) {
        return options
                .value("host", "ADDRESS", "0.0.0.0", "address to listen on (0.0.0.0: every interface)")
                .value("port", "N", String.valueOf(ServerConfig.DEFAULT_PORT), "TCP port")
                .value("backlog", "N", "128", "connections the system may hold before accept (the article used 5)")
                .value("timeout", "DURATION", "30s", "drop a client silent for this long (0: never)")
                .value("max-frame", "SIZE", "16MiB", "largest frame accepted");
    }

    static ServerConfig read(Args args) throws UsageException {
        return new ServerConfig()
                .host(args.string("host"))
                .port(args.integer("port", 0, 65535))
                .backlog(args.integer("backlog", 1, 65535))
                .timeoutMillis((int) Math.min(Integer.MAX_VALUE, args.duration("timeout").toMillis()))
                .maxFrameLength(args.bytes("max-frame", 0, Integer.MAX_VALUE - Frames.HEADER_BYTES));
    }

    /** Serves until Ctrl-C or a kill; the shutdown hook closes the server, which prints its totals. */
    static int serveUntilStopped(Server server) throws java.io.IOException, InterruptedException {
        server.initialise();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }
}
