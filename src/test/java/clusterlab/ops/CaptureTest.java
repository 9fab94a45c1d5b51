package clusterlab.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import clusterlab.net.BadRequestException;
import clusterlab.net.EchoService;
import clusterlab.net.ServerConfig;
import clusterlab.net.SimpleServer;
import clusterlab.wire.FrameReader;
import clusterlab.wire.Frames;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scripts/capture.sh and the Wireshark dissector scripts/wireshark/clusterlab.lua
 * against a small framed echo server on the loopback interface.
 *
 * <p>Skipped when tshark is not installed or when this user may not capture packets.
 * Everything talks to 127.0.0.1 only and every process wait is bounded.
 */
class CaptureTest {

    /** Upper bound for any process started here. */
    private static final long PROCESS_TIMEOUT_SECONDS = 60;

    private static final String JSON_FRAME = "{\"ip\":\"10.0.0.1\",\"temp\":51.2}";
    private static final String TEXT_FRAME = "hello";
    private static final byte[] RAW_FRAME = {0, 1, 2, (byte) 0xff};

    private static Path root;

    @TempDir
    Path tmp;

    private SimpleServer server;

    @BeforeAll
    static void needTshark() {
        Assumptions.assumeTrue(onPath("tshark"), "tshark is not installed");
        root = Path.of(System.getProperty("clusterlab.root", ".")).toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(root.resolve("scripts/capture.sh")),
                "scripts/capture.sh not found under " + root + " (set -Dclusterlab.root)");
    }

    /** The demo server the lessons use, on loopback, on a port the system picks. */
    @BeforeEach
    void startServer() throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        server = new SimpleServer(new ServerConfig().host("127.0.0.1").port(0), new EchoService(), quiet);
        server.initialise();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void captureShowsTheThreePhasesAndDecodedFrames() throws Exception {
        Path pcap = tmp.resolve("x.pcap");
        Result r = runCapture(pcap, "plain");
        String out = r.output;

        // Handshake: SYN, SYN-ACK, ACK.
        assertTrue(hasLine(out, "handshake", "client:\\d+ -> server", "SYN"), out);
        assertTrue(hasLine(out, "handshake", "server -> client:\\d+", "SYN,ACK"), out);
        assertTrue(hasLine(out, "handshake", "client:\\d+ -> server", "ACK"), out);
        // Data: PSH segments in both directions.
        assertTrue(hasLine(out, "data", "client:\\d+ -> server", "PSH,ACK"), out);
        assertTrue(hasLine(out, "data", "server -> client:\\d+", "PSH,ACK"), out);
        // Close: a FIN from each side, then the last ACK.
        assertTrue(hasLine(out, "close", "client:\\d+ -> server", "FIN,ACK"), out);
        assertTrue(hasLine(out, "close", "server -> client:\\d+", "FIN,ACK"), out);
        assertTrue(hasLine(out, "close", ".*", "ACK"), out);

        // The dissector decoded the frames: lengths and payloads.
        int jsonLen = utf8(JSON_FRAME).length;
        assertTrue(out.contains("frame: " + jsonLen + " bytes json " + JSON_FRAME), out);
        assertTrue(out.contains("frame: 5 bytes text \"hello\""), out);
        String reply = new String(expectedReply(utf8(TEXT_FRAME)), StandardCharsets.UTF_8);
        assertTrue(out.contains("frame: " + utf8(reply).length + " bytes json " + reply), out);

        // The phases come in order: no handshake after data, no data after close.
        List<String> phases = new ArrayList<>();
        for (String line : out.split("\n")) {
            String p = line.split(" ", 2)[0];
            if ((p.equals("handshake") || p.equals("data") || p.equals("close"))
                    && (phases.isEmpty() || !phases.get(phases.size() - 1).equals(p))) {
                phases.add(p);
            }
        }
        assertEquals(List.of("handshake", "data", "close"), phases, out);
        assertTrue(Files.size(pcap) > 24, "the pcap file holds packets");
    }

    @Test
    void dissectorReassemblesSplitFramesAndSplitsSharedSegments() throws Exception {
        Path pcap = tmp.resolve("split.pcap");
        runCapture(pcap, "split");

        // Read the capture back with tshark and the dissector, one line per packet:
        // number, source port, TCP payload length, frame lengths (comma separated).
        List<String> cmd = List.of("tshark", "-n", "-r", pcap.toString(),
                "-X", "lua_script:" + root.resolve("scripts/wireshark/clusterlab.lua"),
                "-o", "clusterlab.ports:" + server.port(),
                "-Y", "tcp.len > 0",
                "-T", "fields", "-E", "separator=/t",
                "-e", "frame.number", "-e", "tcp.srcport", "-e", "tcp.len",
                "-e", "clusterlab.length", "-e", "clusterlab.kind");
        Result r = run(cmd, tmp.resolve("tshark.out"));
        assertEquals(0, r.exitCode, r.output);

        List<Integer> fromClient = new ArrayList<>();
        List<Integer> fromServer = new ArrayList<>();
        List<String> clientKinds = new ArrayList<>();
        boolean sawHeaderOnlySegment = false;
        boolean sawTwoFramesInOneSegment = false;
        for (String line : r.output.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5 || !f[0].matches("\\d+")) {
                continue; // tshark's "Running as user root" warning and the like
            }
            boolean client = Integer.parseInt(f[1]) != server.port();
            int tcpLen = Integer.parseInt(f[2]);
            if (client && tcpLen == 4 && f[3].isEmpty()) {
                sawHeaderOnlySegment = true; // first half of the split frame: nothing decoded yet
            }
            if (f[3].isEmpty()) {
                continue;
            }
            String[] lengths = f[3].split(",");
            if (client && lengths.length == 2) {
                sawTwoFramesInOneSegment = true;
            }
            for (String len : lengths) {
                (client ? fromClient : fromServer).add(Integer.parseInt(len));
            }
            if (client) {
                clientKinds.addAll(List.of(f[4].split(",")));
            }
        }

        assertTrue(sawHeaderOnlySegment, "a 4-byte segment with just the header:\n" + r.output);
        assertTrue(sawTwoFramesInOneSegment, "one segment with two frames:\n" + r.output);
        // Each frame decoded exactly once, with its length.
        assertEquals(List.of(utf8(JSON_FRAME).length, TEXT_FRAME.length(), RAW_FRAME.length),
                fromClient, r.output);
        assertEquals(List.of("json", "text", "bytes"), clientKinds, r.output);
        assertEquals(List.of(expectedReply(utf8(JSON_FRAME)).length, expectedReply(utf8(TEXT_FRAME)).length,
                        expectedReply(RAW_FRAME).length),
                fromServer, r.output);
    }

    // ------------------------------------------------------------------ helpers

    private record Result(int exitCode, String output) {
    }

    /** Runs capture.sh with the Client below as the command; skips when capture is not permitted. */
    private Result runCapture(Path pcap, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(Frames.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> cmd = List.of("bash", "scripts/capture.sh",
                "--port", Integer.toString(server.port()), "--out", pcap.toString(), "--dissector",
                "--", java, "-cp", classes, Client.class.getName(), Integer.toString(server.port()), mode);
        Result r = run(cmd, tmp.resolve("capture-" + mode + ".out"));
        Assumptions.assumeFalse(r.exitCode == 3 || r.output.contains("capturing needs root"),
                "not permitted to capture packets here:\n" + r.output);
        assertEquals(0, r.exitCode, r.output);
        assertFalse(r.output.contains("did not load"), r.output);
        return r;
    }

    /** Runs a command in the repository root, output and errors into one file, bounded in time. */
    private static Result run(List<String> cmd, Path outFile) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        try {
            if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("timed out after " + PROCESS_TIMEOUT_SECONDS + " s: " + cmd + "\n"
                        + Files.readString(outFile));
            }
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
        }
        return new Result(p.exitValue(), Files.readString(outFile));
    }

    /** Is there a summary line with this phase, direction (regex) and exactly these flags? */
    private static boolean hasLine(String out, String phase, String direction, String flags) {
        Pattern p = Pattern.compile("^" + phase + "\\s+\\d+\\s+[0-9.]+\\s+" + direction
                + "\\s+" + Pattern.quote(flags) + "\\s+\\d+", Pattern.MULTILINE);
        Matcher m = p.matcher(out);
        return m.find();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the echo service answers to a payload on a fresh server, whose first connection is
     * served by worker-1: an echo, or for bytes that are not UTF-8 the error before it hangs up.
     */
    static byte[] expectedReply(byte[] payload) {
        try {
            return new EchoService().reply(payload, "worker-1");
        } catch (BadRequestException e) {
            return EchoService.error(e.getMessage());
        }
    }

    /**
     * The client that capture.sh runs: {@code java -cp CLASSES clusterlab.ops.CaptureTest$Client PORT MODE}.
     * "plain" sends the JSON frame and the text frame, each in one write, and reads the replies.
     * "split" sends the JSON frame's header and payload in two segments, then the text frame and
     * a raw-bytes frame together in one segment.
     */
    static final class Client {
        private Client() {
        }

        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[0]);
            String mode = args.length > 1 ? args[1] : "plain";
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setTcpNoDelay(true); // send each write at once, in its own segment
                s.setSoTimeout(20_000);
                OutputStream out = s.getOutputStream();
                FrameReader in = new FrameReader(s.getInputStream());
                byte[] json = Frames.encode(utf8(JSON_FRAME));
                if (mode.equals("split")) {
                    out.write(json, 0, 4);              // the length header alone ...
                    out.flush();
                    Thread.sleep(300);
                    out.write(json, 4, json.length - 4); // ... then the payload
                    out.flush();
                    print(in.read());
                    byte[] text = Frames.encode(utf8(TEXT_FRAME));
                    byte[] raw = Frames.encode(RAW_FRAME);
                    byte[] both = new byte[text.length + raw.length];
                    System.arraycopy(text, 0, both, 0, text.length);
                    System.arraycopy(raw, 0, both, text.length, raw.length);
                    out.write(both);                     // two frames, one write
                    out.flush();
                    print(in.read());
                    print(in.read()); // the raw bytes are not UTF-8: an error, then the server hangs up
                } else {
                    out.write(json);
                    out.flush();
                    print(in.read());
                    out.write(Frames.encode(utf8(TEXT_FRAME)));
                    out.flush();
                    print(in.read());
                }
            }
        }

        private static void print(byte[] reply) {
            System.out.println("reply: " + new String(reply, StandardCharsets.UTF_8));
        }
    }
}
