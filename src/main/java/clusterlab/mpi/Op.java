package clusterlab.mpi;

/**
 * How {@link Comm#reduce(double, Op, int)} and friends combine two values. The four common ones are
 * here; any other is a lambda, e.g. {@code Op largestMagnitude = (a, b) -> Math.max(Math.abs(a), Math.abs(b))}.
 * As in MPI, the tree combines partial results in whatever grouping and order it likes, so an
 * operation must be associative and commutative: {@code (a + b) + c == a + (b + c)} and {@code a + b == b + a}.
 * Applied to arrays, an operation works element by element.
 */
@FunctionalInterface
public interface Op {
    Op SUM = Double::sum;
    Op PROD = (a, b) -> a * b;
    Op MIN = Math::min;
    Op MAX = Math::max;

    double apply(double a, double b);
}
