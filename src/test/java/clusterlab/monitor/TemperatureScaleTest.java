package clusterlab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemperatureScaleTest {
    @Test
    void theFiveAnchorsAreTheArticlesColours() {
        assertEquals(0x0000FF, TemperatureScale.rgb(40), "blue at 40 C");
        assertEquals(0x00FF00, TemperatureScale.rgb(50), "green at 50 C");
        assertEquals(0xFFFF00, TemperatureScale.rgb(60), "yellow at 60 C");
        assertEquals(0xFFA500, TemperatureScale.rgb(70), "orange at 70 C");
        assertEquals(0xFF0000, TemperatureScale.rgb(80), "red at 80 C");
    }

    @Test
    void betweenAnchorsTheColoursMixInAStraightLine() {
        assertEquals(0x008080, TemperatureScale.rgb(45), "half blue, half green");
        assertEquals(0x80FF00, TemperatureScale.rgb(55), "half green, half yellow");
        assertEquals(0xFF5300, TemperatureScale.rgb(75), "half orange, half red: 165/2 rounds to 83 = 0x53");
        assertEquals(0x33FF00, TemperatureScale.rgb(52), "a fifth of the way from green to yellow: red 51");
    }

    @Test
    void beyondTheEndsItIsClamped() {
        for (double cold : List.of(39.9, 0.0, -40.0, -100.0)) {
            assertEquals(TemperatureScale.BLUE, TemperatureScale.rgb(cold), cold + " C");
        }
        for (double hot : List.of(80.1, 95.0, 200.0)) {
            assertEquals(TemperatureScale.RED, TemperatureScale.rgb(hot), hot + " C");
        }
    }

    @Test
    void aStaleNodeIsGreyWhateverItsLastTemperature() {
        Reading hot = new Reading(79, Double.NaN, -1, -1, 0);
        NodeStatus fresh = new NodeStatus("10.0.0.1", "", "10.0.0.1", hot, 0, false, List.of(hot), 79, 79, 1, 1);
        NodeStatus stale = new NodeStatus("10.0.0.1", "", "10.0.0.1", hot, 20_000, true, List.of(hot), 79, 79, 1, 1);
        assertEquals(TemperatureScale.rgb(79), TemperatureScale.of(fresh));
        assertEquals(TemperatureScale.STALE, TemperatureScale.of(stale));
    }

    @Test
    void textIsWhiteOnDarkSquaresAndBlackOnLightOnes() {
        assertEquals(0xFFFFFF, TemperatureScale.textOn(TemperatureScale.BLUE));
        assertEquals(0xFFFFFF, TemperatureScale.textOn(TemperatureScale.RED));
        assertEquals(0x000000, TemperatureScale.textOn(TemperatureScale.YELLOW));
        assertEquals(0x000000, TemperatureScale.textOn(TemperatureScale.GREEN));
        assertEquals("#ffa500", TemperatureScale.hex(TemperatureScale.ORANGE));
    }
}
