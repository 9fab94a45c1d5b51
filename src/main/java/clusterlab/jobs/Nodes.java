package clusterlab.jobs;

import clusterlab.net.Discovery;
import clusterlab.wire.AuthException;
import clusterlab.wire.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The job server's nodes: those listed, and with discovery those that answer a UDP query. A node
 * that cannot be reached, or is lost, is tried again every few seconds in the background, and
 * discovery asks again as often, so a node that comes up later joins the running job server. A
 * node that refuses the handshake (a wrong secret, say) is not tried again: that needs a person.
 * Each node is connected at most once, keyed by its IP address and port.
 */
final class Nodes {
    static final int DEFAULT_PORT = 60000;
    static final Duration RETRY = Duration.ofSeconds(3);
    static final Duration DISCOVERY_WAIT = Duration.ofSeconds(1);
    private static final int MAX_SAID = 1000;

    private final Link.Owner owner;
    private final PrintStream log;
    private final Secret secret;
    private final InetSocketAddress discoveryTarget;
    private final Duration pingEvery;
    private final List<String> listed = new CopyOnWriteArrayList<>();
    private final Set<InetSocketAddress> known = ConcurrentHashMap.newKeySet();
    private final Map<String, NodeLink> connected = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final Set<String> said = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread background;

    /**
     * @param discoveryTarget where discovery queries go, or null for no discovery
     * @param pingEvery       the heartbeat of each node link, {@link NodeLink#PING_EVERY} but in tests
     */
    Nodes(Link.Owner owner, PrintStream log, Secret secret, List<String> listed, InetSocketAddress discoveryTarget,
            Duration pingEvery) {
        this.owner = owner;
        this.log = log;
        this.secret = secret;
        this.listed.addAll(listed);
        this.discoveryTarget = discoveryTarget;
        this.pingEvery = pingEvery;
    }

    /** "host" or "host:port" as an address; IllegalArgumentException for a bad port. */
    static InetSocketAddress parse(String hostPort) {
        String host = hostPort;
        int port = DEFAULT_PORT;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && hostPort.indexOf(':') == colon) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("node must be HOST or HOST:PORT with a port from 1 to 65535, not '" + hostPort + "'");
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("node must be HOST or HOST:PORT, not '" + hostPort + "'");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** "10.77.0.1:60000": how a node is named in ranOn, statistics and activeNodes. */
    static String key(InetSocketAddress resolved) {
        return resolved.getAddress().getHostAddress() + ":" + resolved.getPort();
    }

    /** Connects the listed nodes and runs discovery once; then keeps trying in the background. */
    void start() {
        connectAll();
        background = new Thread(this::retryLoop, "jobs-nodes");
        background.setDaemon(true);
        background.start();
    }

    /** True while a node is connected, or one may still come: a listed node not refused, or discovery. */
    boolean mayWork() {
        if (!connected.isEmpty() || discoveryTarget != null && !closed) {
            return true;
        }
        for (String node : listed) {
            if (!refused.contains(node)) {
                return !closed;
            }
        }
        return false;
    }

    /** Why no node is connected: the last problem of each, for an error message. */
    String problems() {
        return problems.isEmpty() ? "no node answered" : String.join("; ", problems.values());
    }

    /** Connected nodes and their workers, in the order they joined. */
    Map<String, Integer> active() {
        Map<String, Integer> active = new LinkedHashMap<>();
        connected.values().stream().sorted((a, b) -> Long.compare(a.joined, b.joined))
                .forEach(link -> active.put(link.name, link.workers));
        return active;
    }

    void lost(NodeLink link, String reason) {
        connected.remove(link.name, link);
        if (!closed) {
            say(link.title + " lost (" + reason + "); its jobs go back to the queue; trying it again every "
                    + RETRY.toSeconds() + " s");
        }
    }

    /** Closes every node's link; returns the jobs they held. */
    List<Job<?>> close() {
        closed = true;
        if (background != null) {
            background.interrupt();
        }
        List<Job<?>> held = new ArrayList<>();
        for (NodeLink link : connected.values()) {
            held.addAll(link.close());
        }
        connected.clear();
        return held;
    }

    private void retryLoop() {
        try {
            while (!closed) {
                Thread.sleep(RETRY.toMillis());
                connectAll();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void connectAll() {
        for (String node : listed) {
            if (refused.contains(node)) {
                continue;
            }
            InetSocketAddress address = parse(node);
            InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
            if (resolved.isUnresolved()) {
                problem(node, "node " + node + ": unknown host");
                continue;
            }
            connect(node, resolved);
        }
        for (InetSocketAddress node : known) {
            connect(key(node), node);
        }
        if (discoveryTarget != null && !closed) {
            try {
                for (Discovery.Found found : Discovery.find(discoveryTarget, secret, DISCOVERY_WAIT, this::sayOnce)) {
                    if (known.size() < Discovery.MAX_NODES && known.add(found.node())) {
                        connect(key(found.node()), found.node());
                    }
                }
            } catch (IOException e) {
                problem("discovery", "discovery via " + discoveryTarget + " failed: " + e.getMessage());
            }
        }
    }

    /** Connects unless connected already; {@code name} is how the node was given (listed name, or its address). */
    private void connect(String name, InetSocketAddress node) {
        String key = key(node);
        if (closed || connected.containsKey(key) || refused.contains(name)) {
            return;
        }
        try {
            NodeLink link = NodeLink.connect(node, secret, pingEvery, owner);
            link.joined = System.nanoTime();
            if (connected.putIfAbsent(key, link) != null || closed) {
                link.close();
                return;
            }
            problems.remove(name);
            say("node " + key + " joined with " + link.workers + (link.workers == 1 ? " worker" : " workers"));
        } catch (AuthException e) {
            refused.add(name);
            problems.put(name, e.getMessage());
            say(e.getMessage() + "; not trying " + name + " again");
        } catch (IOException e) {
            problem(name, "node " + key + ": cannot connect: " + e.getMessage());
        }
    }

    /** Logs a node's problem once, not again every retry while it stays the same. */
    private void problem(String name, String message) {
        if (!message.equals(problems.put(name, message))) {
            say(message + "; trying again every " + RETRY.toSeconds() + " s");
        }
    }

    /** Says a line the first time only: discovery repeats its rejections every few seconds. */
    private void sayOnce(String line) {
        if (said.size() < MAX_SAID && said.add(line)) {
            say(line);
        }
    }

    private void say(String line) {
        if (log != null) {
            log.println(line);
        }
    }
}
