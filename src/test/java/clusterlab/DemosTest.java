package clusterlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demos of the apps, run as `clusterlab demo NAME` prints them when the output is not a terminal. */
class DemosTest {
    @Test
    void primesDemoCountsPiOfTenToTheEightWithTwoWorkerProcessesThatThenExit() {
        CommandLine cli = new CommandLine();
        assertEquals(0, cli.run("demo", "primes"), cli.err());
        String out = cli.out();
        assertTrue(out.contains("range 1:100000000: 5761455 primes, the largest 99999989"), out);
        assertTrue(out.contains("20 of 20 blocks of 5000000 numbers"), out);
        assertTrue(out.contains("worker local-1 exited with status 0"), out);
        assertTrue(out.contains("worker local-2 exited with status 0"), out);
        assertTrue(out.contains("[####################] 100.0%  20/20 blocks  5,761,455 primes"), out);
        assertTrue(out.contains("the count matches pi(10^8) = 5761455"), out);
        assertFalse(out.contains("\r"), "no bar redrawn in place when the output is not a terminal:\n" + out);
        List<Long> pids = new ArrayList<>();
        Matcher started = Pattern.compile("started worker local-\\d \\(pid (\\d+)\\)").matcher(out);
        while (started.find()) {
            pids.add(Long.parseLong(started.group(1)));
        }
        assertEquals(2, pids.size(), out);
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker process " + pid + " still runs");
        }
    }

    @Test
    void monitorDemoShowsThreeNodesInTheGridAndTheSummaryAndStopsItsAgents() {
        CommandLine cli = new CommandLine();
        assertEquals(0, cli.run("demo", "monitor"), cli.err());
        String out = cli.out();
        assertTrue(out.contains("clusterlab monitor: 3 nodes, 12 reports, 0 rejected"), out);
        assertTrue(out.matches("(?s).*\\n\\s+10\\.0\\.0\\.1\\s+10\\.0\\.0\\.2\\s+10\\.0\\.0\\.3\\s*\\n.*"), out);
        assertTrue(out.contains("monitor-head stopped: 3 nodes, 12 reports, 0 rejected; 3 connections, 0 turned away"), out);
        for (int i = 1; i <= 3; i++) {
            assertTrue(out.contains("new node 10.0.0." + i + " (sim-" + i + ") from 127.0.0.1"), out);
            assertTrue(out.contains("agent 10.0.0." + i + ": sent 4 reports"), out);
        }
        assertFalse(out.contains("\033"), "no colours or cursor moves when the output is not a terminal:\n" + out);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("monitor-demo-agent")),
                "an agent thread still runs");
    }
}
