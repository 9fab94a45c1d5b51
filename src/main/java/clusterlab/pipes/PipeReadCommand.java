package clusterlab.pipes;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.wire.FrameReader;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * `clusterlab pipe-read --pipe PATH [--count N]`: article B's reader. Opens the named pipe for
 * reading (creating it first if it is missing) and prints each message with the writer's pid and
 * its own. The open blocks until a writer opens the pipe.
 *
 * <p>A reader sees end of file only when EVERY writer has closed the pipe: while two writers have
 * it open, the first one's close changes nothing. Without --count the reader stops at that end of
 * file. With --count N it opens the pipe again after each end of file and waits for the next
 * writer, until N messages have arrived.
 */
public final class PipeReadCommand implements Command {
    static final String NAME = "pipe-read";

    @Override
    public Options options() {
        return new Options(NAME, "Print messages from a named pipe (FIFO) with the writer's pid and the reader's.")
                .value("pipe", "PATH", null, "the named pipe; made with mkfifo if missing (required)")
                .value("count", "N", null, "stop after N messages, waiting for new writers after each end of file;"
                        + " without it, stop when every writer has closed the pipe");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path pipe = pipePath(args, NAME);
        int count = args.string("count") == null ? 0 : args.integer("count", 1, Integer.MAX_VALUE);
        NamedPipe.ensure(pipe, NAME);
        long pid = ProcessHandle.current().pid();
        int got = 0;
        while (true) {
            err.println("reader pid " + pid + ": opening " + pipe + " (waits for a writer)");
            // The open blocks until some process opens the pipe for writing: see NamedPipe.
            try (InputStream in = NamedPipe.openForReading(pipe, NAME)) {
                // No BufferedInputStream: it asks the stream's available(), which a FileChannel answers
                // from size() and position(), and a pipe has neither ("Illegal seek"). Two reads per
                // message, header then payload, are plenty here.
                FrameReader frames = new FrameReader(in, PipeMessage.MAX_FRAME);
                byte[] payload;
                while ((payload = frames.read()) != null) {
                    PipeMessage m = PipeMessage.decode(payload);
                    out.println("reader pid " + pid + " got from writer pid " + m.pid() + ": " + m.text());
                    out.flush();
                    if (++got == count) {
                        return 0;
                    }
                }
            }
            if (count == 0) {
                out.println("reader pid " + pid + ": end of file, every writer has closed " + pipe
                        + " (" + got + (got == 1 ? " message)" : " messages)"));
                return 0;
            }
        }
    }

    /** The required --pipe option as a path. */
    static Path pipePath(Args args, String command) throws UsageException {
        String text = args.string("pipe");
        if (text == null || text.isEmpty()) {
            throw new UsageException("clusterlab " + command + ": option --pipe is required (see clusterlab " + command + " --help)");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException("clusterlab " + command + ": --pipe " + text + " is not a valid path: " + e.getReason());
        }
    }
}
