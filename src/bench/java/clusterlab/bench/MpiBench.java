package clusterlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * clusterlab.mpi against a bare TCP socket, and against published figures of Open MPI and MPJ
 * Express. Three jobs of {@code clusterlab mpirun} on 127.0.0.1, each rank a JVM process of its
 * own (not pinned to a core), run {@link MpiBenchRanks}:
 * <ol>
 * <li>2 ranks, ping-pong: one-way latency of 8 bytes (the median round trip over thousands, halved)
 *     and the bandwidth of 1 MiB as byte[] and double[], each against a bare socket ping-pong of the
 *     same sizes between the same two processes, in the same rounds;
 * <li>the same with receives that block at once (CLUSTERLAB_MPI_SPIN=0), to show what spinning
 *     briefly before blocking gains;
 * <li>4 ranks: bcast of 1 MiB, reduce and allreduce of one double, time per operation, against
 *     the bare socket's one-way times of 1 MiB and 8 bytes between ranks 0 and 1.
 * </ol>
 * Each measurement runs once untimed, then in 3 rounds (see {@link BenchTable}). Every job is
 * bounded: mpirun's --timeout stops its ranks, and this program destroys mpirun if it outlives that.
 */
public final class MpiBench {
    private static final long JOB_SECONDS = 40;
    private static final double MIB = MpiBenchRanks.LARGE;

    /** Published figures from a 2-core machine like this one, for reference (not measured here). */
    private static final String[][] REFERENCE = {
        {"one-way latency, 8 bytes", "7.5 us", "5.1 us", "30 us"},
        {"bandwidth, 1 MiB", "2.9 GB/s", "9.3 GB/s", "1.3 GB/s"},
        {"bcast 1 MiB, 4 ranks", "", "0.47 ms", "2.6 ms"},
        {"reduce one double, 4 ranks", "", "42 us", "157 us"},
    };

    private MpiBench() {
    }

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        BenchTable.progress("job 1 of 3: mpirun -np 2, ping-pong (receives spin up to 50 us, the default)");
        Map<String, double[]> spin = job(2, "pingpong", null);
        BenchTable.progress("job 2 of 3: mpirun -np 2, ping-pong with CLUSTERLAB_MPI_SPIN=0 (block at once)");
        Map<String, double[]> block = job(2, "pingpong", "0");
        BenchTable.progress("job 3 of 3: mpirun -np 4, bcast, reduce, allreduce");
        Map<String, double[]> coll = job(4, "collectives", null);

        BenchTable table = new BenchTable("MpiBench: clusterlab.mpi.Comm against a bare TCP socket, 127.0.0.1, "
                + "ranks are JVM processes started by clusterlab mpirun, not pinned (" + cores + " cores); "
                + "figures: median of " + MpiBenchRanks.ROUNDS + " rounds, ratios: median of the per-round ratios");

        table.group("one-way latency, 8 bytes, 2 ranks (median of " + "4,000 round trips, halved); ratio: time, "
                        + "lower is better", "bare socket, same 2 processes, TCP_NODELAY", micros(spin.get("bare.latency")),
                "us", "");
        table.row("Comm.sendBytes/recvBytes (spin up to 50 us, then block)", micros(spin.get("comm.latency")), "us",
                "after");
        table.group("the same, in job 2, receives blocking at once", "bare socket, same 2 processes, TCP_NODELAY",
                micros(block.get("bare.latency")), "us", "");
        table.row("Comm.sendBytes/recvBytes, CLUSTERLAB_MPI_SPIN=0", micros(block.get("comm.latency")), "us",
                "before: how every receive used to wait");

        table.group("bandwidth, 1 MiB, 2 ranks (150 round trips); ratio: bandwidth, higher is better",
                "bare socket, same 2 processes, TCP_NODELAY", gbps(spin.get("bare.large")), "GB/s", "");
        table.row("Comm.sendBytes/recvBytes, byte[1048576]", gbps(spin.get("comm.bytes")), "GB/s", "");
        table.row("Comm.sendDoubles/recvDoubles, double[131072]", gbps(spin.get("comm.doubles")), "GB/s",
                "raw big-endian bytes");

        table.group("collectives, 4 ranks on " + cores + " cores; ratio: time in bare one-way transfers of the same "
                + "size (ranks 0 and 1, same rounds)", "bare socket one-way, 1 MiB", millis(coll.get("bare.large")),
                "ms", "");
        table.row("bcast of byte[1048576] from rank 0", millis(coll.get("bcast")), "ms/op",
                "binomial tree: 2 steps, 3 transfers");
        table.group("collectives of one double, 4 ranks", "bare socket one-way, 8 bytes",
                micros(coll.get("bare.latency")), "us", "");
        table.row("reduce of one double to rank 0", micros(coll.get("reduce")), "us/op", "2 steps");
        table.row("allreduce of one double", micros(coll.get("allreduce")), "us/op", "reduce + bcast: 4 steps");
        table.print();

