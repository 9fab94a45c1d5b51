package clusterlab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MonitorModelTest {
    private static final Duration PERIOD = Duration.ofSeconds(5);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final RecentLog log = new RecentLog(50, null);

    private MonitorModel model(int maxNodes, int history, boolean trustIp) {
        return new MonitorModel(maxNodes, history, PERIOD, trustIp, log, clock::get);
    }

    private void pass(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    private static NodeStatus node(MonitorModel model, String ip) {
        return model.nodes().stream().filter(n -> n.ip().equals(ip)).findFirst().orElseThrow();
    }

    @Test
    void nodesAreKeptByIpInAddressOrder() throws Exception {
        MonitorModel model = model(10, 5, false);
        model.accept(new Report("10.0.0.10", 61, "ten", 0.5, 100, 1000), "10.0.0.10");
        model.accept(Report.of("10.0.0.9", 52), "10.0.0.9");
        model.accept(Report.of("9.255.0.1", 45), "9.255.0.1");
        model.accept(Report.of("10.0.0.9", 53), "10.0.0.9");
        List<NodeStatus> nodes = model.nodes();
        assertEquals(List.of("9.255.0.1", "10.0.0.9", "10.0.0.10"), nodes.stream().map(NodeStatus::ip).toList(), "numeric order");
        assertEquals(3, model.nodeCount());
        assertEquals(4, model.reports());
        NodeStatus ten = nodes.get(2);
        assertEquals("ten", ten.host());
        assertEquals(new Reading(61, 0.5, 100, 1000, ten.latest().receivedMillis()), ten.latest());
        assertEquals(List.of(52.0, 53.0), nodes.get(1).recent().stream().map(Reading::temp).toList());
        assertEquals(2, nodes.get(1).reports());
        assertTrue(log.last(10).get(0).endsWith("new node 10.0.0.10 (ten) from 10.0.0.10"), log.last(10).toString());
    }

    @Test
    void eachNodeKeepsAFixedHistory() throws Exception {
        MonitorModel model = model(10, 4, false);
        for (int t = 40; t < 60; t++) {
            model.accept(Report.of("10.0.0.1", t), "10.0.0.1");
        }
        NodeStatus n = node(model, "10.0.0.1");
        assertEquals(4, n.held());
        assertEquals(20, n.reports());
        assertEquals(List.of(56.0, 57.0, 58.0, 59.0), n.recent().stream().map(Reading::temp).toList());
        assertEquals(56.0, n.min());
        assertEquals(59.0, n.max());
    }

    @Test
    void recentHistoryIsTheLastTenReadings() throws Exception {
        MonitorModel model = model(10, 120, false);
        for (int t = 0; t < 30; t++) {
            model.accept(Report.of("10.0.0.1", 40 + t), "10.0.0.1");
        }
        NodeStatus n = node(model, "10.0.0.1");
        assertEquals(MonitorModel.RECENT, n.recent().size());
        assertEquals(69.0, n.recent().get(MonitorModel.RECENT - 1).temp());
        assertEquals(40.0, n.min(), "min and max cover the whole history");
    }

    @Test
    void aNodeSilentForThreePeriodsIsStale() throws Exception {
        MonitorModel model = model(10, 5, false);
        model.accept(Report.of("10.0.0.1", 50), "10.0.0.1");
        model.accept(Report.of("10.0.0.2", 50), "10.0.0.2");
        assertEquals(Duration.ofSeconds(15), model.staleAfter());
        pass(Duration.ofSeconds(14));
        model.accept(Report.of("10.0.0.2", 51), "10.0.0.2");
        assertFalse(node(model, "10.0.0.1").stale(), "14 s is not yet 3 periods of 5 s");
        pass(Duration.ofSeconds(2));
        assertTrue(node(model, "10.0.0.1").stale(), "16 s is");
        assertEquals(16_000, node(model, "10.0.0.1").silentMillis());
        assertFalse(node(model, "10.0.0.2").stale());
        model.accept(Report.of("10.0.0.1", 52), "10.0.0.1");
        assertFalse(node(model, "10.0.0.1").stale(), "heard again");
    }

    @Test
    void oneNodeMoreThanTheLimitIsRefusedAndTheOthersGoOn() throws Exception {
        MonitorModel model = model(2, 5, false);
        model.accept(Report.of("10.0.0.1", 50), "10.0.0.1");
        model.accept(Report.of("10.0.0.2", 50), "10.0.0.2");
        ReportRejectedException e = assertThrows(ReportRejectedException.class, () -> model.accept(Report.of("10.0.0.3", 50), "10.0.0.3"));
        assertEquals("report for new node 10.0.0.3 from 10.0.0.3 refused: the grid is full with 2 nodes (--max-nodes)", e.getMessage());
        model.accept(Report.of("10.0.0.2", 51), "10.0.0.2");
        assertEquals(2, model.nodeCount());
        assertEquals(3, model.reports());
        assertEquals(1, model.rejected());
    }

    @Test
    void madeUpIpsFromOneMachineAllWorkAsInTheArticlesLaptopDemo() throws Exception {
        MonitorModel model = model(10, 5, false);
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i <= 5; i++) {
                model.accept(Report.of("192.168.4." + i, 50 + i), "127.0.0.1");
            }
        }
        assertEquals(5, model.nodeCount());
        assertEquals(15, model.reports());
        assertEquals(0, model.rejected());
    }

    @Test
    void anotherAddressCannotTakeASquareThatIsStillReported() throws Exception {
        MonitorModel model = model(10, 5, false);
        model.accept(Report.of("192.168.4.1", 50), "192.168.4.1");
        ReportRejectedException e = assertThrows(ReportRejectedException.class,
                () -> model.accept(Report.of("192.168.4.1", 99), "192.168.4.2"));
        assertEquals("report for 192.168.4.1 from 192.168.4.2 refused: that square is kept by 192.168.4.1 until it is silent"
                + " for 15 s (a node may always report its own ip; --trust-ip believes every report)", e.getMessage());
        assertEquals(50.0, node(model, "192.168.4.1").latest().temp(), "the square is unchanged");
        assertEquals(1, model.rejected());
    }

    @Test
    void aNodeReportingItsOwnIpAlwaysGetsItsSquareBack() throws Exception {
        MonitorModel model = model(10, 5, false);
        model.accept(Report.of("192.168.4.1", 70), "127.0.0.1"); // made up first, by a laptop demo
        model.accept(Report.of("192.168.4.1", 50), "192.168.4.1"); // then the real Pi
        NodeStatus n = node(model, "192.168.4.1");
        assertEquals("192.168.4.1", n.peer());
        assertEquals(50.0, n.latest().temp());
        assertTrue(log.last(1).get(0).endsWith("192.168.4.1 is now reported by 192.168.4.1 instead of 127.0.0.1"), log.last(1).toString());
        assertThrows(ReportRejectedException.class, () -> model.accept(Report.of("192.168.4.1", 70), "127.0.0.1"),
                "and the laptop cannot take it back while the Pi reports");
    }

    @Test
    void aSquareSilentForThreePeriodsMayBeTakenByAnotherAddress() throws Exception {
        MonitorModel model = model(10, 5, false);
        model.accept(Report.of("10.1.1.1", 50), "127.0.0.2");
        pass(Duration.ofSeconds(16));
        model.accept(Report.of("10.1.1.1", 60), "127.0.0.3");
        assertEquals("127.0.0.3", node(model, "10.1.1.1").peer());
        assertEquals(0, model.rejected());
    }

    @Test
    void trustIpBelievesEveryReport() throws Exception {
        MonitorModel model = model(10, 5, true);
        model.accept(Report.of("192.168.4.1", 50), "192.168.4.1");
        model.accept(Report.of("192.168.4.1", 99), "192.168.4.2");
        assertEquals(99.0, node(model, "192.168.4.1").latest().temp());
        assertEquals(0, model.rejected());
    }

    @Test
    void theLogKeepsOnlyItsLastLines() {
        RecentLog small = new RecentLog(3, null);
        for (int i = 1; i <= 10; i++) {
            small.add("line " + i);
        }
        List<String> kept = small.last(100);
        assertEquals(3, kept.size());
        assertTrue(kept.get(0).endsWith(" line 8") && kept.get(2).endsWith(" line 10"), kept.toString());
        assertEquals(1, small.last(1).size());
    }

    @Test
    void eachLogLineStartsWithTheTimeToTheSecondEvenOnTheMinute() {
        Clock onTheMinute = Clock.fixed(Instant.parse("2026-11-21T10:15:00.250Z"), ZoneOffset.UTC);
        RecentLog log = new RecentLog(3, null, onTheMinute);
        log.add("new node 10.0.0.1");
        assertEquals(List.of("10:15:00 new node 10.0.0.1"), log.last(1));
    }
}
