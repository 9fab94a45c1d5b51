package clusterlab.primes;

/**
 * What a view's Start, Stop and Quit buttons do to a running head. The head does the work; a
 * window or a web page only calls these, from any thread.
 */
public interface HeadControl {
    /** Stop: no new blocks are handed out; each worker finishes the block it has, then waits. */
    void pause();

    /** Start: blocks are handed out again, and the waiting workers carry on. */
    void resume();

    /**
     * Quit: the run ends early. Nothing more is handed out, and whoever runs the head closes it;
     * the blocks on disk stay in the checkpoint, so the same command resumes the run.
     */
    void quit();
}
