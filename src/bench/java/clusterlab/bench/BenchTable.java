package clusterlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints a benchmark's results: a one-line title, then groups of measurements. Each group starts
 * with its baseline, and every line gives its figure and its ratio to that baseline. Absolute
 * figures move with the machine and whatever else runs on it; a ratio of two figures measured
 * side by side in the same run moves much less, so the ratio is the number to compare.
 *
 * <p>A figure is the median of its rounds. Its ratio is the median of the per-round ratios: in each
 * round the baseline and the others run one after the other, so each round's ratio compares runs
 * that met the same state of the machine, even when the machine is much slower in another round.
 */
final class BenchTable {
    private static final String FORMAT = "%-50s %14s %-13s %7s  %s%n";

    private final String title;
    private final List<String> lines = new ArrayList<>();
    private double[] baseline;

    BenchTable(String title) {
        this.title = title;
    }

    /** Starts a group: a heading, then its baseline line. */
    void group(String heading, String name, double[] rounds, String unit, String note) {
        lines.add("-- " + heading);
        baseline = rounds.clone();
        line(name, median(rounds), unit, 1.0, note.isEmpty() ? "baseline" : "baseline; " + note);
    }

    /** A measurement of the current group, with its ratio to the group's baseline. */
    void row(String name, double[] rounds, String unit, String note) {
        line(name, median(rounds), unit, ratio(rounds), note);
    }

    /** The median of the per-round ratios of {@code rounds} to the current baseline. */
    double ratio(double[] rounds) {
        double[] ratios = new double[rounds.length];
        for (int r = 0; r < rounds.length; r++) {
            ratios[r] = rounds[r] / baseline[r];
        }
        return median(ratios);
    }

    /** A line whose ratio is to something else than the group's baseline; the note must say what. */
    void line(String name, double value, String unit, double ratio, String note) {
        lines.add(String.format(Locale.ROOT, FORMAT, name, number(value), unit,
                String.format(Locale.ROOT, "%.2f", ratio), note).stripTrailing());
    }

    void print() {
        System.out.println();
        System.out.println(title);
        System.out.println(String.format(Locale.ROOT, FORMAT, "measurement", "figure", "unit", "ratio", "note")
                .stripTrailing());
        lines.forEach(System.out::println);
        System.out.println();
        System.out.flush();
    }

    /** A line saying what runs now, for the steps that take more than a moment. */
    static void progress(String message) {
        System.out.println(".. " + message);
        System.out.flush();
    }

    static double median(double[] rounds) {
        double[] sorted = rounds.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** 1,234,567 for large or whole figures, 12.3 for small ones. */
    static String number(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,d", Math.round(value))
                : String.format(Locale.ROOT, "%.1f", value);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }
}
