package clusterlab.monitor;

import java.time.Duration;

/**
 * How long to wait before trying an unreachable head again: 1 s, then 2, 4, 8 ... up to 30 s, so that
 * 240 agents do not hammer a head that is restarting, yet one that is back is found within 30 s.
 * A success starts the sequence again.
 */
final class Backoff {
    private final long firstMillis;
    private final long capMillis;
    private long nextMillis;

    Backoff(Duration first, Duration cap) {
        this.firstMillis = first.toMillis();
        this.capMillis = cap.toMillis();
        this.nextMillis = firstMillis;
    }

    /** The wait before the next try; each call doubles the one after, up to the cap. */
    long nextMillis() {
        long wait = nextMillis;
        nextMillis = Math.min(capMillis, nextMillis * 2);
        return wait;
    }

    void reset() {
        nextMillis = firstMillis;
    }
}
