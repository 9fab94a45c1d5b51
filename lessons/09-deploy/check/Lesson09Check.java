package lesson09;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * The checker of lesson 09: runs the bash functions of uptime.sh and reachable.sh in the work
 * directory (the system property lesson.work, set by scripts/check-lesson.sh) with
 * {@code bash -c 'source FILE; FUNCTION ARGS'}.
 * <p>
 * Nothing here reaches another machine. cluster_uptime talks to a stand-in for ssh that the checker
 * writes: it answers for pretend Pis at once, after a delay, or not at all, and logs how it was run.
 * It is both the SSH given to the function and the {@code ssh} found first on PATH. Every host of
 * every list is this machine, 127.0.0.1: as user@127.0.0.1, or written with leading zeros
 * (127.0.0.01 and 127.0.0.001 are the same address, so a list can hold this machine several times).
 * The ports are the checker's own: one with a listener, one closed, and one whose listener never
 * accepts and has a full queue, so that a connection to it neither opens nor is refused, like a
 * Pi that is switched off. Every check gives up after 15 seconds and stops what it started.
 */
@DisplayName("Lesson 09: deploying to a cluster")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson09Check {
    private static final Duration LIMIT = Duration.ofSeconds(15);
    /** How long one bash command may take, inside LIMIT so that its output can still be shown. */
    private static final long RUN_SECONDS = 12;
    /** What starting bash, forking the hosts' jobs and collecting them may add to a waiting time. */
    private static final double SLACK_SECONDS = 1.5;
    private static final String LOOPBACK = "127.0.0.1";
    /** The options the checks give in SSH, so the stand-in's log shows SSH was used as given. */
    private static final String SSH_OPTIONS = "-o BatchMode=yes -o ConnectTimeout=3";
    private static final String DEFAULT_SSH_OPTIONS = "-o BatchMode=yes -o ConnectTimeout=5";

    private Path tmp;
    private int runs;

    @BeforeEach
    void makeTemporaryDirectory() throws IOException {
        tmp = Files.createTempDirectory("lesson09-");
    }

    @AfterEach
    void removeTemporaryDirectory() {
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary file is not worth failing a check for.
        }
    }

    // ---- (a) cluster_uptime ----

    @Test
    @DisplayName("(a) cluster_uptime: prints \"TARGET: what uptime printed\" for every host, through $SSH")
    void printsEveryHostsUptime() {
        within(() -> {
            List<Pi> pis = List.of(
                    Pi.answers("ok-1@127.0.0.1", " 10:00:01 up 3 days,  2:14,  load average: 0.10, 0.05, 0.01"),
                    Pi.answers("ok-2@127.0.0.1", " 10:00:02 up 12 days, 23:40,  load average: 1.52, 1.20, 0.98"),
                    Pi.answers("ok-3@127.0.0.1", " 10:00:03 up 5 min,  0 users,  load average: 0.00, 0.00, 0.00"));
            Path hosts = write("hosts.txt", """
                    # three Pis (the checker's pretend ones)
                    ok-1@127.0.0.1

                    ok-2@127.0.0.1 slots=2   # two instances: still one host
                    ok-3@127.0.0.1
                    ok-2@127.0.0.1           # listed again: still one host
                    """);
            Run r = clusterUptime(pis, hosts, true);
            assertLines(expectedUptimes(pis), r, "one line per host of the list, in its order (a host listed twice or"
                    + " with slots=2 is one host: read the list with pi_list_read)");
            assertEquals(0, r.status, "every host answered: return 0\n" + r);
            assertSshRuns(pis, "fake-ssh " + SSH_OPTIONS, r);
        });
    }

    @Test
    @DisplayName("(a) cluster_uptime: a host whose ssh fails is \"TARGET: unreachable\", and the status is 1")
    void failedHostIsUnreachable() {
        within(() -> {
            List<Pi> pis = List.of(Pi.answers("ok-1@127.0.0.1", " 10:00:01 up 3 days,  load average: 0.10, 0.05, 0.01"),
                    Pi.down("down-2@127.0.0.1"),
                    Pi.answers("ok-3@127.0.0.1", " 10:00:03 up 40 days,  load average: 0.31, 0.22, 0.20"));
            Path hosts = write("hosts.txt", lines(pis));
            Run r = clusterUptime(pis, hosts, true);
            assertLines(expectedUptimes(pis), r, "ssh exits with 255 for down-2@127.0.0.1 (as when a Pi is off):"
                    + " print \"down-2@127.0.0.1: unreachable\" and go on with the other hosts");
            assertEquals(1, r.status, "a host did not answer: return 1\n" + r);
        });
    }

    @Test
    @DisplayName("(a) cluster_uptime: asks every host at once, and prints in the list's order")
    void asksInParallelPrintsInOrder() {
        within(() -> {
            double[] delays = delays(4, 1.0, 2.0, 9);
            List<Pi> pis = List.of(
                    Pi.slow("slow-1@127.0.0.1", delays[0], " 10:00:01 up 1 day,  load average: 0.91, 0.40, 0.15"),
                    Pi.answers("ok-2@127.0.0.1", " 10:00:02 up 2 days,  load average: 0.20, 0.10, 0.05"),
                    Pi.slow("slow-3@127.0.0.1", delays[1], " 10:00:03 up 3 days,  load average: 0.30, 0.15, 0.07"),
                    Pi.down("down-4@127.0.0.1"),
                    Pi.slow("slow-5@127.0.0.1", delays[2], " 10:00:05 up 5 days,  load average: 0.50, 0.25, 0.12"),
                    Pi.slow("slow-6@127.0.0.1", delays[3], " 10:00:06 up 6 days,  load average: 0.60, 0.30, 0.15"));
            Path hosts = write("hosts.txt", lines(pis));
            Run r = clusterUptime(pis, hosts, true);
            assertLines(expectedUptimes(pis), r, "the slow hosts answer after " + seconds(delays) + " s, so the answers"
                    + " arrive in another order than the list's: print them in the list's order all the same");
            assertEquals(1, r.status, "down-4@127.0.0.1 did not answer: return 1\n" + r);
            double longest = max(delays);
            double limit = longest + SLACK_SECONDS;
            assertTrue(r.seconds() < limit, String.format(Locale.ROOT, "took %.1f s. The slow hosts answer after %s s:"
                    + " one after the other, that is %.1f s; all at once, about %.1f s (allowed: %.1f s). Start every"
                    + " host's ssh in the background (&) before waiting for any.%n%s", r.seconds(), seconds(delays),
                    sum(delays), longest, limit, r));
        });
    }

    @Test
    @DisplayName("(a) cluster_uptime: without SSH set, runs ssh " + DEFAULT_SSH_OPTIONS + " TARGET uptime")
    void defaultSsh() {
        within(() -> {
            List<Pi> pis = List.of(Pi.answers("ok-1@127.0.0.1", " 10:00:01 up 3 days,  load average: 0.10, 0.05, 0.01"),
                    Pi.answers("ok-2@127.0.0.1", " 10:00:02 up 4 days,  load average: 0.40, 0.30, 0.20"));
            Path hosts = write("hosts.txt", lines(pis));
            Run r = clusterUptime(pis, hosts, false);
            assertLines(expectedUptimes(pis), r, "SSH is not set: use the default, ssh " + DEFAULT_SSH_OPTIONS);
            assertSshRuns(pis, "ssh " + DEFAULT_SSH_OPTIONS, r);
        });
    }

    @Test
    @DisplayName("(a) cluster_uptime: a list with a mistake fails with the parser's message, and runs no ssh")
    void badListRunsNothing() {
        within(() -> {
            List<Pi> pis = List.of(Pi.answers("ok-1@127.0.0.1", " 10:00:01 up 3 days,  load average: 0.10, 0.05, 0.01"),
                    Pi.answers("ok-2@127.0.0.1", " 10:00:02 up 4 days,  load average: 0.40, 0.30, 0.20"));
            Path hosts = write("hosts.txt", "ok-1@127.0.0.1\nok-2@127.0.0.1 slots=99\n");
            Run r = clusterUptime(pis, hosts, true);
            assertTrue(r.err.contains(hosts + ":2: 'slots=99'"), "line 2 of the list has slots=99 (at most 64 are"
                    + " allowed): pi_list_read says so on stderr; let its message through\n" + r);
            assertNotEquals(0, r.status, "the list has a mistake: fail (pi_list_read returns 2)\n" + r);
            assertLinesEqual(List.of(), r.log, "the list has a mistake: run no ssh at all, not even for the hosts"
                    + " before the mistake\n" + r);
            assertLinesEqual(List.of(), r.out, "the list has a mistake: print no host line\n" + r);
        });
    }

    // ---- (b) host_reachable ----

    @Test
    @DisplayName("(b) host_reachable: succeeds at once on a port that answers, and prints nothing")
    void reachesAnOpenPort() {
        within(() -> {
            try (ServerSocket listener = listener()) {
                int port = listener.getLocalPort();
                Run r = hostReachable(LOOPBACK, port, "5");
                assertEquals(0, r.status, "the checker listens on " + LOOPBACK + ":" + port + ": host_reachable "
                        + LOOPBACK + " " + port + " 5 should succeed\n" + r);
                assertQuiet(r);
                assertTrue(r.seconds() < SLACK_SECONDS + 1, String.format(Locale.ROOT, "took %.1f s: a port that"
                        + " answers opens at once; return as soon as it has%n%s", r.seconds(), r));
            }
        });
    }

    @Test
    @DisplayName("(b) host_reachable: fails at once on a closed port, well before SECONDS")
    void failsFastOnAClosedPort() {
        within(() -> {
            int port = closedPort();
            Run r = hostReachable(LOOPBACK, port, "5");
            assertNotEquals(0, r.status, "nothing listens on " + LOOPBACK + ":" + port + ": host_reachable should"
                    + " fail\n" + r);
            assertQuiet(r);
            assertTrue(r.seconds() < SLACK_SECONDS + 0.5, String.format(Locale.ROOT, "took %.1f s of the 5 allowed:"
                    + " a closed port refuses the connection at once, so host_reachable has nothing to wait for%n%s",
                    r.seconds(), r));
        });
    }

    @Test
    @DisplayName("(b) host_reachable: gives up after SECONDS on a port that does not answer")
    void givesUpOnASilentPort() {
        within(() -> {
            try (SilentPort silent = new SilentPort()) {
                Run r = hostReachable(LOOPBACK, silent.port(), "1");
                assertNotEquals(0, r.status, LOOPBACK + ":" + silent.port() + " never answers (like a Pi that is"
                        + " off): host_reachable should fail\n" + r);
                assertQuiet(r);
                assertTrue(r.seconds() < 1 + SLACK_SECONDS, String.format(Locale.ROOT, "took %.1f s with SECONDS=1:"
                        + " give up after SECONDS (run the connection under timeout, inside the command timeout"
                        + " runs)%n%s", r.seconds(), r));
                assertTrue(r.seconds() > 0.7, String.format(Locale.ROOT, "gave up after %.1f s with SECONDS=1: a"
                        + " connection that has not answered yet may still open, so give it SECONDS%n%s",
                        r.seconds(), r));
            }
        });
    }

    // ---- (b) skip_unreachable ----

    @Test
    @DisplayName("(b) skip_unreachable: a port that answers on every host: prints every TARGET, in the list's order")
    void keepsEveryAnsweringHost() {
        within(() -> {
            try (ServerSocket listener = listener()) {
                int port = listener.getLocalPort();
                Path hosts = write("hosts.txt", """
                        # this machine three times: 127.0.0.01 and 127.0.0.001 are 127.0.0.1 with leading zeros
                        127.0.0.1
                        127.0.0.01 slots=2

                        127.0.0.001
                        127.0.0.1   # listed again: still one host
                        """);
                Run r = skipUnreachable(hosts, port, "3", null);
                assertLinesEqual(List.of("127.0.0.1", "127.0.0.01", "127.0.0.001"), r.out, "port " + port
                        + " answers on every host: print each TARGET once (read the list with pi_list_read), in its"
                        + " order\n" + r);
                assertEquals("", r.err, "every host answered: nothing to report on stderr\n" + r);
                assertEquals(0, r.status, "every host answered: return 0\n" + r);
            }
        });
    }

    @Test
    @DisplayName("(b) skip_unreachable: a closed port: skips every host, with a message on stderr, at once")
    void skipsEveryHostOnAClosedPort() {
        within(() -> {
            int port = closedPort();
            List<String> targets = List.of("127.0.0.1", "127.0.0.01", "127.0.0.001");
            Path hosts = write("hosts.txt", String.join("\n", targets) + "\n");
            Run r = skipUnreachable(hosts, port, "5", null);
            assertLinesEqual(List.of(), r.out, "port " + port + " is closed: no host to print on stdout\n" + r);
            assertSkipped(targets, port, r);
            assertEquals(1, r.status, "hosts were skipped: return 1\n" + r);
            assertTrue(r.seconds() < SLACK_SECONDS + 0.5, String.format(Locale.ROOT, "took %.1f s: a closed port"
                    + " refuses at once, there is nothing to wait for%n%s", r.seconds(), r));
        });
    }

    @Test
    @DisplayName("(b) skip_unreachable: a port that does not answer: the hosts wait together, SECONDS in all")
    void silentHostsWaitTogether() {
        within(() -> {
            try (SilentPort silent = new SilentPort()) {
                List<String> targets = List.of("127.0.0.1", "127.0.0.01", "127.0.0.001", "127.00.0.1");
                Path hosts = write("hosts.txt", String.join("\n", targets) + "\n");
                Run r = skipUnreachable(hosts, silent.port(), "1", null);
                assertLinesEqual(List.of(), r.out, "port " + silent.port() + " never answers: no host to print\n" + r);
                assertSkipped(targets, silent.port(), r);
                assertEquals(1, r.status, "hosts were skipped: return 1\n" + r);
                assertTrue(r.seconds() < 1 + SLACK_SECONDS, String.format(Locale.ROOT, "took %.1f s for 4 hosts"
                        + " that do not answer, with SECONDS=1: one after the other, that is 4 s; all at once, 1 s."
                        + " Start every host's check in the background (&) before waiting for any.%n%s",
                        r.seconds(), r));
            }
        });
    }

    @Test
    @DisplayName("(b) skip_unreachable: a mixed list: the right split, in the list's order, checked with"
            + " host_reachable HOST PORT SECONDS")
    void splitsAMixedList() {
        within(() -> {
            try (ServerSocket listener = listener()) {
                int port = listener.getLocalPort();
                // Here the checker replaces host_reachable with a stand-in that answers for each
                // host as this table says, after a delay, and logs how it was called.
                double[] delays = delays(5, 1.0, 2.0, 17);
                Map<String, Boolean> answers = Map.of("127.0.0.1", true, "127.0.0.01", false, "127.0.0.001", true,
                        "127.00.0.1", false, "127.000.0.1", true);
                List<String> hostOrder = List.of("127.0.0.1", "127.0.0.01", "127.0.0.001", "127.00.0.1", "127.000.0.1");
                Map<String, Double> delayOf = new HashMap<>();
                for (int i = 0; i < hostOrder.size(); i++) {
                    delayOf.put(hostOrder.get(i), delays[i]);
                }

                // First a list without user@: skip_unreachable must leave the checking to host_reachable.
                Path plain = write("plain.txt", "127.0.0.1\n127.0.0.01\n");
                Run probe = skipUnreachable(plain, port, "2", standIn(answers, Map.of()));
                if (probe.log.isEmpty()) {
                    fail("skip_unreachable never called host_reachable (the checker replaced it with a stand-in that"
                            + " logs every call): check each host with host_reachable HOST PORT SECONDS\n" + probe);
                }

                List<String> targets = List.of("pi@127.0.0.1", "127.0.0.01", "pi@127.0.0.001", "ubuntu@127.00.0.1",
                        "127.000.0.1");
                Path hosts = write("hosts.txt", String.join("\n", targets) + "\n");
                Run r = skipUnreachable(hosts, port, "2", standIn(answers, delayOf));
                for (String call : r.log) {
                    if (call.contains("@")) {
                        fail("host_reachable was called as: host_reachable " + call + "\nGive it the host alone,"
                                + " without user@: \"${target#*@}\"\n" + r);
                    }
                }
                List<String> expectedCalls = hostOrder.stream().map(h -> h + " " + port + " 2").sorted().toList();
                assertLinesEqual(expectedCalls, r.log.stream().sorted().toList(), "the calls of host_reachable (one"
                        + " line per call: HOST PORT SECONDS, sorted): once per host, with the PORT and SECONDS given\n"
                        + r);
                List<String> kept = targets.stream().filter(t -> answers.get(t.substring(t.indexOf('@') + 1))).toList();
                assertLinesEqual(kept, r.out, "the hosts that answer, as TARGET (user@ included), in the list's order;"
                        + " they answer after " + seconds(delays) + " s, so in another order than the list's\n" + r);
                List<String> skipped = targets.stream().filter(t -> !kept.contains(t)).toList();
                assertSkipped(skipped, port, r);
                assertEquals(1, r.status, "hosts were skipped: return 1\n" + r);
                double longest = max(delays);
                double limit = longest + SLACK_SECONDS;
                assertTrue(r.seconds() < limit, String.format(Locale.ROOT, "took %.1f s. The hosts take %s s to check:"
                        + " one after the other, that is %.1f s; all at once, about %.1f s (allowed: %.1f s). Start"
                        + " every host's check in the background (&) before waiting for any.%n%s", r.seconds(),
                        seconds(delays), sum(delays), longest, limit, r));
            }
        });
    }

    @Test
    @DisplayName("(b) skip_unreachable: a list with a mistake fails with the parser's message, and checks nothing")
    void badListChecksNothing() {
        within(() -> {
            int port = closedPort();
            Path hosts = write("hosts.txt", "127.0.0.1\n127.0.0.01 slots=0\n");
            Run r = skipUnreachable(hosts, port, "1", standIn(Map.of("127.0.0.1", true), Map.of()));
            assertTrue(r.err.contains(hosts + ":2: 'slots=0'"), "line 2 of the list has slots=0 (at least 1 is"
                    + " needed): pi_list_read says so on stderr; let its message through\n" + r);
            assertNotEquals(0, r.status, "the list has a mistake: fail (pi_list_read returns 2)\n" + r);
            assertLinesEqual(List.of(), r.log, "the list has a mistake: check no host at all\n" + r);
            assertLinesEqual(List.of(), r.out, "the list has a mistake: print no host\n" + r);
        });
    }

    // ---- the pretend Pis ----

    /** A pretend Pi: what the stand-in for ssh does when asked for TARGET's uptime. */
    private record Pi(String target, double delay, String uptime) {
        static Pi answers(String target, String uptime) {
            return new Pi(target, 0, uptime);
        }

        static Pi slow(String target, double delay, String uptime) {
            return new Pi(target, delay, uptime);
        }

        static Pi down(String target) {
            return new Pi(target, 0, null);
        }

        String expected() {
            return target + ": " + (uptime == null ? "unreachable" : uptime.strip());
        }
    }

    private static String lines(List<Pi> pis) {
        return pis.stream().map(p -> p.target + "\n").collect(Collectors.joining());
    }

    private static List<String> expectedUptimes(List<Pi> pis) {
        return pis.stream().map(Pi::expected).toList();
    }

    /**
     * Writes the stand-in for ssh twice: as tmp/fake-ssh (given in SSH) and as tmp/bin/ssh (first on
     * PATH, so a plain "ssh" reaches it too). It logs "NAME ARGUMENTS" and, like ssh, reads its
     * standard input, then answers for the first argument that is one of the pretend Pis.
     */
    private Path writeFakeSsh(List<Pi> pis) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bash\n");
        s.append("# A stand-in for ssh, written by lessons/09-deploy/check/Lesson09Check.java.\n");
        s.append("printf '%s\\n' \"${0##*/} $*\" >>").append(quote(tmp.resolve("ssh.log"))).append('\n');
        s.append("cat >/dev/null # a real ssh reads its standard input too, and sends it to the remote command\n");
        s.append("for arg in \"$@\"; do\n    case $arg in\n");
        for (Pi pi : pis) {
            s.append("        ").append(quote(pi.target)).append(") ");
            if (pi.uptime == null) {
                s.append("echo ").append(quote("ssh: connect to host 127.0.0.1 port 22: Connection refused (a pretend"
                        + " Pi that is off)")).append(" >&2; exit 255 ;;\n");
            } else {
                if (pi.delay > 0) {
                    s.append("sleep ").append(String.format(Locale.ROOT, "%.1f", pi.delay)).append("; ");
                }
                s.append("echo ").append(quote(pi.uptime)).append("; exit 0 ;;\n");
            }
        }
        s.append("    esac\ndone\n");
        s.append("echo \"ssh (the checker's stand-in): none of the checker's hosts in: $*\" >&2\nexit 255\n");
        Path fake = tmp.resolve("fake-ssh");
        Files.createDirectories(tmp.resolve("bin"));
        for (Path p : List.of(fake, tmp.resolve("bin/ssh"))) {
            Files.writeString(p, s);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
        return fake;
    }

    private Run clusterUptime(List<Pi> pis, Path hosts, boolean setSsh) throws Exception {
        Path fake = writeFakeSsh(pis);
        Map<String, String> env = new HashMap<>();
        if (setSsh) {
            env.put("SSH", fake + " " + SSH_OPTIONS);
        }
        return bash("source \"$1\"; cluster_uptime \"$2\"", env, tmp.resolve("ssh.log"),
                "how the stand-in for ssh was run (one line per run: its name, then its arguments)",
                work("uptime.sh").toString(), hosts.toString());
    }

    /** Checks how the stand-in was run: once per host, as COMMAND TARGET uptime. */
    private static void assertSshRuns(List<Pi> pis, String command, Run r) {
        if (r.log.isEmpty()) {
            fail("ssh was never run: run $SSH TARGET uptime for every host of the list\n" + r);
        }
        if (command.startsWith("fake-ssh ") && r.log.stream().anyMatch(l -> l.startsWith("ssh "))) {
            fail("a plain ssh was run, not the command in $SSH (here: the checker's fake-ssh " + SSH_OPTIONS + "):"
                    + " run $SSH TARGET uptime\n" + r);
        }
        List<String> expected = pis.stream().map(p -> command + " " + p.target + " uptime").sorted().toList();
        assertLinesEqual(expected, r.log.stream().sorted().toList(), "how ssh was run (one line per run: the command's"
                + " name, then its arguments, sorted): once per host, as " + command + " TARGET uptime\n" + r);
    }

    // ---- host_reachable and skip_unreachable ----

    private Run hostReachable(String host, int port, String seconds) throws Exception {
        return bash("source \"$1\"; host_reachable \"$2\" \"$3\" \"$4\"", Map.of(), null, null,
                work("reachable.sh").toString(), host, Integer.toString(port), seconds);
    }

    /**
     * Runs skip_unreachable; with a stand-in (bash code defining host_reachable), the stand-in
     * replaces the function of reachable.sh and logs its calls.
     */
    private Run skipUnreachable(Path hosts, int port, String seconds, String standIn) throws Exception {
        Path log = tmp.resolve("host_reachable.log");
        Files.deleteIfExists(log);
        String script = "source \"$1\"; " + (standIn == null ? "" : standIn) + "skip_unreachable \"$2\" \"$3\" \"$4\"";
        return bash(script, Map.of("STAND_IN_LOG", log.toString()), log, standIn == null ? null
                : "calls of the checker's stand-in for host_reachable (HOST PORT SECONDS)",
                work("reachable.sh").toString(), hosts.toString(), Integer.toString(port), seconds);
    }

    /** A host_reachable that answers as the table says, after the delay given (0 if none), and logs its calls. */
    private static String standIn(Map<String, Boolean> answers, Map<String, Double> delays) {
        StringBuilder s = new StringBuilder("host_reachable() {\n    printf '%s\\n' \"$*\" >>\"$STAND_IN_LOG\"\n");
        s.append("    case $1 in\n");
        answers.keySet().stream().sorted().forEach(host -> {
            s.append("        ").append(quote(host)).append(") ");
            double delay = delays.getOrDefault(host, 0.0);
            if (delay > 0) {
                s.append("sleep ").append(String.format(Locale.ROOT, "%.1f", delay)).append("; ");
            }
            s.append("return ").append(answers.get(host) ? 0 : 1).append(" ;;\n");
        });
        s.append("    esac\n    return 1\n}\n");
        return s.toString();
    }

    private static void assertSkipped(List<String> targets, int port, Run r) {
        List<String> expected = targets.stream().map(t -> "skipping " + t + ": port " + port + " does not answer")
                .sorted().toList();
        assertLinesEqual(expected, r.errLines().stream().sorted().toList(), "stderr should hold one line per host"
                + " skipped, \"skipping TARGET: port PORT does not answer\" (compared sorted), and nothing else"
                + " (send the error of the /dev/tcp connection to /dev/null)\n" + r);
    }

    private static void assertQuiet(Run r) {
        assertEquals("", String.join("\n", r.out) + r.err, "host_reachable should print nothing: its status says"
                + " it all (send the error of the /dev/tcp connection to /dev/null)\n" + r);
    }

    private static ServerSocket listener() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK));
    }

    /** A port of 127.0.0.1 that nothing listens on: the checker's own listener, just closed. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = listener()) {
            return s.getLocalPort();
        }
    }

    /**
     * A port of 127.0.0.1 that neither accepts nor refuses: a listener with a queue of one that never
     * accepts, filled with connections; the kernel drops the next connection request without a
     * word, as a switched-off Pi would.
     */
    private static final class SilentPort implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> queued = new ArrayList<>();

        SilentPort() throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
            try {
                for (int i = 0; i < 16; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(LOOPBACK, listener.getLocalPort()), 300);
                        queued.add(s);
                    } catch (SocketTimeoutException e) {
                        s.close();
                        return; // the queue is full: the port is silent now
                    }
                }
            } catch (IOException e) {
                close();
                throw e;
            }
            close();
            throw new IOException("the checker could not make a port that does not answer: its listener's queue"
                    + " never filled (this check needs Linux or macOS)");
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : queued) {
                s.close();
            }
            listener.close();
        }
    }

    // ---- running bash ----

    /** What a bash command did: its status, stdout lines, stderr, the log its stand-ins wrote, its time. */
    private record Run(String command, int status, List<String> out, String err, String logName, List<String> log,
            long nanos) {
        double seconds() {
            return nanos / 1e9;
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "--- ran: %s%n--- status %d after %.2f s%n--- stdout:%n%s--- stderr:%n%s"
                    + "%s--- end%n", command, status, seconds(), block(out), err.isEmpty() || err.endsWith("\n") ? err
                    : err + "\n", logName == null ? "" : "--- " + logName + ":\n" + block(log));
        }
    }

    /**
     * Runs bash -c SCRIPT with ARGS as $1, $2... in the temporary directory, standard input from
     * /dev/null, CLUSTERLAB_ROOT set, the temporary bin/ first on PATH, SSH unset unless ENV sets it,
     * and stops it, with everything it started, if it takes longer than RUN_SECONDS.
     */
    private Run bash(String script, Map<String, String> env, Path log, String logName, String... args)
            throws Exception {
        int n = ++runs;
        Path out = tmp.resolve("out-" + n + ".txt");
        Path err = tmp.resolve("err-" + n + ".txt");
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("SSH");
        pb.environment().put("CLUSTERLAB_ROOT", root().toString());
        pb.environment().put("PATH", tmp.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        pb.environment().putAll(env);
        String shown = "bash -c '" + script.replace("\n", "\n    ") + "' " + String.join(" ", args)
                + (env.containsKey("SSH") ? "   (with SSH=\"" + env.get("SSH") + "\")" : "");
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            boolean done = p.waitFor(RUN_SECONDS, TimeUnit.SECONDS);
            long nanos = System.nanoTime() - start;
            if (!done) {
                stop(p);
                fail("did not return within " + RUN_SECONDS + " s, so the checker stopped it (is some wait not"
                        + " bounded?): " + shown + "\n--- stdout:\n"
                        + read(out) + "--- stderr:\n" + read(err));
            }
            List<String> logLines = log == null ? List.of() : read(log).lines().filter(l -> !l.isEmpty()).toList();
            return new Run(shown, p.exitValue(), read(out).lines().toList(), read(err), logName, logLines, nanos);
        } finally {
            stop(p); // also when the 15 s limit interrupts the wait
        }
    }

    private static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }

    // ---- small helpers ----

    private static Path work(String file) {
        String dir = System.getProperty("lesson.work");
        if (dir == null || dir.isEmpty()) {
            fail("the system property lesson.work is not set: run the checks with scripts/check-lesson.sh 09");
        }
        Path path = Path.of(dir).resolve(file);
        if (!Files.isRegularFile(path)) {
            fail(path + " does not exist: keep the file names of the starter files");
        }
        return path;
    }

    private static Path root() {
        String dir = System.getProperty("clusterlab.root");
        if (dir == null || dir.isEmpty()) {
            fail("the system property clusterlab.root is not set: run the checks with scripts/check-lesson.sh 09");
        }
        return Path.of(dir).toAbsolutePath();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** TARGET: ANSWER lines, with the blanks around ANSWER ignored (uptime starts with a blank). */
    private static void assertLines(List<String> expected, Run r, String what) {
        Pattern line = Pattern.compile("([^:\\s]+):\\s*(.*?)\\s*");
        List<String> actual = r.out.stream().map(l -> {
            Matcher m = line.matcher(l);
            return m.matches() ? m.group(1) + ": " + m.group(2) : l;
        }).toList();
        assertLinesEqual(expected, actual, what + "\n" + r);
    }

    /** Compares two lists of lines shown one per line, as a terminal would show them. */
    private static void assertLinesEqual(List<String> expected, List<String> actual, String message) {
        if (!expected.equals(actual)) {
            assertEquals(block(expected), block(actual), message);
        }
    }

    private static String block(List<String> lines) {
        return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
    }

    private static String quote(Object text) {
        String s = text.toString();
        if (s.contains("'")) {
            throw new IllegalArgumentException(s);
        }
        return "'" + s + "'";
    }

    /**
     * N waiting times from FROM to TO seconds, in tenths, drawn with a fixed seed (the same every
     * run); the longest comes first, so the first host of the list answers last.
     */
    private static double[] delays(int n, double from, double to, long seed) {
        Random random = new Random(seed);
        int steps = (int) Math.round((to - from) * 10);
        double[] d = new double[n];
        int longest = 0;
        for (int i = 0; i < n; i++) {
            d[i] = from + random.nextInt(steps + 1) / 10.0;
            longest = d[i] > d[longest] ? i : longest;
        }
        double first = d[0];
        d[0] = d[longest];
        d[longest] = first;
        if (d[0] == d[n - 1]) {
            d[0] = to;
        }
        return d;
    }

    private static String seconds(double[] delays) {
        return Arrays.stream(delays).mapToObj(d -> String.format(Locale.ROOT, "%.1f", d))
                .collect(Collectors.joining(", "));
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    private static void within(Executable check) {
        assertTimeoutPreemptively(LIMIT, check);
    }
}
