package clusterlab.net;

import java.time.Duration;

/**
 * How long to wait before trying an unreachable head again: the first wait, then twice that, and
 * so on up to a cap (the monitor's agents: 1 s, 2, 4 ... 30 s), so that 240 nodes do not hammer a
 * head that is restarting, yet one that is back is found soon. A success starts the sequence again.
 */
public final class Backoff {
    private final long firstMillis;
    private final long capMillis;
    private long nextMillis;

    public Backoff(Duration first, Duration cap) {
        this.firstMillis = first.toMillis();
        this.capMillis = cap.toMillis();
        this.nextMillis = firstMillis;
    }

    /** The wait before the next try; each call doubles the one after, up to the cap. */
    public long nextMillis() {
        long wait = nextMillis;
        nextMillis = Math.min(capMillis, nextMillis * 2);
        return wait;
    }

    public void reset() {
        nextMillis = firstMillis;
    }
}
