package clusterlab.monitor;

/**
 * The article's colour scale, one pure function shared by every view: blue at 40 C, green at 50,
 * yellow at 60, orange at 70, red at 80, mixed in a straight line between neighbours, and clamped
 * (colder than 40 is blue, hotter than 80 is red). Colours are 0xRRGGBB.
 */
public final class TemperatureScale {
    public static final double COLDEST = 40;
    public static final double HOTTEST = 80;
    public static final int BLUE = 0x0000FF;
    public static final int GREEN = 0x00FF00;
    public static final int YELLOW = 0xFFFF00;
    public static final int ORANGE = 0xFFA500;
    public static final int RED = 0xFF0000;
    /** A node silent for three periods: its last temperature is no longer news. */
    public static final int STALE = 0x808080;

    private static final int[] ANCHORS = {BLUE, GREEN, YELLOW, ORANGE, RED};
    private static final double STEP = (HOTTEST - COLDEST) / (ANCHORS.length - 1);

    private TemperatureScale() {
    }

    /** The colour of a temperature in degrees Celsius. */
    public static int rgb(double celsius) {
        double clamped = Math.max(COLDEST, Math.min(HOTTEST, celsius));
        double position = (clamped - COLDEST) / STEP;
        int below = Math.min(ANCHORS.length - 2, (int) Math.floor(position));
        double fraction = position - below;
        int from = ANCHORS[below];
        int to = ANCHORS[below + 1];
        return mix(from >> 16, to >> 16, fraction) << 16 | mix(from >> 8, to >> 8, fraction) << 8 | mix(from, to, fraction);
    }

    private static int mix(int from, int to, double fraction) {
        int a = from & 0xFF;
        int b = to & 0xFF;
        return (int) Math.round(a + (b - a) * fraction);
    }

    /** A node's square: its temperature's colour, or grey when it is stale. */
    public static int of(NodeStatus node) {
        return node.stale() ? STALE : rgb(node.latest().temp());
    }

    /** Black or white, whichever reads better on {@code background}. */
    public static int textOn(int background) {
        double luma = 0.299 * (background >> 16 & 0xFF) + 0.587 * (background >> 8 & 0xFF) + 0.114 * (background & 0xFF);
        return luma > 140 ? 0x000000 : 0xFFFFFF;
    }

    /** "#rrggbb", for a web page. */
    public static String hex(int rgb) {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }
}
