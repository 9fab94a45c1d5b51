package clusterlab.jobs;

import java.util.List;

/**
 * The messages of the job protocol, spoken between a job server and an executor (a worker
 * process over its pipes, or a node session over TCP after the handshake). Each is a JSON frame,
 * followed by binary frames for bytecode and for serialized arguments or results.
 *
 * <pre>
 * worker  -> {"type":"hello","pid":1234,"workers":1}          (worker processes only, once)
 * server  -> {"type":"classes","names":[...]}  + one binary frame of bytecode per name
 * server  -> {"type":"run","jobs":[{"id":7,"task":"pkg.Fib"},...]}  + serialized Object[][] of arguments
 * executor-> {"type":"done","jobs":[{"id":7,"ok":true,"nanos":1234},...]}  + serialized Object[] of results
 * executor-> {"type":"busy","ids":[...]}      server -> {"type":"cancel","ids":[...]}
 * server  -> {"type":"ping"}   executor -> {"type":"pong"}   (the heartbeat of a node session)
 * either  -> {"type":"bye"}    (or the end of the stream)
 * </pre>
 *
 * The heartbeat: a job server pings a node when it has sent nothing for {@link NodeLink#PING_EVERY},
 * and gives the node up when it has heard nothing for three times that; a node closes a session
 * silent for its idle timeout (30 s by default). So each side finds a dead peer in under a
 * minute, while an idle but living session stays open for as long as it likes.
 */
sealed interface Message {
    /** Worker process to job server, once at start: it is ready. */
    record Hello(long pid, int workers) implements Message {
    }

    /** Bytecode of classes the jobs that follow need; each name is sent at most once per session. */
    record Classes(List<String> names, List<byte[]> bytecode) implements Message {
    }

    /** Jobs to run; {@code args} is a serialized Object[][], the arguments of each job in order. */
    record Run(List<RunEntry> jobs, byte[] args) implements Message {
    }

    /** Finished jobs; {@code results} is a serialized Object[], null for each failed one. */
    record Done(List<Outcome> jobs, byte[] results) implements Message {
    }

    /** The executor holds as many jobs as it may: these went back unrun. */
    record Busy(List<Long> ids) implements Message {
    }

    /** Stop these jobs (they timed out). */
    record Cancel(List<Long> ids) implements Message {
    }

    /** Job server to node, when it has sent nothing for a while: are you still there? */
    record Ping() implements Message {
    }

    /** Node to job server, the answer to a ping. */
    record Pong() implements Message {
    }

    /** The sender is leaving. */
    record Bye() implements Message {
    }

    /** One job of a run message. */
    record RunEntry(long id, String task) {
    }

    /**
     * How one job ended. {@code kind} says why a failed job failed: {@link #TASK} (the task threw;
     * {@code trace} is where), {@link #CLASS} (its code could not be defined), {@link #DATA} (its
     * arguments or result could not travel) or {@link #CANCELLED}; null when the job succeeded.
     */
    record Outcome(long id, boolean ok, long nanos, String kind, String error, List<StackTraceElement> trace) {
        static final String TASK = "task";
        static final String CLASS = "class";
        static final String DATA = "data";
        static final String CANCELLED = "cancelled";
        static final List<String> KINDS = List.of(TASK, CLASS, DATA, CANCELLED);

        static Outcome success(long id, long nanos) {
            return new Outcome(id, true, nanos, null, null, List.of());
        }

        static Outcome failure(long id, long nanos, String kind, String error, List<StackTraceElement> trace) {
            return new Outcome(id, false, nanos, kind, error, trace);
        }
    }
}
