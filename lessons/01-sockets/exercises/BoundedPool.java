package lesson01;

import java.util.concurrent.ExecutorService;

/**
 * Exercise (b): the limited pool of threads a server hands its clients to.
 *
 * <p>{@code create(threads, queue)} returns an ExecutorService that
 * <ul>
 *   <li>runs at most {@code threads} tasks at once, on at most {@code threads} threads;</li>
 *   <li>keeps at most {@code queue} more tasks waiting for a free thread ({@code queue} may be 0:
 *       then nothing waits);</li>
 *   <li>refuses every task beyond that: {@code execute} and {@code submit} throw
 *       {@code java.util.concurrent.RejectedExecutionException}.</li>
 * </ul>
 * Return a {@code java.util.concurrent.ThreadPoolExecutor}: its constructor takes all of these
 * limits. Why bother: a thread per client, or a queue without end, lets a burst of clients use up
 * the server's memory; a bounded pool says "busy" instead. clusterlab's SimpleServer does this.
 */
public final class BoundedPool {
    private BoundedPool() {
    }

    public static ExecutorService create(int threads, int queue) {
        throw new UnsupportedOperationException("exercise: return a ThreadPoolExecutor with at most "
                + threads + " threads and " + queue + " queue places");
    }
}
