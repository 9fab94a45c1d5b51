package clusterlab.mpi;

/**
 * `mpirun -np 4 pi [INTERVALS]`: pi as the integral of 4 / (1 + x^2) from 0 to 1, by the midpoint
 * rule. Rank r adds up intervals r, r + size, r + 2 size, ...; a reduce with SUM adds the parts.
 */
public final class PiProgram {
    private PiProgram() {
    }

    public static void main(String[] args) {
        Comm comm = Comm.world();
        int intervals = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        double width = 1.0 / intervals;
        double part = 0;
        for (int i = comm.rank(); i < intervals; i += comm.size()) {
            double x = (i + 0.5) * width;
            part += 4 / (1 + x * x);
        }
        double pi = comm.reduce(part * width, Op.SUM, 0);
        if (comm.rank() == 0) {
            System.out.printf("pi is about %.12f (error %.1e) from %d intervals on %d ranks%n",
                    pi, Math.abs(pi - Math.PI), intervals, comm.size());
        }
    }
}
