package clusterlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLimitTest {
    @TempDir
    Path locks;

    /** A real clusterlab server in another process, holding one instance slot of "server". */
    private Process serverHoldingASlot(int max) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(InstanceLimit.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", classes, "clusterlab.Main", "server", "--host", "127.0.0.1",
                "--port", "0", "--max-instances", String.valueOf(max)).redirectErrorStream(true);
        pb.environment().put("CLUSTERLAB_LOCKS", locks.toString());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertTrue(first != null && first.startsWith("listening on"), "the server started: " + first);
        return p;
    }

    @Test
    void slotsAreTakenInTurnAndRefusedWhenAllAreHeld() throws Exception {
        Process other = serverHoldingASlot(2);
        try {
            assertEquals(2, InstanceLimit.acquire(locks, "server", 2), "slot 1 is the other process's");
            assertEquals(0, InstanceLimit.acquire(locks, "server", 2), "both slots are held now");
            assertEquals(1, InstanceLimit.acquire(locks, "calc-node", 1), "another command has slots of its own");
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCrashedInstanceLeavesNoStaleLock() throws Exception {
        Process crashed = serverHoldingASlot(1);
        assertEquals(0, InstanceLimit.acquire(locks, "server", 1));
        crashed.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up, as in a crash
        assertTrue(crashed.waitFor(10, TimeUnit.SECONDS));
        assertTrue(Files.exists(locks.resolve("server-1.lock")), "the lock file is still there");
        assertEquals(1, InstanceLimit.acquire(locks, "server", 1), "but its lock went with the process");
    }

    @Test
    void oneInstanceTooManyIsRefusedWithAClearMessage() throws Exception {
        Process other = serverHoldingASlot(1);
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classes = Path.of(InstanceLimit.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", classes, "clusterlab.Main", "server", "--host", "127.0.0.1",
                    "--port", "0", "--max-instances", "1").redirectErrorStream(true);
            pb.environment().put("CLUSTERLAB_LOCKS", locks.toString());
            Process second = pb.start();
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, second.exitValue(), output);
            assertEquals("clusterlab server: 1 instance already run on this host (--max-instances 1); stop one first\n", output);
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
