package clusterlab.jobs;

import clusterlab.cluster.LocalJava;
import clusterlab.wire.FrameReader;
import clusterlab.wire.Frames;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A link to a local worker process over its standard input and output. */
final class ProcessLink extends Link {
    /** A worker is a small JVM: the serial collector starts fastest and suits one job at a time. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC");

    private final Process process;
    private volatile boolean killedForTimeout;

    private ProcessLink(Process process, long pid, Owner owner) {
        super("local pid " + pid, "local pid " + pid, 1, Integer.MAX_VALUE, Stats.LOCAL, owner);
        this.process = process;
    }

    /** Starts a worker process; {@link #ready} waits for it. Several started one after another come up in parallel. */
    static Process launch() throws IOException {
        return new ProcessBuilder(LocalJava.command(null, JVM_OPTIONS, WorkerProcess.class.getName(), List.of()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** Waits for a launched worker's hello, then starts its link. */
    static ProcessLink ready(Process process, Owner owner) throws IOException {
        MessageReader reader = new MessageReader(new FrameReader(process.getInputStream(), Frames.DEFAULT_MAX_LENGTH)::read,
                "worker process " + process.pid());
        Message hello;
        try {
            hello = reader.read();
        } catch (IOException e) {
            process.destroyForcibly();
            throw new IOException("worker process " + process.pid() + " failed to start: " + e.getMessage(), e);
        }
        if (!(hello instanceof Message.Hello h)) {
            Integer status = hello == null ? exitStatus(process) : null;
            process.destroyForcibly();
            throw new IOException("worker process " + process.pid() + " " + (hello == null
                    ? "exited before it was ready" + (status == null ? "" : " (exit status " + status + ")")
                    : "did not start with hello"));
        }
        ProcessLink link = new ProcessLink(process, h.pid(), owner);
        link.start(reader, new MessageWriter(new BufferedOutputStream(process.getOutputStream(), 1 << 16)));
        return link;
    }

    long pid() {
        return process.pid();
    }

    /** True if this link ended because a job on it timed out, not because the worker failed. */
    boolean killedForTimeout() {
        return killedForTimeout;
    }

    @Override
    protected void shutdown() {
        try {
            process.getOutputStream().close(); // the worker reads end of stream and exits
        } catch (IOException e) {
            // the pipe is broken: the process is gone or going
        }
        process.destroy();
    }

    @Override
    protected void expired(Job<?> job) {
        // A process cannot stop one of its threads safely: the worker goes, a new one comes.
        killedForTimeout = true;
        process.destroyForcibly();
    }

    @Override
    protected String lostReason(String reason) {
        if (killedForTimeout) {
            return "stopped after a job timed out";
        }
        Integer status = exitStatus(process);
        return status == null ? reason : "exited with status " + status;
    }

    /**
     * The exit status, if the process ends within a few seconds; null if not. Its pipe has closed, so
     * it is ending; on a busy machine reaping it may take a while, and the status tells more.
     */
    private static Integer exitStatus(Process process) {
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
