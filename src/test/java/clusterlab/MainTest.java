package clusterlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.net.EchoService;
import clusterlab.net.ServerConfig;
import clusterlab.net.SimpleServer;
import java.io.PrintStream;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class MainTest {
    private final CommandLine cli = new CommandLine();

    private int run(String... argv) {
        return cli.run(argv);
    }

    private String out() {
        return cli.out();
    }

    private String err() {
        return cli.err();
    }

    @Test
    void noArgumentsListsEveryCommand() {
        assertEquals(0, run());
        for (String name : new String[] {"server", "nio-server", "client", "calc", "calc-head", "calc-node", "minimum", "demo"}) {
            assertTrue(out().contains("\n  " + name + " "), name + " missing from:\n" + out());
        }
    }

    @Test
    void helpCommandAndHelpOptionShowTheSamePage() {
        assertEquals(0, run("help", "server"));
        String viaHelp = out();
        cli.reset();
        assertEquals(0, run("server", "--help"));
        assertEquals(viaHelp, out());
        assertTrue(viaHelp.contains("--pool N"));
        assertTrue(viaHelp.contains("(default 20000)"));
    }

    @Test
    void unknownCommandIsOneLineAndStatus2() {
        assertEquals(2, run("serve"));
        assertEquals("clusterlab: unknown command 'serve' (run clusterlab with no arguments for the list)\n", err());
    }

    @Test
    void badOptionsAreOneLineAndStatus2() {
        assertEquals(2, run("server", "--pool", "many"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("--pool must be a whole number"), err());
        cli.reset();
        assertEquals(2, run("client", "--port"));
        assertTrue(err().contains("option --port needs a value N"), err());
        cli.reset();
        assertEquals(2, run("demo", "nosuchdemo"));
        assertTrue(err().contains("no demo named 'nosuchdemo'"), err());
    }

    @Test
    void portInUseIsStatus2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertEquals(2, run("server", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort())));
            assertTrue(err().startsWith("port " + taken.getLocalPort() + " is already in use"), err());
        }
    }

    @Test
    void clientPrintsRepliesAndSendsInPieces() throws Exception {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        try (SimpleServer server = new SimpleServer(new ServerConfig().host("127.0.0.1").port(0), new EchoService(), quiet)) {
            server.initialise();
            String port = String.valueOf(server.port());
            assertEquals(0, run("client", "--port", port, "--chunk", "2", "one", "two"));
            assertTrue(out().matches("(?s)\\{\"from\":\"worker-\\d+\",\"echo\":\"one\"}\n\\{\"from\":\"worker-\\d+\",\"echo\":\"two\"}\n"), out());
            assertEquals(1, run("client", "--port", port, "{broken"));
            assertTrue(err().startsWith("clusterlab client: server said: invalid JSON at line 1, column 2"), err());
        }
    }

    @Test
    void clientToAClosedPortSaysNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(1, run("client", "--port", String.valueOf(port), "hello"));
        assertEquals("clusterlab client: nothing listens on 127.0.0.1:" + port + " (is the server running?)\n", err());
    }
}
