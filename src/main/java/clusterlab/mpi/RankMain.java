package clusterlab.mpi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * What mpirun starts for each rank: {@code java -cp ... clusterlab.mpi.RankMain PROGRAM [ARG...]}.
 * Runs the program's main, then closes {@link Comm#world()} (a barrier: every rank waits for the
 * others to finish). Exit status 0 when all went well, {@value #FAILED} when the program failed,
 * {@value #VICTIM} when it failed only because another rank did, so that mpirun can tell which.
 */
public final class RankMain {
    static final int FAILED = 1;
    static final int VICTIM = 3;
    /**
     * The built-in programs, by their short names. An application above this package is named by
     * its class name only, so that this package still knows nothing of the applications.
     */
    static final Map<String, String> BUILT_IN = Map.of(
            "hello", HelloProgram.class.getName(),
            "powers", PowersProgram.class.getName(),
            "pi", PiProgram.class.getName(),
            "pingpong", PingPongProgram.class.getName(),
            "life", "clusterlab.life.LifeRank");

    private RankMain() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT); // a rank prints numbers as mpirun does, whatever the node's language
        exitWhenMpirunGoes();
        String rank = System.getenv().getOrDefault(Comm.ENV_RANK, "0");
        try {
            if (args.length == 0) {
                throw new MpiException("no program given");
            }
            program(args[0]).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
            Comm.closeWorld();
            System.out.flush();
            System.exit(0);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof MpiException)) {
                cause.printStackTrace();
            }
            System.err.println("rank " + rank + " failed: " + describe(cause));
            System.exit(cause instanceof RankFailedException ? VICTIM : FAILED);
        } catch (RuntimeException | ReflectiveOperationException e) {
            System.err.println("rank " + rank + " failed: " + describe(e));
            System.exit(e instanceof RankFailedException ? VICTIM : FAILED);
        }
    }

    /** The {@code public static void main(String[])} of a built-in program or of a class on the classpath. */
    static Method program(String name) throws ReflectiveOperationException {
        Class<?> type;
        try {
            type = Class.forName(BUILT_IN.getOrDefault(name, name));
        } catch (ClassNotFoundException e) {
            throw new MpiException("no program '" + name + "': not a built-in " + new java.util.TreeSet<>(BUILT_IN.keySet())
                    + " and no class of that name on the classpath");
        }
        Method main = type.getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new MpiException(name + ".main must be public static void main(String[] args)");
        }
        return main;
    }

    /**
     * mpirun keeps each rank's standard input open and never writes to it: end of input means
     * mpirun (or the ssh that carried it) has gone, so the rank stops too instead of lingering.
     */
    private static void exitWhenMpirunGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Nothing is ever sent; read until the end.
                }
            } catch (java.io.IOException e) {
                // Same as the end of input.
            }
            Runtime.getRuntime().halt(VICTIM);
        }, "mpi-stdin-watch");
        watcher.setDaemon(true);
        if (System.getenv(Comm.ENV_RENDEZVOUS) != null) {
            watcher.start();
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e instanceof MpiException ? message
                : e.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
