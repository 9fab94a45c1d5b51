package clusterlab.net;

import java.util.concurrent.atomic.AtomicLong;

/** What a server has done, counted as it happens and printed when it closes. */
public final class ServerStats {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong served = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong timedOut = new AtomicLong();
    final AtomicLong badInput = new AtomicLong();
    final AtomicLong active = new AtomicLong();
    final AtomicLong frames = new AtomicLong();
    final AtomicLong bytesIn = new AtomicLong();
    final AtomicLong bytesOut = new AtomicLong();

    /** Connections accepted by the operating system and looked at by the server. */
    public long accepted() {
        return accepted.get();
    }

    /** Connections that were served until they ended, well or badly. */
    public long served() {
        return served.get();
    }

    /** Connections turned away with "busy" because every thread and queue place was taken. */
    public long rejected() {
        return rejected.get();
    }

    /** Connections dropped because the client stayed silent longer than the timeout. */
    public long timedOut() {
        return timedOut.get();
    }

    /** Connections closed for bad input: oversized or truncated frames, bad UTF-8 or JSON. */
    public long badInput() {
        return badInput.get();
    }

    /** Connections being served now. */
    public long active() {
        return active.get();
    }

    /** Request frames answered. */
    public long frames() {
        return frames.get();
    }

    public long bytesIn() {
        return bytesIn.get();
    }

    public long bytesOut() {
        return bytesOut.get();
    }

    public String summary() {
        return "accepted " + accepted + ", served " + served + ", rejected " + rejected
                + ", timed out " + timedOut + ", bad input " + badInput + ", active " + active
                + ", frames " + frames + ", bytes in " + bytesIn + ", bytes out " + bytesOut;
    }
}
