package clusterlab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.wire.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The views, drawn without a screen, from one model: 10.0.0.1 is silent (stale), .2 and .3 report. */
class ViewsTest {
    private final AtomicLong clock = new AtomicLong();
    private final MonitorModel model = new MonitorModel(1024, 120, Duration.ofSeconds(5), false, new RecentLog(10, null), clock::get);

    @BeforeAll
    static void noScreen() {
        System.setProperty("java.awt.headless", "true");
    }

    private void threeNodesOneSilent() throws Exception {
        model.accept(Report.of("10.0.0.1", 80), "10.0.0.1");
        clock.addAndGet(Duration.ofSeconds(20).toNanos());
        model.accept(new Report("10.0.0.2", 40, "pi-2", 0.25, 300, 3800), "10.0.0.2");
        model.accept(Report.of("10.0.0.3", 60), "10.0.0.3");
    }

    /** A pixel inside square {@code index}, away from its text. */
    private static int colourOfSquare(BufferedImage image, GridLayout layout, int index) {
        return image.getRGB(layout.col(index) * GridImage.CELL_WIDTH + 4, layout.row(index) * GridImage.CELL_HEIGHT + 4) & 0xFFFFFF;
    }

    @Test
    void theSnapshotIsAPngOfTheGridWithTheSilentNodeInGrey(@TempDir Path dir) throws Exception {
        threeNodesOneSilent();
        GridState state = GridState.of(model, 0);
        Path file = dir.resolve("grid.png");
        GridImage.writePng(state.nodes(), state.layout(), file);
        BufferedImage png = ImageIO.read(file.toFile());
        assertNotNull(png, "ImageIO reads it back");
        assertEquals(3 * GridImage.CELL_WIDTH, png.getWidth());
        assertEquals(GridImage.CELL_HEIGHT, png.getHeight());
        assertEquals(TemperatureScale.STALE, colourOfSquare(png, state.layout(), 0), "10.0.0.1 is silent: grey, not red");
        assertEquals(TemperatureScale.BLUE, colourOfSquare(png, state.layout(), 1), "10.0.0.2 at 40 C");
        assertEquals(TemperatureScale.YELLOW, colourOfSquare(png, state.layout(), 2), "10.0.0.3 at 60 C");
        assertEquals(GridImage.BACKGROUND, png.getRGB(GridImage.CELL_WIDTH, 20) & 0xFFFFFF, "a margin between squares");
    }

    @Test
    void theArticlesLabIsTwelveByTwentySquares() throws Exception {
        for (int i = 1; i <= 240; i++) {
            model.accept(Report.of("192.168." + (4 + (i - 1) / 3) + "." + (1 + (i - 1) % 3), 40 + i % 41), "127.0.0.1");
        }
        GridState state = GridState.of(model, 0);
        assertEquals(new GridLayout(12, 20), state.layout());
        BufferedImage image = GridImage.render(state.nodes(), state.layout());
        assertEquals(20 * GridImage.CELL_WIDTH, image.getWidth());
        assertEquals(12 * GridImage.CELL_HEIGHT, image.getHeight());
        assertEquals(TemperatureScale.rgb(40 + 240 % 41), colourOfSquare(image, state.layout(), 239), "the last Pi, bottom right");
    }

    @Test
    void expectingTheLabLaysTheGridOutBeforeTheNodesJoin() throws Exception {
        model.accept(Report.of("10.0.0.1", 50), "10.0.0.1");
        GridState state = GridState.of(model, 240);
        assertEquals(new GridLayout(12, 20), state.layout());
        BufferedImage image = GridImage.render(state.nodes(), state.layout());
        assertEquals(TemperatureScale.GREEN, colourOfSquare(image, state.layout(), 0));
        assertEquals(GridImage.BACKGROUND, colourOfSquare(image, state.layout(), 1), "no node there yet");
    }

    @Test
    void withNoNodesThePictureSaysItIsWaiting() {
        GridState state = GridState.of(model, 0);
        assertTrue(state.layout().isEmpty());
        BufferedImage image = GridImage.render(state.nodes(), state.layout());
        assertTrue(image.getWidth() > 0 && image.getHeight() > 0);
        boolean text = false;
        for (int x = 0; x < image.getWidth() && !text; x++) {
            for (int y = 0; y < image.getHeight() && !text; y++) {
                text = (image.getRGB(x, y) & 0xFFFFFF) != GridImage.BACKGROUND;
            }
        }
        assertTrue(text, "something is written on it");
        assertTrue(new TerminalGrid(System.out, 80).frame(state, List.of()).contains("Waiting for data..."));
    }

