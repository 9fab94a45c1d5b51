package clusterlab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.Eventually;
import clusterlab.net.Backoff;
import clusterlab.net.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {
    @Test
    void backOffDoublesUpToThirtySecondsAndStartsAgainAfterASuccess() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            waits.add(b.nextMillis());
        }
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L), waits);
        b.reset();
        assertEquals(1_000L, b.nextMillis());
    }

    @Test
    void anAgentFindsTheHeadAgainAfterItRestarts() throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream agentLog = new PrintStream(said, true, StandardCharsets.UTF_8);
        ServerConfig config = new ServerConfig().host("127.0.0.1").port(0).timeoutMillis(10_000);
        MonitorModel before = new MonitorModel(10, 10, Duration.ofMillis(100), false, new RecentLog(10, null));
        Collector first = new Collector(config, before);
        first.start();
        int port = first.port();
        MonitorAgent agent = new MonitorAgent("127.0.0.1", port, Duration.ofMillis(100), new SimulatedTemperature(3), agentLog).ip("10.0.0.1");
        Thread thread = new Thread(() -> {
            try {
                agent.run();
            } catch (InterruptedException e) {
                // stopped by the test
            }
        }, "agent");
        thread.start();
        try {
            Eventually.await("reports to the first head", () -> before.reports() >= 2);
            first.close();
            Eventually.await("the agent to find the head gone", () -> said.toString(StandardCharsets.UTF_8).contains("trying again in 1 s"),
                    () -> said.toString(StandardCharsets.UTF_8));
            MonitorModel after = new MonitorModel(10, 10, Duration.ofMillis(100), false, new RecentLog(10, null));
            try (Collector second = new Collector(new ServerConfig().host("127.0.0.1").port(port).timeoutMillis(10_000), after)) {
                second.start();
                Eventually.await("reports to the restarted head", () -> after.reports() >= 2, () -> said.toString(StandardCharsets.UTF_8));
                assertEquals("10.0.0.1", after.nodes().get(0).ip());
            }
        } finally {
            thread.interrupt();
            thread.join(10_000);
            first.close();
        }
        String log = said.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("head 127.0.0.1:" + port + " not reachable ("), log);
        assertTrue(log.lines().filter(l -> l.contains("trying again in")).allMatch(l -> l.matches(".*; trying again in (1|2|4|8) s")), log);
    }

    @Test
    void simulatedTemperaturesWalkBetween40And80AndRepeatWithTheSeed() {
        SimulatedTemperature a = new SimulatedTemperature(42);
        SimulatedTemperature b = new SimulatedTemperature(42);
        SimulatedTemperature other = new SimulatedTemperature(43);
        List<Double> walk = new ArrayList<>();
        List<Double> otherWalk = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            double t = a.celsius();
            assertTrue(t >= 40 && t <= 80, "reading " + i + ": " + t);
            assertEquals(t, b.celsius());
            walk.add(t);
            otherWalk.add(other.celsius());
        }
        assertNotEquals(walk, otherWalk);
        assertTrue(walk.stream().anyMatch(t -> t < 45) && walk.stream().anyMatch(t -> t > 75), "it visits both ends of the scale");
    }

    @Test
    void vcgencmdOutputIsRead() throws IOException {
        assertEquals(51.2, VcgencmdTemperature.parse("temp=51.2'C\n"));
        assertEquals(-3.0, VcgencmdTemperature.parse("temp=-3.0'C"));
        IOException e = assertThrows(IOException.class, () -> VcgencmdTemperature.parse("VCHI initialization failed\n"));
        assertEquals("vcgencmd printed VCHI initialization failed, not temp=NN.N'C", e.getMessage());
    }

    @Test
    void aThermalZoneNamedForTheCpuIsPreferred(@TempDir Path sys) throws IOException {
        assertNull(ThermalZoneTemperature.find(sys.resolve("missing")));
        assertNull(ThermalZoneTemperature.find(sys), "no zones");
        zone(sys, "thermal_zone0", "acpitz", "27800\n");
        zone(sys, "thermal_zone1", "x86_pkg_temp", "48500\n");
        zone(sys, "thermal_zone2", "cpu-broken", "n/a\n");
        ThermalZoneTemperature found = ThermalZoneTemperature.find(sys);
        assertEquals(48.5, found.celsius());
        assertEquals(sys.resolve("thermal_zone1/temp") + " (x86_pkg_temp)", found.describe());
        Files.writeString(sys.resolve("thermal_zone1/type"), "other");
        assertEquals(27.8, ThermalZoneTemperature.find(sys).celsius(), "else the first that can be read");
    }

    private static void zone(Path sys, String name, String type, String temp) throws IOException {
        Path zone = Files.createDirectories(sys.resolve(name));
        Files.writeString(zone.resolve("type"), type + "\n");
        Files.writeString(zone.resolve("temp"), temp);
    }
}
