package clusterlab.pipes;

import clusterlab.cli.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe (FIFO): a special file through which two UNRELATED processes talk. Neither started
 * the other and they share no file descriptor; they only agree on a path. The bytes never go to
 * the disk: the kernel keeps them in a buffer (64 KiB on Linux) from the writer's write to the
 * reader's read, in order, one way only.
 *
 * <p>Opening is where a FIFO differs from a file. Opening it for reading blocks until some process
 * opens it for writing, and opening it for writing blocks until some process opens it for
 * reading: the two opens meet, like a phone call that connects only when both pick up. So the
 * reader and the writer may start in either order; the first simply waits in {@code open}. A Java
 * thread blocked there cannot be interrupted (it is in the open system call); only the other side
 * opening, or the process ending, releases it.
 *
 * <p>Every problem a user can fix (a regular file in the way, a missing directory, no permission,
 * no mkfifo) is a {@link UsageException}, printed as one line with exit status 2.
 */
public final class NamedPipe {
    /** The file-type bits of st_mode, and the value that means FIFO (from POSIX sys/stat.h). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final long MKFIFO_TIMEOUT_SECONDS = 10;

    private NamedPipe() {
    }

    /**
     * Makes sure {@code path} is a named pipe, creating it with the system's {@code mkfifo} when
     * nothing is there yet. {@code command} names the clusterlab command in error messages.
     */
    public static void ensure(Path path, String command) throws UsageException, IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw error(command, "directory " + parent + " does not exist (for the named pipe " + path + ")");
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.exists(path)) {
            requireFifo(path, command);
            return;
        }
        mkfifo(path, command);
    }

    /**
     * Creates the FIFO by running {@code mkfifo -m 600 -- PATH}. Java has no call for this:
     * java.nio.file creates regular files, directories and links, which exist on every system it
     * runs on, while mkfifo(3) is POSIX-specific (Windows named pipes are a different thing,
     * \\.\pipe\NAME, not files in a directory). Mode 600: only this user's processes may open it.
     */
    static void mkfifo(Path path, String command) throws UsageException, IOException {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            throw error(command, "named pipes made with mkfifo need a POSIX system (Linux, macOS); this is "
                    + System.getProperty("os.name"));
        }
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", "-m", "600", "--", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw error(command, "no mkfifo command on this system: named pipes here need a POSIX system"
                    + " (Linux, macOS) with mkfifo on the PATH");
        }
        String said;
        try (InputStream in = p.getInputStream()) {
            said = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(MKFIFO_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mkfifo " + path + " did not finish in " + MKFIFO_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for mkfifo", e);
        }
        if (p.exitValue() == 0) {
            return;
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            requireFifo(path, command); // the other side created it at the same moment: fine if a FIFO
            return;
        }
        if (said.toLowerCase(Locale.ROOT).contains("permission denied")) {
            throw error(command, "no permission to create the named pipe " + path + " in " + path.toAbsolutePath().getParent());
        }
        throw error(command, "cannot create the named pipe " + path + ": " + (said.isEmpty() ? "mkfifo failed" : said));
    }

    /** Whether {@code path} is a FIFO: st_mode's type bits, or at least "not a file, directory or link". */
    public static boolean isFifo(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return (mode & S_IFMT) == S_IFIFO;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No "unix" attribute view: "other" also covers sockets and devices, the closest we can tell.
            return Files.readAttributes(path, BasicFileAttributes.class).isOther();
        }
    }

    private static void requireFifo(Path path, String command) throws UsageException, IOException {
        if (!Files.exists(path)) {
            throw error(command, path + " is a symbolic link to nothing");
        }
        if (!isFifo(path)) {
            throw error(command, path + " exists and is not a named pipe");
        }
    }

    /**
     * Opens the read end; BLOCKS until a writer opens the FIFO (unless one has it open already).
     * FileChannel.open without CREATE: if the FIFO vanished meanwhile, this fails rather than
     * quietly creating a regular file.
     */
    public static InputStream openForReading(Path path, String command) throws UsageException, IOException {
        return Channels.newInputStream(open(path, StandardOpenOption.READ, "reading", command));
    }

    /**
     * Opens the write end; BLOCKS until a reader opens the FIFO. The stream is unbuffered: each
     * {@code write(byte[])} is one write system call, which {@link PipeMessage} relies on.
     */
    public static OutputStream openForWriting(Path path, String command) throws UsageException, IOException {
        return Channels.newOutputStream(open(path, StandardOpenOption.WRITE, "writing", command));
    }

    private static FileChannel open(Path path, StandardOpenOption mode, String what, String command)
            throws UsageException, IOException {
        try {
            return FileChannel.open(path, mode);
        } catch (AccessDeniedException e) {
            throw error(command, "no permission to open " + path + " for " + what);
        } catch (NoSuchFileException e) {
            throw error(command, path + " was removed before it could be opened for " + what);
        }
    }

    static UsageException error(String command, String message) {
        return new UsageException("clusterlab " + command + ": " + message);
    }
}
