package clusterlab.primes;

import java.io.IOException;
import java.nio.ByteBuffer;

/** An output file that passes every call on to a real one; a test overrides the call it makes go wrong. */
class ForwardingOutputFile implements OutputFile {
    private final OutputFile real;

    ForwardingOutputFile(OutputFile real) {
        this.real = real;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public void truncate(long size) throws IOException {
        real.truncate(size);
    }

    @Override
    public void append(ByteBuffer bytes) throws IOException {
        real.append(bytes);
    }

    @Override
    public void force() throws IOException {
        real.force();
    }

    @Override
    public void close() throws IOException {
        real.close();
    }
}
