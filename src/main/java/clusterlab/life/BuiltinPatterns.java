package clusterlab.life;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The patterns `clusterlab life --builtin NAME` knows, kept as RLE text like any pattern file. */
public final class BuiltinPatterns {
    private static final Map<String, String> RLE = new LinkedHashMap<>();

    static {
        // Moves one cell down and one right every 4 generations.
        RLE.put("glider", "#N glider\nx = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n");
        // Bill Gosper's gun (1970): a new glider every 30 generations, heading down and right.
        RLE.put("gun", "#N Gosper glider gun\nx = 36, y = 9, rule = B3/S23\n"
                + "24bo$22bobo$12b2o6b2o12b2o$11bo3bo4b2o12b2o$2o8bo5bo3b2o$2o8bo3bob2o4bobo$"
                + "10bo5bo7bo$11bo3bo$12b2o!\n");
        // Five cells that take 1103 generations to settle, leaving 116 cells (6 of them gliders).
        RLE.put("r-pentomino", "#N R-pentomino\nx = 3, y = 3, rule = B3/S23\nb2o$2o$bo!\n");
        // Seven cells that take 5206 generations to settle, leaving 633.
        RLE.put("acorn", "#N acorn\nx = 7, y = 3, rule = B3/S23\nbo$3bo$2o2b3o!\n");
    }

    private BuiltinPatterns() {
    }

    public static Set<String> names() {
        return RLE.keySet();
    }

    /** The RLE text of a built-in pattern. */
    public static String rle(String name) {
        String text = RLE.get(name);
        if (text == null) {
            throw new IllegalArgumentException("unknown builtin pattern '" + name + "': choose "
                    + String.join(", ", RLE.keySet()));
        }
        return text;
    }

    public static Pattern get(String name) {
        try {
            return RleParser.parse(rle(name));
        } catch (RleException e) {
            throw new IllegalStateException("built-in pattern " + name + " is broken: " + e.getMessage(), e);
        }
    }
}
