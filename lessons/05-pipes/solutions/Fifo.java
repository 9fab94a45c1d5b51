package lesson05;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Exercise (a), a reference answer. */
public final class Fifo {
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private Fifo() {
    }

    public static void make(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            if ((mode & S_IFMT) != S_IFIFO) {
                throw new IOException(path + " exists and is not a named pipe");
            }
            return; // a FIFO already: whoever came first made it
        }
        // "--": a path that starts with "-" is still a path, not an option.
        Process p = new ProcessBuilder("mkfifo", "--", path.toString()).redirectErrorStream(true).start();
        String said;
        try (InputStream in = p.getInputStream()) {
            said = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mkfifo " + path + " did not finish");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for mkfifo", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("cannot make the named pipe " + path + ": " + said);
        }
    }
}
