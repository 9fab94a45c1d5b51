package lesson08;

import clusterlab.mpi.Comm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What each rank runs for the checker ({@code clusterlab mpirun --np N lesson08.Ranks EXERCISE}):
 * calls your code on {@code Comm.world()} in a thread of its own and prints one line that the
 * checker reads,
 * <pre>
 * @@ RESULT rank text      your code returned (text is the result as the checker compares it)
 * @@ ERROR rank text       your code threw
 * @@ HANG rank text        your code was still running after a few seconds; text says where it waited
 * </pre>
 * A rank that fails or hangs then stops at once, so a deadlock never outlives its check.
 */
public final class Ranks {
    static final String MARK = "@@ ";
    /** How long a rank's code may run, counted once every rank has joined. */
    static final long LIMIT_MILLIS = 3000;

    private Ranks() {
    }

    public static void main(String[] args) throws Exception {
        Comm comm = Comm.world();
        int rank = comm.rank();
        Callable<String> body = switch (args[0]) {
            case "powers" -> () -> String.join("\n", PowersDemo.run(comm));
            case "allgather" -> () -> allgather(comm);
            case "ring" -> () -> Double.toString(RingShift.shift(comm, valueOf(rank)));
            default -> throw new IllegalArgumentException("no exercise " + args[0]);
        };
        String[] result = new String[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                result[0] = body.call();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "exercise");
        worker.setDaemon(true);
        worker.start();
        worker.join(LIMIT_MILLIS);
        if (worker.isAlive()) {
            say("HANG", rank, where(worker.getStackTrace()));
            // Let every rank of a deadlock say where it waits before the first one stops.
            Thread.sleep(1500);
            Runtime.getRuntime().halt(4);
        }
        if (failure[0] != null) {
            Throwable t = failure[0];
            StackTraceElement at = firstOwnFrame(t.getStackTrace());
            say("ERROR", rank, t.getClass().getName() + ": " + t.getMessage() + (at == null ? "" : " (at " + at + ")"));
            Runtime.getRuntime().halt(1);
        }
        say("RESULT", rank, String.valueOf(result[0]));
        // Returning lets RankMain close the world: a barrier, then goodbye.
    }

    /** The value rank r passes round the ring: different on every rank, and not a whole number. */
    static double valueOf(int rank) {
        return 10.5 * rank + 0.25;
    }

    /** "ok", or what differs from comm.allgather, for a few types and calls in a row. */
    private static String allgather(Comm comm) {
        int r = comm.rank();
        List<String> problems = new ArrayList<>();
        String word = "rank " + r + " says " + "ho".repeat(r + 1);
        compare("allgather(comm, \"" + word + "\")", comm.allgather(word), MyCollectives.allgather(comm, word), problems);
        Integer number = r * r + 7;
        compare("allgather(comm, " + number + ")", comm.allgather(number), MyCollectives.allgather(comm, number), problems);
        ArrayList<Integer> list = new ArrayList<>(List.of(r, -r, 100 + r));
        compare("allgather(comm, " + list + ")", comm.allgather(list), MyCollectives.allgather(comm, list), problems);
        compare("allgather(comm, \"" + word + "\") called again", comm.allgather(word),
                MyCollectives.allgather(comm, word), problems);
        return problems.isEmpty() ? "ok" : String.join("; ", problems);
    }

    private static void compare(String call, List<?> expected, List<?> actual, List<String> problems) {
        if (!Objects.equals(expected, actual)) {
            problems.add(call + " returned " + actual + ", but comm.allgather gives " + expected);
        }
    }

    /** Where a hanging thread waits: the clusterlab call and the line of the exercise that made it. */
    private static String where(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            if (isExercise(stack[i])) {
                String call = "";
                for (int j = i - 1; j >= 0; j--) {
                    if (stack[j].getClassName().startsWith("clusterlab.mpi.")) {
                        String cls = stack[j].getClassName();
                        call = cls.substring(cls.lastIndexOf('.') + 1) + "." + stack[j].getMethodName();
                        break;
                    }
                }
                return (call.isEmpty() ? "running" : "waiting in " + call + ",") + " called at " + describe(stack[i]);
            }
        }
        return "running " + (stack.length == 0 ? "?" : describe(stack[0]));
    }

    private static StackTraceElement firstOwnFrame(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(Ranks::isExercise).findFirst().orElse(null);
    }

    private static boolean isExercise(StackTraceElement frame) {
        return frame.getClassName().startsWith("lesson08.") && !frame.getClassName().startsWith("lesson08.Ranks");
    }

    private static String describe(StackTraceElement frame) {
        String cls = frame.getClassName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                + frame.getLineNumber() + ")";
    }

    private static void say(String kind, int rank, String text) {
        System.out.println(MARK + kind + " " + rank + " " + text.replace("\\", "\\\\").replace("\n", "\\n"));
        System.out.flush();
    }
}
