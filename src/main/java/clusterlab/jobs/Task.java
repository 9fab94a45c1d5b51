package clusterlab.jobs;

/**
 * A job's code. An implementation is a public class with a public no-argument constructor: the
 * worker that runs the job, perhaps another process or another machine, receives the class's
 * bytecode and the job's arguments, makes its own instance and calls {@link #run}.
 *
 * @param <R> what a job returns; it travels back serialized, so it must be one of the basic
 *            types (strings, boxed numbers, java.util collections, arrays) or a serializable
 *            class shipped with the task
 */
public interface Task<R> {
    /** Runs one job with the arguments it was submitted with. */
    R run(Object... args) throws Exception;
}
