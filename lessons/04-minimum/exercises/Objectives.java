package lesson04;

/**
 * Exercise (a): two classic test functions for a global-minimum search, as sources in clusterlab's
 * expr language (lesson 03), functions of x and y. The checker runs clusterlab's Minimizer on them,
 * with a LocalEvaluator, and compares what it finds with their known minima. Try one by hand too:
 * <pre>
 * scripts/clusterlab minimum --function "..." --x -3:3 --y -2:2
 * </pre>
 * Write every product with its '*' ({@code 2.1*x^2}, not {@code 2.1x^2}); {@code x^4/3} is
 * {@code (x^4)/3}, since ^ binds tighter than '/'.
 */
public final class Objectives {
    private Objectives() {
    }

    /**
     * The six-hump camel function, (4 - 2.1x² + x⁴/3)x² + xy + (-4 + 4y²)y², searched over x in
     * [-3, 3] and y in [-2, 2]. It has six valleys; the two lowest, -1.0316, are at (0.0898, -0.7126)
     * and (-0.0898, 0.7126).
     */
    public static String sixHumpCamel() {
        // Exercise (a): return the six-hump camel function as an expr source.
        return "0";
    }

    /** Booth's function, (x + 2y - 7)² + (2x + y - 5)², searched over [-10, 10]²: its minimum is 0, at (1, 3). */
    public static String booth() {
        // Exercise (a): return Booth's function as an expr source.
        return "0";
    }
}
