package lesson10;

/** (c) Blue 40 C, green 50, yellow 60, orange 70, red 80, blended in between, clamped. */
public final class Scale {
    private static final int[] ANCHORS = {0x0000FF, 0x00FF00, 0xFFFF00, 0xFFA500, 0xFF0000};
    private static final double LOW = 40;
    private static final double STEP = 10;

    private Scale() {
    }

    public static int rgb(double celsius) {
        if (Double.isNaN(celsius)) {
            throw new IllegalArgumentException("no temperature (NaN)");
        }
        double position = Math.max(0, Math.min(ANCHORS.length - 1, (celsius - LOW) / STEP));
        int i = Math.min((int) position, ANCHORS.length - 2);
        double f = position - i;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = ANCHORS[i] >> shift & 0xFF;
            int b = ANCHORS[i + 1] >> shift & 0xFF;
            rgb |= (int) Math.round(a + (b - a) * f) << shift;
        }
        return rgb;
    }
}
