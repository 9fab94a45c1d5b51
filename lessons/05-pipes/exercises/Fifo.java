package lesson05;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Exercise (a): make a named pipe. Java has no call for it: java.nio.file only makes what every
 * system has (files, directories, links), and mkfifo is POSIX. So run the system's command.
 */
public final class Fifo {
    private Fifo() {
    }

    /**
     * (a) Makes {@code path} a named pipe.
     * <ul>
     *   <li>Nothing there yet: run {@code mkfifo PATH} with a {@code ProcessBuilder}, wait for it,
     *       and when its exit status is not 0 throw an {@code IOException} with what it printed.</li>
     *   <li>Already a named pipe: nothing to do, no error.</li>
     *   <li>Something else there (a regular file, a directory): throw an {@code IOException} whose
     *       message is {@code PATH exists and is not a named pipe}, and leave the file alone.</li>
     * </ul>
     * Hint: {@code Files.getAttribute(path, "unix:mode")} is the st_mode of stat(2): an Integer
     * whose type bits, {@code mode & 0170000}, are {@code 0010000} for a FIFO.
     */
    public static void make(Path path) throws IOException {
        throw new UnsupportedOperationException("exercise: run mkfifo, or check what is already at the path");
    }
}
