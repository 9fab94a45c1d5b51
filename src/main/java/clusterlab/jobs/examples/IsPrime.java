package clusterlab.jobs.examples;

/**
 * Article C's helper function, a plain trial division. It is a separate class, so a job that uses
 * it must name it: {@code depends(IsPrime.class)}, what pp calls depfuncs.
 */
public final class IsPrime {
    private IsPrime() {
    }

    public static boolean test(long n) {
        if (n < 2) {
            return false;
        }
        long max = (long) Math.ceil(Math.sqrt(n));
        for (long i = 2; i <= max; i++) {
            if (n % i == 0) {
                return n == i;
            }
        }
        return true;
    }
}
