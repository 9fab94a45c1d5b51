package clusterlab.pipes;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `clusterlab pipe-write --pipe PATH MESSAGE...`: article B's writer. Opens the named pipe for
 * writing (creating it first if it is missing) and sends each MESSAGE, with this process's pid,
 * as one frame in one atomic write. The open blocks until a reader opens the pipe.
 */
public final class PipeWriteCommand implements Command {
    static final String NAME = "pipe-write";

    @Override
    public Options options() {
        return new Options(NAME, "Send messages, with this process's pid, into a named pipe (FIFO) for pipe-read.")
                .value("pipe", "PATH", null, "the named pipe; made with mkfifo if missing (required)")
                .operands("[MESSAGE...]", Integer.MAX_VALUE,
                        "one message each, at most " + PipeMessage.MAX_FRAME + " bytes as a frame; default \"hello from pid N\"");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path pipe = PipeReadCommand.pipePath(args, NAME);
        long pid = ProcessHandle.current().pid();
        List<String> texts = args.operands().isEmpty() ? List.of("hello from pid " + pid) : args.operands();
        // Every frame is checked before the pipe is opened: refuse before the reader has seen anything.
        List<byte[]> frames = new ArrayList<>();
        for (String text : texts) {
            byte[] frame = new PipeMessage(pid, text).frame();
            if (frame.length > PipeMessage.MAX_FRAME) {
                throw new UsageException("clusterlab " + NAME + ": a message of " + frame.length + " bytes as a frame is"
                        + " over " + PipeMessage.MAX_FRAME + " (PIPE_BUF), the most one write can carry without being"
                        + " interleaved with another writer's; send shorter messages");
            }
            frames.add(frame);
        }
        NamedPipe.ensure(pipe, NAME);
        err.println("writer pid " + pid + ": opening " + pipe + " (waits for a reader)");
        int sent = 0;
        // The open blocks until some process opens the pipe for reading: see NamedPipe.
        try (OutputStream to = NamedPipe.openForWriting(pipe, NAME)) {
            for (byte[] frame : frames) {
                to.write(frame); // one write system call: atomic, since the frame is at most PIPE_BUF
                sent++;
            }
        } catch (IOException e) {
            // Linux answers a write with no reader left with EPIPE (the JVM ignores SIGPIPE).
            if (String.valueOf(e.getMessage()).contains("Broken pipe")) {
                err.println("clusterlab " + NAME + ": the reader closed " + pipe + " after " + sent + " of "
                        + frames.size() + " messages");
                return 1;
            }
            throw e;
        }
        out.println("writer pid " + pid + " sent " + sent + (sent == 1 ? " message" : " messages") + " to " + pipe);
        return 0;
    }
}
