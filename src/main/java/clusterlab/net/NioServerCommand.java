package clusterlab.net;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cluster.InstanceLimit;
import java.io.PrintStream;

/** `clusterlab nio-server`: the same echo service on one selector thread. */
public final class NioServerCommand implements Command {
    @Override
    public Options options() {
        return InstanceLimit.declare(ServerOptions.declare(new Options("nio-server",
                        "Run the echo service on one selector thread with non-blocking sockets."))
                .value("max-connections", "N", "10000", "connections open at once; more are told busy")
                .flag("trace", "print every read and where the frame decoder stands"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        InstanceLimit.hold(args, "nio-server");
        ServerConfig config = ServerOptions.read(args).maxConnections(args.integer("max-connections", 1, 1_000_000));
        NioServer server = new NioServer(config, new EchoService(), out, args.flag("trace"));
        return ServerOptions.serveUntilStopped(server);
    }
}
