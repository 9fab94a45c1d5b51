package clusterlab.primes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import javax.imageio.ImageIO;

/**
 * Saves the panel ({@link PanelPicture}) as a PNG at the end of the run, and, when given a period,
 * every period while it runs. Each picture is written beside the file and renamed over it, so an
 * image viewer watching the file never reads half of one. A failure is kept, not thrown, so the
 * run goes on; {@link #failure()} tells the command at the end.
 */
public final class SnapshotWriter implements ProgressView {
    private final Path file;
    private final long everyNanos;
    private long lastWritten = System.nanoTime();
    private IOException failure;

    /** @param every how often to save while running; null or zero for only at the end */
    public SnapshotWriter(Path file, Duration every) {
        this.file = file;
        this.everyNanos = every == null ? 0 : every.toNanos();
    }

    @Override
    public void update(PrimesModel.Snapshot snapshot) {
        if (everyNanos > 0 && failure == null && System.nanoTime() - lastWritten >= everyNanos) {
            write(snapshot);
        }
    }

    @Override
    public void finish(PrimesModel.Snapshot snapshot) {
        write(snapshot);
    }

    /** The first error writing the file, or null. */
    public IOException failure() {
        return failure;
    }

    private void write(PrimesModel.Snapshot snapshot) {
        lastWritten = System.nanoTime();
        try {
            save(PanelContent.of(snapshot), file);
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** Draws the panel and writes it to {@code file} as a PNG, replacing it whole. */
    public static void save(PanelContent content, Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                if (!ImageIO.write(PanelPicture.render(content), "png", out)) {
                    throw new IOException("this JDK has no PNG writer"); // every JDK has one; ImageIO only says so by returning false
                }
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The error that matters is the one below.
            }
            throw new IOException("cannot write the snapshot " + file + ": " + why(e), e);
        }
    }

    /** The reason, for the messages that give only a file name. */
    private static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
