package clusterlab.net;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cluster.InstanceLimit;
import java.io.PrintStream;

/** `clusterlab server`: the SimpleServer with its bounded pool, running the echo service. */
public final class ServerCommand implements Command {
    @Override
    public Options options() {
        return InstanceLimit.declare(ServerOptions.declare(new Options("server",
                        "Run SimpleServer: one accept thread, a bounded pool of threads, an echo service."))
                .value("pool", "N", "8", "threads serving clients")
                .value("queue", "N", "16", "accepted clients that may wait for a thread; more are told busy"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        InstanceLimit.hold(args, "server");
        ServerConfig config = ServerOptions.read(args)
                .poolSize(args.integer("pool", 1, 10_000))
                .queueSize(args.integer("queue", 0, 1_000_000));
        SimpleServer server = new SimpleServer(config, new EchoService(), out);
        return ServerOptions.serveUntilStopped(server);
    }
}
