package clusterlab.bench;

import clusterlab.life.Edges;
import clusterlab.life.Grid;
import clusterlab.life.Soup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Cell updates per second of the Game of Life on a {@value #SIZE} x {@value #SIZE} torus soup
 * (seed 1, density 0.3): {@link Grid#after} in this process on one thread is the baseline; then the
 * distributed loop of clusterlab.life.LifeRank ({@link LifeBenchRanks}) on 1 and on 2 ranks, each
 * rank a JVM process started by {@code clusterlab mpirun} on 127.0.0.1 (not pinned to a core),
 * strips trading edge rows through clusterlab.mpi.Comm every generation. Every variant warms up
 * untimed first, then runs {@value #GENERATIONS} generations in each of 3 rounds; each rank job
 * checks its final board's fingerprint against Grid.after of the same number of generations.
 *
 * <p>The rounds of the three variants cannot interleave (each job is its own processes), so the
 * ratios here are of medians, not medians of per-round ratios.
 */
public final class LifeBench {
    static final int SIZE = 1000;
    private static final int GENERATIONS = 200;
    private static final int ROUNDS = 3;
    private static final long JOB_SECONDS = 40;

    private LifeBench() {
    }

    static Grid soup(int size) {
        return Soup.random(size, size, Edges.TORUS, 1, 0.3);
    }

    static int warmUp(int generations) {
        return Math.max(1, generations / 4);
    }

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Grid start = soup(SIZE);
        BenchTable.progress("single process: Grid.after on one thread");
        Grid end = start.after(warmUp(GENERATIONS));
        double[] single = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t = System.nanoTime();
            end = end.after(GENERATIONS);
            single[r] = (double) SIZE * SIZE * GENERATIONS / ((System.nanoTime() - t) / 1e9);
        }
        String expected = end.fingerprint();
        BenchTable.progress("mpirun -np 1: the distributed loop on 1 rank");
        double[] one = job(1, expected);
        BenchTable.progress("mpirun -np 2: the distributed loop on 2 ranks");
        double[] two = job(2, expected);

        BenchTable table = new BenchTable(String.format(Locale.ROOT, "LifeBench: Game of Life, %d x %d torus soup, "
                + "%d generations a round; ranks are JVM processes started by clusterlab mpirun on 127.0.0.1, not "
                + "pinned (%d cores); figures: median of %d rounds", SIZE, SIZE, GENERATIONS, cores, ROUNDS));
        table.group("cell updates per second; ratio: speedup over the single-process grid (ratio of medians)",
                "Grid.after, single process, 1 thread", single, "cells/s", "");
        double m1 = BenchTable.median(one);
        double m2 = BenchTable.median(two);
        double base = BenchTable.median(single);
        table.line("LifeRank loop, 1 rank (sends its rows to itself)", m1, "cells/s", m1 / base, "");
        table.line("LifeRank loop, 2 ranks (strips of 500 rows)", m2, "cells/s", m2 / base,
                String.format(Locale.ROOT, "speedup over 1 rank %.2f (ideal %d)", m2 / m1, Math.min(2, cores)));
        table.print();
        System.out.println("Every rank job ended on the board Grid.after gives (fingerprint " + expected.substring(0, 12) + "...).");
        System.out.println();
    }

    /** Runs the ranks, checks the fingerprint and returns rank 0's cell updates per second per round. */
    private static double[] job(int np, String expected) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process mpirun = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "clusterlab.Main",
                "mpirun", "-np", String.valueOf(np), "--timeout", JOB_SECONDS + "s", "--warn", "30s",
                LifeBenchRanks.class.getName(), String.valueOf(SIZE), String.valueOf(GENERATIONS), String.valueOf(ROUNDS))
                .redirectErrorStream(true).start();
        double[] rates = null;
        String fingerprint = null;
        List<String> other = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(mpirun.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] words = line.split(" "); // [rank 0] RESULT ...
                if (words.length > 3 && words[2].equals("RESULT") && words[3].equals("rate")) {
                    rates = Arrays.stream(words, 4, words.length).mapToDouble(Double::parseDouble).toArray();
                } else if (words.length == 5 && words[2].equals("RESULT") && words[3].equals("fingerprint")) {
                    fingerprint = words[4];
                } else {
                    other.add(line);
                }
            }
        } finally {
            if (!mpirun.waitFor(JOB_SECONDS + 10, TimeUnit.SECONDS)) {
                mpirun.destroy(); // its shutdown hook stops the ranks
                mpirun.waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (mpirun.exitValue() != 0 || rates == null || rates.length != ROUNDS) {
            other.forEach(System.out::println);
            throw new IllegalStateException("mpirun -np " + np + " failed with status " + mpirun.exitValue());
        }
        if (!expected.equals(fingerprint)) {
            throw new IllegalStateException(np + " ranks ended on fingerprint " + fingerprint + ", Grid.after on " + expected);
        }
        return rates;
    }
}