        System.out.println("Reference: published figures from a 2-core machine like this one (not measured here)");
        System.out.printf(Locale.ROOT, "%-32s %12s %14s %14s%n", "", "bare socket", "Open MPI 4.1 TCP", "MPJ Express");
        for (String[] row : REFERENCE) {
            System.out.printf(Locale.ROOT, "%-32s %12s %14s %14s%n", (Object[]) row);
        }
        System.out.println();

        double latency = BenchTable.median(micros(spin.get("comm.latency")));
        double bandwidth = BenchTable.median(gbps(spin.get("comm.bytes")));
        double bcast = BenchTable.median(millis(coll.get("bcast")));
        double reduce = BenchTable.median(micros(coll.get("reduce")));
        double bandwidthShare = BenchTable.median(ratios(gbps(spin.get("comm.bytes")), gbps(spin.get("bare.large"))));
        System.out.println("Aims: beat MPJ Express on every row, within 2x of Open MPI's TCP transport, "
                + "1 MiB bandwidth at least 0.8 of the bare socket's");
        aim("latency", latency, "us", true, 30, 5.1);
        aim("bandwidth", bandwidth, "GB/s", false, 1.3, 9.3);
        aim("bcast 1 MiB", bcast, "ms", true, 2.6, 0.47);
        aim("reduce one double", reduce, "us", true, 157, 42);
        System.out.printf(Locale.ROOT, "%-20s %8.2f of the bare socket's   (aim >= 0.80: %s)%n", "bandwidth share",
                bandwidthShare, bandwidthShare >= 0.8 ? "met" : "NOT met");
        System.out.println();
    }

    /** One aim line: the figure, against MPJ Express (must beat) and 2x Open MPI (must be within). */
    private static void aim(String name, double value, String unit, boolean lowerIsBetter, double mpj, double openMpi) {
        boolean beatsMpj = lowerIsBetter ? value < mpj : value > mpj;
        double factor = lowerIsBetter ? value / openMpi : openMpi / value;
        System.out.printf(Locale.ROOT, "%-20s %8s %-5s  MPJ Express %s: %-7s  Open MPI %s: %.1fx (within 2x: %s)%n",
                name, BenchTable.number(value), unit, BenchTable.number(mpj), beatsMpj ? "beaten" : "NOT beaten",
                BenchTable.number(openMpi), factor, factor <= 2 ? "yes" : "no");
    }

    /**
     * Runs {@code clusterlab mpirun -np N --timeout 40s clusterlab.bench.MpiBenchRanks MODE} and
     * returns rank 0's RESULT lines; the other lines are echoed. {@code spin}, if not null, is
     * CLUSTERLAB_MPI_SPIN for the ranks (they inherit mpirun's environment).
     */
    private static Map<String, double[]> job(int np, String mode, String spin) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "clusterlab.Main",
                "mpirun", "-np", String.valueOf(np), "--timeout", JOB_SECONDS + "s", "--warn", "30s",
                MpiBenchRanks.class.getName(), mode).redirectErrorStream(true);
        if (spin != null) {
            builder.environment().put("CLUSTERLAB_MPI_SPIN", spin);
        } else {
            builder.environment().remove("CLUSTERLAB_MPI_SPIN");
        }
        Process mpirun = builder.start();
        Map<String, double[]> results = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(mpirun.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] words = line.split(" ");
                if (words.length == 4 + MpiBenchRanks.ROUNDS && words[2].equals("RESULT")) { // [rank 0] RESULT name ...
                    results.put(words[3], Arrays.stream(words, 4, words.length).mapToDouble(Double::parseDouble).toArray());
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
        if (mpirun.exitValue() != 0 || results.isEmpty()) {
            other.forEach(System.out::println);
            throw new IllegalStateException("mpirun -np " + np + " " + mode + " failed with status " + mpirun.exitValue());
        }
        return results;
    }

    private static double[] micros(double[] seconds) {
        return Arrays.stream(seconds).map(s -> s * 1e6).toArray();
    }

    private static double[] millis(double[] seconds) {
        return Arrays.stream(seconds).map(s -> s * 1e3).toArray();
    }

    private static double[] gbps(double[] oneWaySeconds) {
        return Arrays.stream(oneWaySeconds).map(s -> MIB / s / 1e9).toArray();
    }

    private static double[] ratios(double[] rounds, double[] reference) {
        double[] r = new double[rounds.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = rounds[i] / reference[i];
        }
        return r;
    }
}
