package clusterlab.calc;

import java.util.Arrays;

/**
 * A point where a function has a (local) minimum, and the function's value there.
 *
 * <p>A record holding an array would compare arrays by identity and print them as {@code [D@1b6d3586};
 * this one copies its array in and out and compares, hashes and prints the coordinates themselves.
 */
public record Minimum(double[] point, double value) {
    public Minimum {
        point = point.clone();
    }

    @Override
    public double[] point() {
        return point.clone();
    }

    /** Equal when every coordinate and the value are the same doubles, bit for bit. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Minimum m
                && Arrays.equals(point, m.point)
                && Double.compare(value, m.value) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(point) + Double.hashCode(value);
    }

    /** For example {@code f(3.0, 2.0000000000000004) = 1.6E-29}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("f(");
        for (int k = 0; k < point.length; k++) {
            s.append(k == 0 ? "" : ", ").append(point[k]);
        }
        return s.append(") = ").append(value).toString();
    }
}
