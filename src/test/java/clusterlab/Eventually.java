package clusterlab;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for a condition with a generous limit, polling, instead of sleeping and hoping: the
 * limit is long because the tests run on loaded 2-core machines, and a passing test waits only as
 * long as the condition takes.
 */
public final class Eventually {
    private static final long LIMIT_NANOS = 20_000_000_000L;

    private Eventually() {
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** @param state what to print besides {@code what} when giving up, e.g. a log so far */
    public static void await(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up after 20 s waiting for " + what + " " + state.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
