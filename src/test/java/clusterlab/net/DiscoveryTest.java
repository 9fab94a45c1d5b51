package clusterlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import clusterlab.wire.Json;
import clusterlab.wire.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery on loopback only: queries go to 127.0.0.1 (or the loopback broadcast address
 * 127.255.255.255) and the responders' ephemeral UDP ports. UDP gives no promise of delivery, so
 * each check queries again, a short wait at a time, until it holds or 20 seconds have passed.
 */
class DiscoveryTest {
    private static final long GIVE_UP_NANOS = Duration.ofSeconds(20).toNanos();
    private static final Duration ONE_QUERY = Duration.ofMillis(300);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private Secret secret;
    private Secret otherSecret;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void secrets() throws IOException {
        secret = Secret.load(Secret.createNew(dir.resolve("secret"), false));
        otherSecret = Secret.load(Secret.createNew(dir.resolve("other"), false));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private DiscoveryResponder responder(InetSocketAddress bind, int tcpPort, int workers, Secret s, PrintStream log) throws IOException {
        DiscoveryResponder r = DiscoveryResponder.start(bind, tcpPort, () -> workers, s, log);
        opened.add(r);
        return r;
    }

    private DiscoveryResponder responder(int tcpPort, int workers, Secret s) throws IOException {
        return responder(new InetSocketAddress(LOOPBACK, 0), tcpPort, workers, s, null);
    }

    private static InetSocketAddress at(DiscoveryResponder r) {
        return new InetSocketAddress(LOOPBACK, r.port());
    }

    /** Queries until the nodes found satisfy {@code done}; returns them. */
    private static List<Discovery.Found> findUntil(InetSocketAddress target, Secret s, List<String> rejected,
            Predicate<List<Discovery.Found>> done) throws IOException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < GIVE_UP_NANOS) {
            List<Discovery.Found> found = Discovery.find(target, s, ONE_QUERY, rejected::add);
            if (done.test(found)) {
                return found;
            }
        }
        return fail("no query to " + target + " got the expected answers in 20 s; rejected: " + rejected);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > GIVE_UP_NANOS) {
                fail("gave up waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aNodeWithTheSameSecretIsFound() throws Exception {
        DiscoveryResponder r = responder(60123, 4, secret);
        List<String> rejected = new CopyOnWriteArrayList<>();
        List<Discovery.Found> found = findUntil(at(r), secret, rejected, f -> !f.isEmpty());
        assertEquals(1, found.size());
        Discovery.Found node = found.get(0);
        assertEquals(new InetSocketAddress(LOOPBACK, 60123), node.node(), "the answer's source address and its TCP port");
        assertEquals(4, node.workers());
        assertFalse(node.host().isEmpty());
        assertEquals(List.of(), rejected);
    }

    @Test
    void insecureNodeAndInsecureQueryFindEachOther() throws Exception {
        DiscoveryResponder r = responder(60124, 2, null);
        List<Discovery.Found> found = findUntil(at(r), null, new CopyOnWriteArrayList<>(), f -> !f.isEmpty());
        assertEquals(60124, found.get(0).node().getPort());
        assertEquals(2, found.get(0).workers());
    }

    /** Queries until an answer is rejected, and checks that no node was accepted meanwhile. */
    private static List<String> rejectionsOf(InetSocketAddress target, Secret s) throws IOException {
        List<String> rejected = new CopyOnWriteArrayList<>();
        findUntil(target, s, rejected, f -> {
            assertEquals(List.of(), f, "a node was accepted");
            return !rejected.isEmpty();
        });
        return rejected;
    }

    @Test
    void aNodeWithAnotherSecretIsReportedNotReturned() throws Exception {
        DiscoveryResponder r = responder(60125, 4, otherSecret);
        assertEquals("ignored 127.0.0.1:" + r.port() + ": wrong secret", rejectionsOf(at(r), secret).get(0));
    }

    @Test
    void anInsecureNodeIsNotAcceptedByAQueryWithASecret() throws Exception {
        DiscoveryResponder r = responder(60126, 4, null);
        assertEquals("ignored 127.0.0.1:" + r.port() + ": the node runs without a shared secret (insecure)",
                rejectionsOf(at(r), secret).get(0));
    }

    @Test
    void aSecuredNodeIsNotAcceptedByAQueryWithoutASecret() throws Exception {
        DiscoveryResponder r = responder(60127, 4, secret);
        assertEquals("ignored 127.0.0.1:" + r.port() + ": the node requires a shared secret and this query has none",
                rejectionsOf(at(r), null).get(0));
    }

    private static void send(DatagramSocket socket, byte[] data, DiscoveryResponder r) throws IOException {
        socket.send(new DatagramPacket(data, data.length, at(r)));
    }

    @Test
    void garbageIsCountedAndIgnoredAndTheResponderGoesOn() throws Exception {
        DiscoveryResponder r = responder(60128, 3, secret);
        List<byte[]> garbage = List.of(
                new byte[] {(byte) 0xff, 0, 1, 2},
                "not json".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                Json.writeUtf8(Map.of("type", "discover")),
                Json.writeUtf8(Map.of("type", "discover", "nonce", "short")),
                Json.writeUtf8(Map.of("type", "hello", "nonce", Secret.nonce())),
                Json.writeUtf8(Map.of("type", "discover", "nonce", Secret.nonce(), "padding", "x".repeat(500))));
        try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
            for (byte[] g : garbage) {
                send(socket, g, r);
            }
        }
        await(() -> r.ignored() >= garbage.size(), garbage.size() + " datagrams ignored");
        assertEquals(garbage.size(), r.ignored());
        assertEquals(0, r.answered());
        assertEquals(3, findUntil(at(r), secret, new CopyOnWriteArrayList<>(), f -> !f.isEmpty()).get(0).workers());
        await(() -> r.answered() >= 1, "the answer counted"); // counted after it is sent
    }

    @Test
    void eachAnswerIsOneLineOfTheLogWhenOneIsGiven() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DiscoveryResponder r = responder(new InetSocketAddress(LOOPBACK, 0), 60129, 5, null, log);
        findUntil(at(r), null, new CopyOnWriteArrayList<>(), f -> !f.isEmpty());
        await(() -> bytes.toString(StandardCharsets.UTF_8).contains("\n"), "the log line"); // written after the answer is sent
        String line = bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertTrue(line.matches("discovery: answered 127\\.0\\.0\\.1:\\d+ \\(port 60129, 5 workers\\)"), line);
    }

    /** A fake node that answers every query with each of {@code answers}, in turn. */
    private DatagramSocket fakeNode(List<byte[]> answers) throws IOException {
        DatagramSocket socket = new DatagramSocket(0, LOOPBACK);
        opened.add(socket);
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[1024];
            DatagramPacket query = new DatagramPacket(buffer, buffer.length);
            try {
                while (true) {
                    query.setLength(buffer.length);
                    socket.receive(query);
                    for (byte[] a : answers) {
                        socket.send(new DatagramPacket(a, a.length, query.getSocketAddress()));
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "fake-node");
        t.setDaemon(true);
        t.start();
        return socket;
    }

    /** An answer a real node gave to someone else's query: its proof is for another nonce. */
    @Test
    void aReplayedAnswerDoesNotCount() throws Exception {
        DiscoveryResponder real = responder(60130, 4, secret);
        byte[] recorded;
        try (DatagramSocket eavesdropper = new DatagramSocket(0, LOOPBACK)) {
            eavesdropper.setSoTimeout(20_000);
            send(eavesdropper, Json.writeUtf8(Map.of("type", "discover", "nonce", Secret.nonce())), real);
            DatagramPacket answer = new DatagramPacket(new byte[1024], 1024);
            eavesdropper.receive(answer);
            recorded = Arrays.copyOf(answer.getData(), answer.getLength());
        }
        DatagramSocket fake = fakeNode(List.of(recorded));
        assertEquals("ignored 127.0.0.1:" + fake.getLocalPort() + ": wrong secret",
                rejectionsOf(new InetSocketAddress(LOOPBACK, fake.getLocalPort()), secret).get(0));
    }

    @Test
    void malformedAnswersAreEachReportedOnOneLine() throws Exception {
        List<byte[]> answers = List.of(
                "{oops".getBytes(StandardCharsets.UTF_8),
                Json.writeUtf8(Map.of("type", "discover", "nonce", Secret.nonce())),
                Json.writeUtf8(Map.of("type", "here", "port", 70000, "workers", 1, "host", "h", "insecure", true)),
                Json.writeUtf8(Map.of("type", "here", "port", 80, "workers", -1, "host", "h", "insecure", true)),
                Json.writeUtf8(Map.of("type", "here", "port", 80, "workers", 1, "host", "", "insecure", true)),
                Json.writeUtf8(Map.of("type", "here", "port", 80, "workers", 1, "host", "h", "insecure", true, "pad", "x".repeat(1100))));
        DatagramSocket fake = fakeNode(answers);
        List<String> rejected = new CopyOnWriteArrayList<>();
        findUntil(new InetSocketAddress(LOOPBACK, fake.getLocalPort()), null, rejected, f -> {
            assertEquals(List.of(), f);
            return rejected.size() >= answers.size();
        });
        String from = "ignored 127.0.0.1:" + fake.getLocalPort() + ": ";
        Set<String> reasons = rejected.stream().map(line -> {
            assertTrue(line.startsWith(from), line);
            assertFalse(line.contains("\n"), line);
            return line.substring(from.length());
        }).collect(Collectors.toSet());
        assertEquals(Set.of(
                "not a discovery answer: invalid JSON at line 1, column 2: expected '\"' to start an object key, found 'o'",
                "not a discovery answer (type is not \"here\")",
                "\"port\" must be a whole number from 1 to 65535",
                "\"workers\" must be a whole number from 0 to 2147483647",
                "\"host\" must be 1 to 255 printable characters",
                "answer longer than 1024 bytes"), reasons);
    }

    @Test
    void severalAnswersFromOneNodeAreOneNode() throws Exception {
        byte[] here = Json.writeUtf8(Map.of("type", "here", "port", 60131, "workers", 1, "host", "h", "insecure", true));
        DatagramSocket fake = fakeNode(List.of(here, here, here));
        List<Discovery.Found> found = findUntil(new InetSocketAddress(LOOPBACK, fake.getLocalPort()), null,
                new CopyOnWriteArrayList<>(), f -> !f.isEmpty());
        assertEquals(List.of(new Discovery.Found(new InetSocketAddress(LOOPBACK, 60131), 1, "h")), found);
    }

    /**
     * Two nodes on one machine share the discovery port (SO_REUSEADDR), bound to the wildcard
     * address as real nodes are; a query to the loopback broadcast address reaches both.
     */
    @Test
    void twoNodesSharingAPortBothAnswerABroadcast() throws Exception {
        DiscoveryResponder first = responder(new InetSocketAddress(0), 60132, 1, secret, null);
        responder(new InetSocketAddress(first.port()), 60133, 2, secret, null);
        InetSocketAddress broadcast = new InetSocketAddress(InetAddress.getByName("127.255.255.255"), first.port());
        List<Discovery.Found> found = findUntil(broadcast, secret, new CopyOnWriteArrayList<>(), f -> f.size() == 2);
        assertEquals(Set.of(60132, 60133), found.stream().map(f -> f.node().getPort()).collect(Collectors.toSet()));
    }

    @Test
    void aNegativeWaitIsACallersMistake() {
        assertThrows(IllegalArgumentException.class,
                () -> Discovery.find(new InetSocketAddress(LOOPBACK, 9), null, Duration.ofSeconds(-1), line -> { }));
    }
}
