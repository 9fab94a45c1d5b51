package lesson01;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Exercise (b), a reference answer: a fixed number of threads, a bounded queue, rejection beyond. */
public final class BoundedPool {
    private BoundedPool() {
    }

    public static ExecutorService create(int threads, int queue) {
        // An ArrayBlockingQueue needs at least one place; a SynchronousQueue holds none: a task is
        // only accepted when a thread is free to take it.
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        // Core size = maximum size: the pool starts a thread per task until it has `threads`, then
        // queues; when the queue is full the AbortPolicy throws RejectedExecutionException.
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, waiting,
                new ThreadPoolExecutor.AbortPolicy());
    }
}
