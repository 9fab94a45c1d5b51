package lesson04;

/**
 * Exercise (a), a reference answer: two classic test functions, as sources in clusterlab's expr
 * language. Products need their '*' (2.1*x^2, not 2.1x^2), and x^4/3 is (x^4)/3, since ^ binds
 * tighter than '/'.
 */
public final class Objectives {
    private Objectives() {
    }

    /** (4 - 2.1x² + x⁴/3)x² + xy + (-4 + 4y²)y²: six valleys, the two lowest -1.0316 at ±(0.0898, -0.7126). */
    public static String sixHumpCamel() {
        return "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2";
    }

    /** (x + 2y - 7)² + (2x + y - 5)²: one valley, 0 at (1, 3). */
    public static String booth() {
        return "(x + 2*y - 7)^2 + (2*x + y - 5)^2";
    }
}