    @Test
    void thePixelUnderTheMouseNamesItsNode() {
        GridLayout layout = GridLayout.forNodes(25); // 2 rows of 20, 5 in the second
        assertEquals(0, GridImage.indexAt(layout, 25, 0, 0));
        assertEquals(21, GridImage.indexAt(layout, 25, GridImage.CELL_WIDTH + 5, GridImage.CELL_HEIGHT + 5));
        assertEquals(-1, GridImage.indexAt(layout, 25, 6 * GridImage.CELL_WIDTH, GridImage.CELL_HEIGHT + 5), "an empty place");
        assertEquals(-1, GridImage.indexAt(layout, 25, 20 * GridImage.CELL_WIDTH + 1, 0), "right of the grid");
        assertEquals(-1, GridImage.indexAt(GridLayout.forNodes(0), 0, 0, 0));
    }

    @Test
    void theTerminalGridIsInAnsiColoursWithEveryIp() throws Exception {
        threeNodesOneSilent();
        TerminalGrid terminal = new TerminalGrid(System.out, 160);
        String first = terminal.frame(GridState.of(model, 0), List.of("12:00:00 new node 10.0.0.3 from 10.0.0.3"));
        assertTrue(first.startsWith("\033[2J\033[H"), "the first frame clears the screen");
        for (String ip : List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")) {
            assertTrue(first.contains(ip), ip + " in\n" + first);
        }
        assertTrue(first.contains("\033[48;2;128;128;128m"), "grey for the silent node");
        assertTrue(first.contains("\033[48;2;0;0;255m"), "blue for 40 C");
        assertTrue(first.contains("\033[48;2;255;255;0m"), "yellow for 60 C");
        assertTrue(first.contains("40.0 C") && first.contains("60.0 C"));
        assertTrue(first.contains("3 nodes (1 silent), 3 reports, 0 rejected"));
        assertTrue(first.contains("new node 10.0.0.3"), "the log under the grid");
        String next = terminal.frame(GridState.of(model, 0), List.of());
        assertTrue(next.startsWith("\033[H") && !next.contains("\033[2J"), "later frames draw over the last");
        assertTrue(next.endsWith("\033[J"), "and erase what the last left below");
    }

    @Test
    void narrowSquaresShowTheLastTwoNumbersOfTheIp() {
        assertEquals("192.168.67.3", TerminalGrid.label("192.168.67.3", 15));
        assertEquals("67.3", TerminalGrid.label("192.168.67.3", 7));
    }

    @Test
    void aNodeDescribesItsRecentHistory() throws Exception {
        model.accept(new Report("10.0.0.2", 40, "pi-2", 0.25, 300, 3800), "127.0.0.1");
        model.accept(new Report("10.0.0.2", 45.5, "pi-2", 0.5, 310, 3800), "127.0.0.1");
        String text = NodeText.describe(model.nodes().get(0));
        assertEquals("10.0.0.2 (pi-2), reported from 127.0.0.1\n45.5 C, heard 0 s ago\nload 0.50, memory 310 of 3800 MiB\n"
                + "last 2: 40.0 45.5\nlowest 40.0, highest 45.5 over the last 2 readings (2 reports in all)", text);
        assertTrue(NodeText.html(model.nodes().get(0)).startsWith("<html>10.0.0.2 (pi-2), reported from 127.0.0.1<br>45.5 C"));
    }

    @Test
    void theJsonHasTheGridAndEachNodesColour() throws Exception {
        threeNodesOneSilent();
        Map<String, Object> json = Json.parseObject(Json.write(NodesJson.of(GridState.of(model, 0), model)));
        assertEquals(1L, json.get("rows"));
        assertEquals(3L, json.get("cols"));
        assertEquals(15.0, json.get("staleAfter"));
        List<?> nodes = (List<?>) json.get("nodes");
        assertEquals(3, nodes.size());
        Map<?, ?> silent = (Map<?, ?>) nodes.get(0);
        assertEquals("10.0.0.1", silent.get("ip"));
        assertEquals(true, silent.get("stale"));
        assertEquals("#808080", silent.get("colour"));
        assertEquals(null, silent.get("load1"));
        Map<?, ?> pi = (Map<?, ?>) nodes.get(1);
        assertEquals("#0000ff", pi.get("colour"));
        assertEquals("#ffffff", pi.get("text"));
        assertEquals(0.25, pi.get("load1"));
        assertEquals(3800L, pi.get("memTotalMiB"));
        assertEquals(2L, ((Map<?, ?>) nodes.get(2)).get("col"));
        assertFalse(((List<?>) json.get("log")).isEmpty());
    }
}
