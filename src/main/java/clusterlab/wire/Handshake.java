package clusterlab.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first exchange on a connection between a client and a node: each side proves it holds the
 * shared {@link Secret}, without sending it, before anything else is read. Four JSON frames:
 * <pre>
 *   client -> {"type":"hello","version":1,"client":NAME,"auth":"hmac-sha256","nonce":Nc}
 *   node   -> {"type":"challenge","nonce":Nn,"proof":HMAC(secret, "node", Nc, Nn)}
 *   client -> {"type":"auth","proof":HMAC(secret, "client", Nn, Nc)}
 *   node   -> {"type":"welcome", ...}   or   {"type":"refused","reason":...}
 * </pre>
 * Both nonces are fresh random numbers, so an old proof is worth nothing, and the labels "node" and
 * "client" keep a node's proof from passing as a client's. Without a secret on both sides ("insecure",
 * for a laptop's loopback) the hello says {@code "auth":"none"} and the node welcomes at once. A side
 * holding a secret never settles for a peer that has none.
 *
 * <p>The caller sets a read timeout on the connection first (a silent peer then ends in
 * {@link SocketTimeoutException}), and on the node side creates the {@link Connection} with
 * {@link #MAX_FRAME_LENGTH}, so that a stranger cannot make the node allocate a large frame before
 * proving anything. Every refusal is an {@link AuthException} whose message names the peer and
 * makes a log line; the connection is closed before it is thrown.
 */
public final class Handshake {
    /** The handshake version this code speaks. */
    public static final int VERSION = 1;
    /** The largest handshake frame: a node creates its Connection with this limit. */
    public static final int MAX_FRAME_LENGTH = 4096;
    /** The longest client name accepted. */
    public static final int MAX_NAME_LENGTH = 128;
    private static final String HMAC = "hmac-sha256";
    private static final String NONE = "none";
    /** Text a peer sends (names, reasons) is cut to this many characters in messages. */
    private static final int MAX_QUOTED = 200;

    private Handshake() {
    }

    /**
     * Client side: proves the secret to the node and checks the node's proof.
     *
     * @param secret     the shared secret, or null to talk only to an insecure node
     * @param clientName a printable name the node logs, at most {@link #MAX_NAME_LENGTH} characters
     * @return the node's welcome fields ("workers", "host", "pid", ...), without "type"
     * @throws AuthException if the node refused, failed its proof, or did not speak the handshake
     */
    public static Map<String, Object> client(Connection c, Secret secret, String clientName) throws IOException {
        if (!isName(clientName)) {
            throw new IllegalArgumentException("client name must be 1 to " + MAX_NAME_LENGTH
                    + " printable characters, not " + quote(String.valueOf(clientName)));
        }
        Peer node = new Peer(c, "node " + address(c));
        String clientNonce = Secret.nonce();
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("version", VERSION);
        hello.put("client", clientName);
        hello.put("auth", secret == null ? NONE : HMAC);
        hello.put("nonce", clientNonce);
        c.sendJson(hello);

        Map<String, Object> reply = node.receive(secret == null ? "welcome" : "challenge");
        if (secret != null) {
            if ("welcome".equals(reply.get("type"))) {
                throw node.fail("answered without proving the shared secret (is it running --insecure?)");
            }
            node.expect(reply, "challenge");
            if (!(reply.get("nonce") instanceof String nodeNonce && Secret.isNonce(nodeNonce))) {
                throw node.fail("sent a challenge without a nonce of 32 hex digits");
            }
            if (!Secret.matches(secret.hmacHex("node", clientNonce, nodeNonce), string(reply.get("proof")))) {
                throw node.refuse("the node's proof was wrong", "failed to prove the shared secret (wrong secret file?)");
            }
            c.sendJson(Map.of("type", "auth", "proof", secret.hmacHex("client", nodeNonce, clientNonce)));
            reply = node.receive("welcome");
        }
        node.expect(reply, "welcome");
        Map<String, Object> welcome = new LinkedHashMap<>(reply);
        welcome.remove("type");
        return welcome;
    }

    /**
     * Node side: checks the client's proof and proves the secret in turn.
     *
     * @param c       a connection made with {@link #MAX_FRAME_LENGTH} and a read timeout
     * @param secret  the shared secret, or null for an insecure node
     * @param welcome the fields sent to an accepted client; must not contain "type"
     * @return the client's name
     * @throws AuthException if the client was refused or did not speak the handshake; it has
     *         been sent a "refused" message with the reason where that made sense
     */
    public static String server(Connection c, Secret secret, Map<String, Object> welcome) throws IOException {
        if (welcome.containsKey("type")) {
            throw new IllegalArgumentException("the welcome fields must not contain \"type\"");
        }
        Peer client = new Peer(c, "client " + address(c));
        Map<String, Object> hello = client.receive("hello");
        client.expect(hello, "hello");
        if (!Long.valueOf(VERSION).equals(hello.get("version"))) {
            throw client.refuse("handshake version " + quote(String.valueOf(hello.get("version")))
                    + " is not supported (this node speaks " + VERSION + ")");
        }
        if (!(hello.get("client") instanceof String name && isName(name))) {
            throw client.refuse("the client name must be 1 to " + MAX_NAME_LENGTH + " printable characters");
        }
        client = new Peer(c, "client " + quote(name) + " at " + address(c));
        Object auth = hello.get("auth");
        if (HMAC.equals(auth)) {
            if (secret == null) {
                throw client.refuse("this node has no shared secret (it runs --insecure)"
                        + " and cannot prove one to a client that holds a secret");
            }
            if (!(hello.get("nonce") instanceof String clientNonce && Secret.isNonce(clientNonce))) {
                throw client.refuse("the hello needs a nonce of 32 hex digits");
            }
            String nodeNonce = Secret.nonce();
            c.sendJson(Map.of("type", "challenge", "nonce", nodeNonce,
                    "proof", secret.hmacHex("node", clientNonce, nodeNonce)));
            Map<String, Object> proof = client.receive("auth");
            client.expect(proof, "auth");
            if (!Secret.matches(secret.hmacHex("client", nodeNonce, clientNonce), string(proof.get("proof")))) {
                throw client.refuse("wrong secret", "failed to prove the shared secret (wrong secret file?)");
            }
        } else if (NONE.equals(auth)) {
            if (secret != null) {
                throw client.refuse("this node requires a shared secret");
            }
        } else {
            throw client.refuse("unknown auth " + quote(String.valueOf(auth)) + " (expected " + HMAC + " or " + NONE + ")");
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("type", "welcome");
        accepted.putAll(welcome);
        c.sendJson(accepted);
        return name;
    }

    /** The other end of the connection, as messages name it, and the steps that fail with it. */
    private static final class Peer {
        private final Connection c;
        private final String who;

        Peer(Connection c, String who) {
            this.c = c;
            this.who = who;
        }

        /** The next handshake frame as a JSON object; a timeout is left to the caller. */
        Map<String, Object> receive(String expected) throws IOException {
            byte[] frame;
            try {
                frame = c.receive();
            } catch (FrameTooLargeException | TruncatedFrameException e) {
                throw fail("sent a bad frame instead of " + message(expected) + ": " + e.getMessage()
                        + " (is it a clusterlab peer?)");
            }
            if (frame == null) {
                throw fail("closed the connection instead of sending " + message(expected));
            }
            if (frame.length > MAX_FRAME_LENGTH) {
                throw fail("sent a " + frame.length + "-byte frame instead of " + message(expected)
                        + " (a handshake frame is at most " + MAX_FRAME_LENGTH + " bytes)");
            }
            try {
                return Json.parseObject(frame);
            } catch (JsonException e) {
                throw refuse(message(expected) + " must be a JSON object", "sent something that is not a JSON object instead of "
                        + message(expected) + ": " + e.getMessage());
            }
        }

        /** Checks the message's type; a "refused" from the peer ends the handshake with its reason. */
        void expect(Map<String, Object> received, String type) throws IOException {
            Object actual = received.get("type");
            if (type.equals(actual)) {
                return;
            }
            if ("refused".equals(actual)) {
                Object reason = received.get("reason");
                throw fail("refused: " + (reason instanceof String r ? quoteless(r) : "(no reason given)"));
            }
            throw refuse("expected " + message(type), "sent a message of type " + quote(String.valueOf(actual))
                    + " instead of " + message(type));
        }

        /** Tells the peer why, then fails with the same reason. */
        AuthException refuse(String reason) {
            return refuse(reason, "was refused: " + reason);
        }

        /**
         * Tells the peer {@code reason} (best effort: the connection may already be broken, and
         * the failure to report is {@code problem}, not that), then fails with {@code problem}.
         */
        AuthException refuse(String reason, String problem) {
            try {
                c.sendJson(Map.of("type", "refused", "reason", reason));
            } catch (IOException alreadyBroken) {
                // nothing more to tell a peer that cannot hear it
            }
            return fail(problem);
        }

        /** Closes the connection and returns the exception to throw. */
        AuthException fail(String problem) {
            try {
                c.close();
            } catch (IOException closing) {
                // the handshake has failed either way; the message below says why
            }
            return new AuthException(who + " " + problem);
        }
    }

    /** "a hello message", "an auth message". */
    private static String message(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type + " message";
    }

    private static boolean isName(Object value) {
        return value instanceof String s && !s.isEmpty() && s.length() <= MAX_NAME_LENGTH
                && s.codePoints().noneMatch(Character::isISOControl);
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    private static String address(Connection c) {
        SocketAddress remote = c.socket().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(remote);
    }

    /** Text from a peer, in quotes, on one line and not too long. */
    private static String quote(String text) {
        return "'" + quoteless(text) + "'";
    }

    private static String quoteless(String text) {
        StringBuilder s = new StringBuilder();
        text.codePoints().limit(MAX_QUOTED).forEach(cp -> s.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return text.codePointCount(0, text.length()) > MAX_QUOTED ? s + "..." : s.toString();
    }
}
