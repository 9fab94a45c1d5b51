package clusterlab.mpi;

import java.util.function.Function;

/**
 * A non-blocking send or receive in progress: {@link #test()} asks whether it is done,
 * {@link #waitFor()} waits and gives the result (the received data; null for a send).
 *
 * <p>A send completes at once: the receiving rank's thread always takes messages off the socket
 * into its mailbox, so writing never waits for the program on the other side (the messages are
 * buffered, as MPI allows). A receive completes when a matching message has arrived.
 */
public final class Request<T> {
    private final Mailbox mailbox;
    private final Mailbox.Receive receive;
    private final Function<Message, T> decode;
    private final Status status = new Status();
    private boolean done;
    private T result;

    private Request(Mailbox mailbox, Mailbox.Receive receive, Function<Message, T> decode) {
        this.mailbox = mailbox;
        this.receive = receive;
        this.decode = decode;
    }

    static <T> Request<T> sent() {
        Request<T> r = new Request<>(null, null, null);
        r.done = true;
        return r;
    }

    static <T> Request<T> receiving(Mailbox mailbox, Mailbox.Receive receive, Function<Message, T> decode) {
        return new Request<>(mailbox, receive, decode);
    }

    /** Whether the request is done; never blocks. */
    public synchronized boolean test() {
        return done || mailbox.test(receive);
    }

    /** Waits until the request is done and returns the received data (null for a send). */
    public synchronized T waitFor() {
        if (!done) {
            Message m = mailbox.await(receive);
            status.fill(m);
            result = decode.apply(m);
            done = true;
        }
        return result;
    }

    /** For a completed receive: who sent the message, with which tag, how many bytes. */
    public synchronized Status status() {
        return status;
    }
}
