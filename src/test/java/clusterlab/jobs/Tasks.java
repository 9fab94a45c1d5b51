package clusterlab.jobs;

import java.util.Date;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small tasks the job tests submit. */
public final class Tasks {
    private Tasks() {
    }

    static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /** [n, fib(n), pid of the worker]. */
    public static final class Fib implements Task<List<Long>> {
        @Override
        public List<Long> run(Object... args) {
            int n = (Integer) args[0];
            return List.of((long) n, fib(n), ProcessHandle.current().pid());
        }
    }

    /** Sleeps args[0] milliseconds, then returns the worker's pid. */
    public static final class Sleep implements Task<Long> {
        @Override
        public Long run(Object... args) throws InterruptedException {
            Thread.sleep((Integer) args[0]);
            return ProcessHandle.current().pid();
        }
    }

    /** Returns its first argument. */
    public static final class Echo implements Task<Object> {
        @Override
        public Object run(Object... args) {
            return args[0];
        }
    }

    /** Throws from a method of its own, so the stack trace has more than run. */
    public static final class Thrower implements Task<Void> {
        @Override
        public Void run(Object... args) {
            return explode((String) args[0]);
        }

        private static Void explode(String message) {
            throw new IllegalStateException(message);
        }
    }

    /** Never ends, whatever is done to it short of killing its process. */
    public static final class Forever implements Task<Void> {
        @Override
        public Void run(Object... args) {
            for (;;) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // keeps going: only a kill stops it
                }
            }
        }
    }

    /** Ends its worker process. */
    public static final class Exit implements Task<Void> {
        @Override
        public Void run(Object... args) {
            System.exit(3);
            return null;
        }
    }

    /** Returns an object of a class no allowlist lets through. */
    public static final class DateResult implements Task<Date> {
        @Override
        public Date run(Object... args) {
            return new Date(0);
        }
    }

    /** Sleeps args[0] ms unless interrupted; says which. */
    public static final class Interruptible implements Task<String> {
        @Override
        public String run(Object... args) {
            try {
                Thread.sleep((Integer) args[0]);
                return "slept";
            } catch (InterruptedException e) {
                return "interrupted";
            }
        }
    }

    /** In threads mode: true if {@link #barrier}'s parties all arrive within 10 s, i.e. they run at once. */
    public static final class Meet implements Task<Boolean> {
        static volatile CyclicBarrier barrier;

        @Override
        public Boolean run(Object... args) throws Exception {
            try {
                barrier.await(10, TimeUnit.SECONDS);
                return true;
            } catch (TimeoutException | BrokenBarrierException e) {
                return false;
            }
        }
    }

    /** Prints to System.out (on a worker's real standard output, its first bytes would read as a frame length), then answers. */
    public static final class Printer implements Task<String> {
        @Override
        public String run(Object... args) {
            System.out.println("{\"type\":\"bye\"} printed by a task");
            System.out.flush();
            return "still here";
        }
    }

    /** Not usable as a task: no public no-argument constructor. */
    public static final class NoConstructor implements Task<Void> {
        public NoConstructor(int unused) {
        }

        @Override
        public Void run(Object... args) {
            return null;
        }
    }
}
