package clusterlab.monitor;

import clusterlab.net.Backoff;
import clusterlab.wire.Connection;
import clusterlab.wire.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

/**
 * An agent: every period it measures its node and sends the head a {@link Report}. By default it
 * keeps one connection open and sends a frame on it each period; {@link #perReport} makes it connect
 * for each report and close, as the article's worker does (and a capture then shows every TCP phase).
 *
 * <p>The head answers nothing, unless it drops the agent: then it first says why, which the agent
 * logs. When the head cannot be reached the agent waits 1 s, 2 s, 4 s ... up to 30 s between tries
 * (see {@link Backoff}), with a log line each time, so a restarted head gets its nodes back by itself.
 */
public final class MonitorAgent {
    public static final int DEFAULT_PORT = 5050;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final String headHost;
    private final int headPort;
    private final Duration every;
    private final TemperatureSource source;
    private final PrintStream log;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private String ip;
    private String name = "";
    private long count;
    private boolean perReport;

    public MonitorAgent(String headHost, int headPort, Duration every, TemperatureSource source, PrintStream log) {
        this.headHost = headHost;
        this.headPort = headPort;
        this.every = every;
        this.source = source;
        this.log = log;
    }

    /** The ip to report; null (the default) reports this end's address of the connection to the head. */
    public MonitorAgent ip(String value) {
        ip = value;
        return this;
    }

    /** The host name to report; "" sends none. */
    public MonitorAgent name(String value) {
        name = value;
        return this;
    }

    /** Stop after this many reports; 0 (the default) goes on for ever. */
    public MonitorAgent count(long value) {
        count = value;
        return this;
    }

    /** One connection per report, as the article's worker does. */
    public MonitorAgent perReport(boolean value) {
        perReport = value;
        return this;
    }

    /** Reports until {@link #count} reports have been sent (for ever when 0); returns how many were. */
    public long run() throws InterruptedException {
        log.println("reporting " + source.describe() + " to " + where() + " every " + Seconds.of(every)
                + (perReport ? ", a connection per report" : ", on one connection"));
        Connection c = null;
        long sent = 0;
        try {
            while (count == 0 || sent < count) {
                if (c == null) {
                    try {
                        c = Connection.open(headHost, headPort, CONNECT_TIMEOUT_MILLIS);
                        c.setReadTimeout(READ_TIMEOUT_MILLIS);
                    } catch (IOException e) {
                        waitToRetry("head " + where() + " not reachable (" + e.getMessage() + ")");
                        continue;
                    }
                }
                String refusal = refusal(c);
                if (refusal != null) {
                    close(c);
                    c = null;
                    waitToRetry("the head dropped this agent: " + refusal);
                    continue;
                }
                Report report;
                try {
                    report = measure(c);
                } catch (IOException e) {
                    log.println("no report this period: " + e.getMessage());
                    Thread.sleep(every.toMillis());
                    continue;
                }
                try {
                    c.sendJson(report.toJson());
                } catch (IOException e) {
                    log.println("lost the head " + where() + " (" + e.getMessage() + "); connecting again");
                    close(c);
                    c = null;
                    continue;
                }
                sent++;
                backoff.reset();
                if (count > 0 || sent == 1) {
                    log.println("sent " + Json.write(report.toJson()));
                }
                if (perReport) {
                    close(c);
                    c = null;
                }
                if (count == 0 || sent < count) {
                    Thread.sleep(every.toMillis());
                }
            }
        } finally {
            if (c != null) {
                close(c);
            }
        }
        log.println("sent " + sent + (sent == 1 ? " report" : " reports") + " to " + where());
        return sent;
    }

    private void waitToRetry(String why) throws InterruptedException {
        long wait = backoff.nextMillis();
        log.println(why + "; trying again in " + Seconds.of(Duration.ofMillis(wait)));
        Thread.sleep(wait);
    }

    /** What the head said before dropping us, or null when it has said nothing (all is well). */
    private static String refusal(Connection c) {
        try {
            if (c.socket().getInputStream().available() == 0) {
                return null;
            }
            Map<String, Object> said = c.receiveJson();
            return said == null ? "it closed the connection" : String.valueOf(said.get("error"));
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private Report measure(Connection c) throws IOException {
        double temp = source.celsius();
        long[] memory = SystemStats.memoryMiB();
        return new Report(ip != null ? ip : localIpv4(c), temp, name, SystemStats.load1(), memory[0], memory[1]);
    }

    private static String localIpv4(Connection c) throws IOException {
        InetAddress local = c.socket().getLocalAddress();
        if (!(local instanceof Inet4Address)) {
            throw new IOException("the connection to the head is not IPv4 (" + local.getHostAddress() + "); give --ip");
        }
        return local.getHostAddress();
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Nothing more can be done with a socket that will not close.
        }
    }

    private String where() {
        return headHost + ":" + headPort;
    }
}
