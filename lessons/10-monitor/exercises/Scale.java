package lesson10;

/**
 * (c) The article's colour scale. rgb(t) returns the colour of temperature t (degrees C) as
 * 0xRRGGBB: blue at 40 or below, green at 50, yellow at 60, orange at 70, red at 80 or above, and
 * between two anchors a straight blend of their red, green and blue, rounded to the nearest whole
 * number. The anchors: blue 0x0000FF, green 0x00FF00, yellow 0xFFFF00, orange 0xFFA500, red 0xFF0000.
 * (A NaN reading is no temperature: throw IllegalArgumentException.)
 */
public final class Scale {
    private Scale() {
    }

    public static int rgb(double celsius) {
        return 0; // your code here
    }
}
