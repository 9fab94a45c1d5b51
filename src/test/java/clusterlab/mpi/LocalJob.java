package clusterlab.mpi;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs N ranks on threads of the test's JVM, connected over loopback TCP like real ranks. */
final class LocalJob {
    interface Body<T> {
        T run(Comm comm) throws Exception;
    }

    private LocalJob() {
    }

    /** Each rank's result, in rank order; a failure is rethrown, preferring one that is not a RankFailedException. Ranks close their Comm at the end. */
    static <T> List<T> run(int size, Body<T> body) throws Exception {
        return run(size, 10_000, body);
    }

    static <T> List<T> run(int size, long warnMillis, Body<T> body) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(size);
        try (Rendezvous rendezvous = Rendezvous.start(InetAddress.getLoopbackAddress(), size, 10_000)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int rank = 0; rank < size; rank++) {
                int r = rank;
                futures.add(threads.submit(() -> {
                    Comm comm = Comm.connect(r, size, rendezvous.address(), warnMillis);
                    try {
                        T result = body.run(comm);
                        comm.close();
                        return result;
                    } catch (Exception | Error e) {
                        comm.abort();
                        throw e;
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            ExecutionException cause = null;
            for (Future<T> f : futures) {
                try {
                    results.add(f.get(20, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    // A rank failing because another failed first is not the interesting failure.
                    if (cause == null || cause.getCause() instanceof RankFailedException) {
                        cause = e;
                    }
                }
            }
            if (cause != null) {
                throw cause;
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
