package clusterlab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both sides of the handshake over real loopback sockets: the node side runs on a thread of its own. */
class HandshakeTest {
    private static final int TIMEOUT_MILLIS = 20_000;
    private static final Map<String, Object> WELCOME = Map.of("workers", 4L, "host", "pi3", "pid", 1234L);

    @TempDir
    Path dir;

    private ServerSocket listener;
    private Secret secret;
    private Secret otherSecret;
    private final List<Connection> opened = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        secret = Secret.load(Secret.createNew(dir.resolve("secret"), false));
        otherSecret = Secret.load(Secret.createNew(dir.resolve("other"), false));
    }

    @AfterEach
    void close() throws IOException {
        for (Connection c : opened) {
            c.close();
        }
        listener.close();
    }

    /** The node side of the next connection, run as a node would: small frames, a read timeout. */
    private CompletableFuture<String> node(Secret nodeSecret, int readTimeoutMillis) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Connection c = new Connection(listener.accept(), Handshake.MAX_FRAME_LENGTH)) {
                c.setReadTimeout(readTimeoutMillis);
                result.complete(Handshake.server(c, nodeSecret, WELCOME));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "test-node");
        t.setDaemon(true);
        t.start();
        return result;
    }

    private CompletableFuture<String> node(Secret nodeSecret) {
        return node(nodeSecret, TIMEOUT_MILLIS);
    }

    private Connection connect() throws IOException {
        Connection c = Connection.open("127.0.0.1", listener.getLocalPort(), TIMEOUT_MILLIS);
        c.setReadTimeout(TIMEOUT_MILLIS);
        opened.add(c);
        return c;
    }

    /** What the node side threw. */
    private static Throwable failure(CompletableFuture<String> node) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> node.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        return e.getCause();
    }

    private static String nodeFailure(CompletableFuture<String> node) throws Exception {
        return assertInstanceOf(AuthException.class, failure(node)).getMessage();
    }

    private String nodeName(Connection c) {
        return "node 127.0.0.1:" + c.socket().getPort();
    }

    private static String clientName(Connection c, String name) {
        return "client '" + name + "' at 127.0.0.1:" + c.socket().getLocalPort();
    }

    @Test
    void rightSecretBringsTheWelcomeToTheClientAndTheNameToTheNode() throws Exception {
        CompletableFuture<String> node = node(secret);
        Map<String, Object> welcome = Handshake.client(connect(), secret, "alice/42");
        assertEquals(WELCOME, welcome);
        assertEquals("alice/42", node.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Test
    void insecureOnBothSidesWelcomesAtOnce() throws Exception {
        CompletableFuture<String> node = node(null);
        assertEquals(WELCOME, Handshake.client(connect(), null, "bob"));
        assertEquals("bob", node.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Test
    void wrongSecretFailsOnBothSides() throws Exception {
        CompletableFuture<String> node = node(secret);
        Connection c = connect();
        AuthException e = assertThrows(AuthException.class, () -> Handshake.client(c, otherSecret, "carol"));
        assertEquals(nodeName(c) + " failed to prove the shared secret (wrong secret file?)", e.getMessage());
        assertTrue(c.socket().isClosed(), "the client closed the connection");
        assertEquals(clientName(c, "carol") + " refused: the node's proof was wrong", nodeFailure(node));
    }

    @Test
    void clientWithoutSecretIsRefusedByASecuredNode() throws Exception {
        CompletableFuture<String> node = node(secret);
        Connection c = connect();
        AuthException e = assertThrows(AuthException.class, () -> Handshake.client(c, null, "dave"));
        assertEquals(nodeName(c) + " refused: this node requires a shared secret", e.getMessage());
        assertEquals(clientName(c, "dave") + " was refused: this node requires a shared secret", nodeFailure(node));
    }

    @Test
    void clientWithSecretWillNotTalkToAnInsecureNode() throws Exception {
        CompletableFuture<String> node = node(null);
        Connection c = connect();
        String reason = "this node has no shared secret (it runs --insecure) and cannot prove one to a client that holds a secret";
        AuthException e = assertThrows(AuthException.class, () -> Handshake.client(c, secret, "erin"));
        assertEquals(nodeName(c) + " refused: " + reason, e.getMessage());
        assertEquals(clientName(c, "erin") + " was refused: " + reason, nodeFailure(node));
    }

    /** A fake insecure node that welcomes everyone: a client with a secret must not accept it. */
    @Test
    void clientWithSecretRejectsAWelcomeWithoutProof() throws Exception {
        CompletableFuture<Map<String, Object>> fakeNode = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Connection n = new Connection(listener.accept())) {
                n.setReadTimeout(TIMEOUT_MILLIS);
                fakeNode.complete(n.receiveJson());
                n.sendJson(Map.of("type", "welcome", "workers", 1));
                n.receive(); // until the client closes
            } catch (IOException e) {
                fakeNode.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        Connection c = connect();
        AuthException e = assertThrows(AuthException.class, () -> Handshake.client(c, secret, "frank"));
        assertEquals(nodeName(c) + " answered without proving the shared secret (is it running --insecure?)", e.getMessage());
        Map<String, Object> hello = fakeNode.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals("hello", hello.get("type"));
        assertEquals(1L, hello.get("version"));
        assertEquals("frank", hello.get("client"));
        assertEquals("hmac-sha256", hello.get("auth"));
        assertTrue(Secret.isNonce(hello.get("nonce")), hello.toString());
    }

    /** Opens a raw client and sends its hello; returns the node's reply. */
    private Map<String, Object> hello(Connection c, String nonce) throws IOException {
        c.sendJson(Map.of("type", "hello", "version", 1, "client", "mallory", "auth", "hmac-sha256", "nonce", nonce));
        return c.receiveJson();
    }

    @Test
    void theNodesOwnProofSentBackIsNotAClientProof() throws Exception {
        CompletableFuture<String> node = node(secret);
        Connection c = connect();
        Map<String, Object> challenge = hello(c, Secret.nonce());
        assertEquals("challenge", challenge.get("type"));
        c.sendJson(Map.of("type", "auth", "proof", challenge.get("proof")));
        assertEquals(Map.of("type", "refused", "reason", "wrong secret"), c.receiveJson());
        assertEquals(clientName(c, "mallory") + " failed to prove the shared secret (wrong secret file?)", nodeFailure(node));
    }

    /**
     * The reflection attack: with no secret, open a second connection whose hello carries the first
     * connection's node nonce, and hope the node's proof there is the client proof wanted here.
     */
    @Test
    void aProofFromAnotherConnectionIsNotAccepted() throws Exception {
        CompletableFuture<String> first = node(secret);
        Connection c1 = connect();
        String nonce1 = Secret.nonce();
        Map<String, Object> challenge1 = hello(c1, nonce1);
        CompletableFuture<String> second = node(secret);
        Connection c2 = connect();
        Map<String, Object> challenge2 = hello(c2, (String) challenge1.get("nonce"));
        c1.sendJson(Map.of("type", "auth", "proof", challenge2.get("proof")));
        assertEquals("refused", c1.receiveJson().get("type"));
        assertTrue(nodeFailure(first).endsWith("failed to prove the shared secret (wrong secret file?)"));
        c2.close();
        assertTrue(nodeFailure(second).endsWith("closed the connection instead of sending an auth message"));
    }

    @Test
    void httpOrOtherGarbageIsRefusedFromItsFirstFourBytes() throws Exception {
        CompletableFuture<String> node = node(secret);
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("client 127.0.0.1:" + raw.getLocalPort() + " sent a bad frame instead of a hello message:"
                    + " frame length 1195725856 is over the limit of 4096 bytes (is it a clusterlab peer?)", nodeFailure(node));
        }
    }

    /** Only the header is sent: the node refuses at once, without waiting for (or allocating) 2 GiB. */
    @Test
    void oversizedLengthIsRefusedBeforeAnyPayload() throws Exception {
        CompletableFuture<String> node = node(secret);
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            OutputStream out = raw.getOutputStream();
            out.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            out.flush();
            assertTrue(nodeFailure(node).endsWith(" sent a bad frame instead of a hello message:"
                    + " frame length 2147483647 is over the limit of 4096 bytes (is it a clusterlab peer?)"));
        }
    }

    @Test
    void aFrameThatIsNotJsonIsRefusedWithTheReason() throws Exception {
        CompletableFuture<String> node = node(secret);
        Connection c = connect();
        c.sendText("hello node");
        assertEquals(Map.of("type", "refused", "reason", "a hello message must be a JSON object"), c.receiveJson());
        assertEquals("client 127.0.0.1:" + c.socket().getLocalPort() + " sent something that is not a JSON object"
                + " instead of a hello message: invalid JSON at line 1, column 1: expected '{' to start a top-level object,"
                + " found 'h'", nodeFailure(node));
    }

    @Test
    void aFrameCutShortIsRefused() throws Exception {
        CompletableFuture<String> node = node(secret);
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            raw.getOutputStream().write(new byte[] {0, 0, 0, 100, '{'});
            raw.shutdownOutput();
            assertTrue(nodeFailure(node).endsWith(" sent a bad frame instead of a hello message:"
                    + " truncated frame: connection closed after 1 of 100 payload bytes (is it a clusterlab peer?)"));
        }
    }

    @Test
    void aClientThatClosesAtOnceIsNamed() throws Exception {
        CompletableFuture<String> node = node(secret);
        Connection c = connect();
        int port = c.socket().getLocalPort();
        c.close();
        assertEquals("client 127.0.0.1:" + port + " closed the connection instead of sending a hello message", nodeFailure(node));
    }

    @Test
    void aSilentClientMeetsTheCallersTimeout() throws Exception {
        CompletableFuture<String> node = node(secret, 300);
        connect();
        assertInstanceOf(SocketTimeoutException.class, failure(node));
    }

    @Test
    void anotherVersionIsRefusedNamingBoth() throws Exception {
        CompletableFuture<String> node = node(secret);
        Connection c = connect();
        c.sendJson(Map.of("type", "hello", "version", 2, "client", "zed", "auth", "hmac-sha256", "nonce", Secret.nonce()));
        String reason = "handshake version '2' is not supported (this node speaks 1)";
        assertEquals(Map.of("type", "refused", "reason", reason), c.receiveJson());
        assertEquals("client 127.0.0.1:" + c.socket().getLocalPort() + " was refused: " + reason, nodeFailure(node));
    }

    @Test
    void helloWithMissingOrBadFieldsIsRefused() throws Exception {
        List<Map<String, Object>> hellos = new ArrayList<>();
        hellos.add(Map.of("type", "ehlo"));
        hellos.add(Map.of("type", "hello", "version", 1, "auth", "none"));
        hellos.add(Map.of("type", "hello", "version", 1, "client", "x\ny", "auth", "none"));
        hellos.add(Map.of("type", "hello", "version", 1, "client", "x", "auth", "hmac-sha256"));
        hellos.add(Map.of("type", "hello", "version", 1, "client", "x", "auth", "hmac-sha256", "nonce", "1234"));
        hellos.add(Map.of("type", "hello", "version", 1, "client", "x", "auth", "rot13"));
        List<String> reasons = List.of(
                "expected a hello message",
                "the client name must be 1 to 128 printable characters",
                "the client name must be 1 to 128 printable characters",
                "the hello needs a nonce of 32 hex digits",
                "the hello needs a nonce of 32 hex digits",
                "unknown auth 'rot13' (expected hmac-sha256 or none)");
        for (int i = 0; i < hellos.size(); i++) {
            CompletableFuture<String> node = node(secret);
            Connection c = connect();
            c.sendJson(hellos.get(i));
            assertEquals(Map.of("type", "refused", "reason", reasons.get(i)), c.receiveJson(), hellos.get(i).toString());
            assertInstanceOf(AuthException.class, failure(node));
            assertNull(c.receive(), "the node closed the connection");
        }
    }

    @Test
    void aNodeThatDoesNotSpeakTheHandshakeIsNamed() throws Exception {
        Thread t = new Thread(() -> {
            try (Connection n = new Connection(listener.accept())) {
                n.sendText("220 smtp.example ESMTP ready");
                n.receive();
            } catch (IOException ignored) {
                // the client hung up, as expected
            }
        });
        t.setDaemon(true);
        t.start();
        Connection c = connect();
        AuthException e = assertThrows(AuthException.class, () -> Handshake.client(c, secret, "gina"));
        assertTrue(e.getMessage().startsWith(nodeName(c) + " sent something that is not a JSON object instead of a challenge message:"),
                e.getMessage());
    }

    @Test
    void callerMistakesAreIllegalArguments() throws Exception {
        Connection c = connect();
        assertThrows(IllegalArgumentException.class, () -> Handshake.client(c, secret, ""));
        assertThrows(IllegalArgumentException.class, () -> Handshake.client(c, secret, "two\nlines"));
        Map<String, Object> withType = new LinkedHashMap<>(WELCOME);
        withType.put("type", "welcome");
        assertThrows(IllegalArgumentException.class, () -> Handshake.server(c, secret, withType));
    }
}
