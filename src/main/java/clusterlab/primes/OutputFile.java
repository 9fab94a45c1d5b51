package clusterlab.primes;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file the primes go to, as the ordered writer uses it: append, force to disk, and on a resume
 * cut back to what the checkpoint vouches for. An interface so that a test can put a full disk
 * behind it.
 */
interface OutputFile extends Closeable {
    long size() throws IOException;

    /** Cuts the file to {@code size} bytes and appends from there. */
    void truncate(long size) throws IOException;

    /** Appends every remaining byte of {@code bytes}. */
    void append(ByteBuffer bytes) throws IOException;

    /** Returns once what was appended is on the disk. */
    void force() throws IOException;

    /** The file at {@code path}, created if missing, appended to at its end. */
    static OutputFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(channel.size());
        return new OutputFile() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void truncate(long size) throws IOException {
                channel.truncate(size);
                channel.position(size);
            }

            @Override
            public void append(ByteBuffer bytes) throws IOException {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }

            @Override
            public void force() throws IOException {
                channel.force(false);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
