package clusterlab.jobs;

import clusterlab.wire.FrameReader;
import clusterlab.wire.Frames;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local worker process: the main of the JVMs a job server starts, one per local worker. It
 * speaks the job protocol over its standard input and output, which are private pipes to the job
 * server (so there is no handshake), and runs one job at a time. The protocol owns the real
 * standard output: System.out is pointed at standard error, so a task that prints cannot corrupt
 * the frames. The process exits when the job server says bye or its pipe closes.
 */
public final class WorkerProcess {
    /** Jobs the process may hold; a job server's window for one worker is at most 512. */
    static final int QUEUE = 4096;

    private WorkerProcess() {
    }

    public static void main(String[] args) {
        OutputStream frames = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        int status = 0;
        try (InputStream stdin = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16)) {
            MessageWriter out = new MessageWriter(new BufferedOutputStream(frames, 1 << 16));
            out.write(new Message.Hello(ProcessHandle.current().pid(), 1));
            FrameReader reader = new FrameReader(stdin, Frames.DEFAULT_MAX_LENGTH);
            ExecutorService pool = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "jobs-worker");
                t.setDaemon(true);
                return t;
            });
            // If writing fails, the job server is gone: nothing is left to do.
            new ExecutorSession(new MessageReader(reader::read, "the job server"), out, pool, QUEUE, "the job server",
                    () -> Runtime.getRuntime().halt(1), null).serve();
        } catch (IOException e) {
            System.err.println("clusterlab worker pid " + ProcessHandle.current().pid() + ": " + e.getMessage());
            status = 1;
        }
        // A task may still be running, or never end: leave without waiting for it.
        System.exit(status);
    }
}
