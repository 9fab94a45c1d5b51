package clusterlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Article E's Python worker framing (struct.pack('>I', n) + UTF-8 JSON) against our servers. */
class PythonInteropTest {
    /** Sends one report as the article's worker does, then reads our reply the same way. */
    private static final String WORKER = String.join("\n",
            "import json, socket, struct, sys",
            "def recv_exact(s, n):",
            "    data = b''",
            "    while len(data) < n:",
            "        chunk = s.recv(n - len(data))",
            "        if not chunk: raise EOFError('server closed after %d of %d bytes' % (len(data), n))",
            "        data += chunk",
            "    return data",
            "report = json.dumps({'ip': '10.0.0.7', 'temp': 51.2}).encode('utf-8')",
            "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
            "s.connect(('127.0.0.1', int(sys.argv[1])))",
            "s.sendall(struct.pack('>I', len(report)) + report)",
            "if sys.argv[2] == 'read-reply':",
            "    (n,) = struct.unpack('>I', recv_exact(s, 4))",
            "    reply = json.loads(recv_exact(s, n).decode('utf-8'))",
            "    print(reply['echo']['ip'], reply['echo']['temp'], reply['from'].split('-')[0])",
            "s.close()");

    private static boolean hasPython() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String runWorker(int port, String mode) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", WORKER, String.valueOf(port), mode).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python worker did not finish");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        return output.strip();
    }

    @Test
    void articleWorkerGetsAValidReplyFromBothServers() throws Exception {
        assumeTrue(hasPython(), "python3 is not installed");
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        ServerConfig config = new ServerConfig().host("127.0.0.1").port(0);
        try (Server pooled = new SimpleServer(config, new EchoService(), quiet);
                Server selector = new NioServer(config, new EchoService(), quiet, false)) {
            pooled.initialise();
            selector.initialise();
            assertEquals("10.0.0.7 51.2 worker", runWorker(pooled.port(), "read-reply"));
            assertEquals("10.0.0.7 51.2 selector", runWorker(selector.port(), "read-reply"));
        }
    }

    @Test
    void articleWorkerThatSendsAndClosesAtOnceIsServedCleanly() throws Exception {
        assumeTrue(hasPython(), "python3 is not installed");
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        try (Server server = new SimpleServer(new ServerConfig().host("127.0.0.1").port(0), new EchoService(), quiet)) {
            server.initialise();
            runWorker(server.port(), "send-only");
            EchoServerContract.await(() -> server.stats().served() == 1, "the worker's connection to end");
            assertEquals(1, server.stats().frames());
            assertEquals(0, server.stats().badInput());
        }
    }
}
