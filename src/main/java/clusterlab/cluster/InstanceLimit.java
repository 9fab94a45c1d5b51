package clusterlab.cluster;

import clusterlab.cli.Args;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * At most N instances of one command on a host: article E's worker refuses to start twice, and its
 * prime finder runs at most three per Pi, keeping a core for the system. Each instance holds a lock
 * on one of N files (~/.clusterlab/locks/COMMAND-1.lock ... -N.lock). The operating system
 * releases a lock when its process ends, however it ends, so a crash never leaves a stale lock
 * behind, as a pid file can.
 */
public final class InstanceLimit {
    private static final String OPTION = "max-instances";

    private InstanceLimit() {
    }

    /** Adds --max-instances to a long-running command's options. */
    public static Options declare(Options options) {
        return options.value(OPTION, "N", "0", "refuse to start if N instances of this command already run on this host (0: no limit)");
    }

    /**
     * Takes a free instance slot for this process, or refuses with a usage error when all N are
     * taken. The slot is held until the process exits. Does nothing when the limit is 0.
     */
    public static void hold(Args args, String command) throws UsageException, IOException {
        int max = args.integer(OPTION, 0, 1000);
        if (max > 0 && acquire(lockDirectory(), command, max) == 0) {
            throw new UsageException("clusterlab " + command + ": " + max + (max == 1 ? " instance" : " instances")
                    + " already run on this host (--max-instances " + max + "); stop one first");
        }
    }

    /** The slot taken (1 to max), or 0 when every slot is held by another process. */
    static int acquire(Path directory, String command, int max) throws IOException {
        Files.createDirectories(directory);
        for (int slot = 1; slot <= max; slot++) {
            Path file = directory.resolve(command + "-" + slot + ".lock");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this very process holds it already
            }
            if (lock == null) {
                channel.close();
                continue;
            }
            // The channel stays open, and so locked, until the process exits.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            return slot;
        }
        return 0;
    }

    /** $CLUSTERLAB_LOCKS if set, else ~/.clusterlab/locks. */
    static Path lockDirectory() {
        String set = System.getenv("CLUSTERLAB_LOCKS");
        return set != null ? Path.of(set) : Path.of(System.getProperty("user.home"), ".clusterlab", "locks");
    }
}
