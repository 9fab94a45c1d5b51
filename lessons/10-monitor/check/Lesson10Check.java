package lesson10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The checker of lesson 10: reading a sensor, a bounded history, the colour scale. */
@DisplayName("Lesson 10: the temperature monitor")
@TestMethodOrder(MethodOrderer.DisplayName.class)
class Lesson10Check {
    @Test
    @DisplayName("(a) Thermal: vcgencmd's line and sysfs millidegrees")
    void thermalReads() {
        assertEquals(48.3, Thermal.fromVcgencmd("temp=48.3'C"), 1e-9);
        assertEquals(61.0, Thermal.fromVcgencmd("temp=61.0'C\n"), 1e-9);
        assertEquals(48.312, Thermal.fromSysfs("48312\n"), 1e-9);
        assertEquals(-5.5, Thermal.fromSysfs(" -5500 "), 1e-9);
    }

    @Test
    @DisplayName("(a) Thermal: anything else is refused, quoting the text")
    void thermalRefuses() {
        for (String bad : new String[] {"", "temp=hot'C", "VCHI initialization failed", "temp=48.3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Thermal.fromVcgencmd(bad), "'" + bad + "'");
            assertTrue(e.getMessage() != null && e.getMessage().contains(bad.strip()), "the message should quote '" + bad + "': " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Thermal.fromSysfs("48.3"));
        assertThrows(IllegalArgumentException.class, () -> Thermal.fromSysfs(""));
    }

    @Test
    @DisplayName("(b) Ring: holds the last readings, oldest first")
    void ringKeepsTheLast() {
        Ring ring = new Ring(3);
        assertEquals(0, ring.size());
        ring.add(1);
        ring.add(2);
        assertEquals(2, ring.size());
        assertEquals(1, ring.get(0));
        assertEquals(2, ring.get(1));
        for (int v = 3; v <= 7; v++) {
            ring.add(v);
        }
        assertEquals(3, ring.size(), "never more than its capacity");
        assertEquals(5, ring.get(0), "oldest of the last three");
        assertEquals(6, ring.get(1));
        assertEquals(7, ring.get(2), "newest");
    }

    @Test
    @DisplayName("(b) Ring: indexes outside what it holds are refused")
    void ringBounds() {
        Ring ring = new Ring(4);
        ring.add(10);
        assertThrows(IndexOutOfBoundsException.class, () -> ring.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> ring.get(-1));
        Ring one = new Ring(1);
        for (int i = 0; i < 1000; i++) {
            one.add(i);
        }
        assertEquals(1, one.size());
        assertEquals(999, one.get(0));
    }

    @Test
    @DisplayName("(c) Scale: the five anchors, and clamped outside 40..80")
    void scaleAnchors() {
        assertEquals(0x0000FF, Scale.rgb(40), "blue at 40");
        assertEquals(0x00FF00, Scale.rgb(50), "green at 50");
        assertEquals(0xFFFF00, Scale.rgb(60), "yellow at 60");
        assertEquals(0xFFA500, Scale.rgb(70), "orange at 70");
        assertEquals(0xFF0000, Scale.rgb(80), "red at 80");
        assertEquals(0x0000FF, Scale.rgb(-10), "clamped below");
        assertEquals(0xFF0000, Scale.rgb(105), "clamped above");
    }

    @Test
    @DisplayName("(c) Scale: straight blends between anchors, rounded")
    void scaleBlends() {
        assertEquals(0x008080, Scale.rgb(45), "half way from blue to green");
        assertEquals(0x80FF00, Scale.rgb(55), "half way from green to yellow");
        assertEquals(0xFFE900, Scale.rgb(62.5), "a quarter of the way from yellow to orange");
        assertEquals(0xFF5300, Scale.rgb(75), "half way from orange to red");
        assertThrows(IllegalArgumentException.class, () -> Scale.rgb(Double.NaN));
    }
}
