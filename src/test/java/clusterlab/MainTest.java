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

    @Test
    void noArgumentsListsEveryCommand() {
        assertEquals(0, cli.run());
        for (String name : new String[] {"server", "nio-server", "client", "calc", "calc-head", "calc-node", "minimum", "demo"}) {
            assertTrue(cli.out().contains("\n  " + name + " "), name + " missing from:\n" + cli.out());
        }
    }

    @Test
    void helpCommandAndHelpOptionShowTheSamePage() {
        assertEquals(0, cli.run("help", "server"));
        String viaHelp = cli.out();
        cli.reset();
        assertEquals(0, cli.run("server", "--help"));
        assertEquals(viaHelp, cli.out());
        assertTrue(viaHelp.contains("--pool N"));
        assertTrue(viaHelp.contains("(default 20000)"));
    }

    @Test
    void unknownCommandIsOneLineAndStatus2() {
        assertEquals(2, cli.run("serve"));
        assertEquals("clusterlab: unknown command 'serve' (run clusterlab with no arguments for the list)\n", cli.err());
    }

    @Test
    void badOptionsAreOneLineAndStatus2() {
        assertEquals(2, cli.run("server", "--pool", "many"));
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(cli.err().contains("--pool must be a whole number"), cli.err());
        cli.reset();
        assertEquals(2, cli.run("client", "--port"));
        assertTrue(cli.err().contains("option --port needs a value N"), cli.err());
        cli.reset();
        assertEquals(2, cli.run("demo", "nosuchdemo"));
        assertTrue(cli.err().contains("no demo named 'nosuchdemo'"), cli.err());
    }

    @Test
    void portInUseIsStatus2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertEquals(2, cli.run("server", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort())));
            assertTrue(cli.err().startsWith("port " + taken.getLocalPort() + " is already in use"), cli.err());
        }
    }

    @Test
    void clientPrintsRepliesAndSendsInPieces() throws Exception {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        try (SimpleServer server = new SimpleServer(new ServerConfig().host("127.0.0.1").port(0), new EchoService(), quiet)) {
            server.initialise();
            String port = String.valueOf(server.port());
            assertEquals(0, cli.run("client", "--port", port, "--chunk", "2", "one", "two"));
            assertTrue(cli.out().matches("(?s)\\{\"from\":\"worker-\\d+\",\"echo\":\"one\"}\n\\{\"from\":\"worker-\\d+\",\"echo\":\"two\"}\n"), cli.out());
            assertEquals(1, cli.run("client", "--port", port, "{broken"));
            assertTrue(cli.err().startsWith("clusterlab client: server said: invalid JSON at line 1, column 2"), cli.err());
        }
    }

    @Test
    void clientToAClosedPortSaysNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(1, cli.run("client", "--port", String.valueOf(port), "hello"));
        assertEquals("clusterlab client: nothing listens on 127.0.0.1:" + port + " (is the server running?)\n", cli.err());
    }
}
