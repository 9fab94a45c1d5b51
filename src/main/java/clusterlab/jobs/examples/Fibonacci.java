package clusterlab.jobs.examples;

import clusterlab.jobs.Task;
import java.io.Serializable;

/**
 * Article B's first job: the n-th Fibonacci number, computed the slow recursive way so that a job
 * takes a moment, returned with the pid of the worker that computed it.
 */
public final class Fibonacci implements Task<Fibonacci.Answer> {
    /** What a job sends back. A nested class travels with the task's bytecode. */
    public record Answer(int n, long value, long pid) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public Answer run(Object... args) {
        int n = (Integer) args[0];
        return new Answer(n, fib(n), ProcessHandle.current().pid());
    }

    static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
