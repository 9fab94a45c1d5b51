package clusterlab.primes;

import clusterlab.primes.PrimeRange.Block;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides which block each worker gets next. The blocks are cut into shares: one share that every
 * worker draws from (dynamic load balancing, the default: a fast worker simply asks more often),
 * or with {@code --static N} N shares of consecutive blocks, one per worker, as the article's deploy
 * script splits the range once by the number of hosts. Under static sharing a worker keeps to its
 * share; when that is finished it takes over a share nobody holds (never claimed, or its worker
 * left), and otherwise waits, idle, as the article's workers do.
 *
 * <p>While paused no block is handed out: workers finish the block they have and wait (the head
 * sends them {"type":"wait"} now and then) until the scheduler resumes.
 *
 * <p>A block that comes back (its worker left or timed out during it, or sent a batch that failed
 * the checks) goes to the front of its share, to be handed out again before any new block. A block
 * that is already accepted is never handed out again.
 */
final class BlockScheduler {
    /** What {@link #next} returns when every block is on disk, or the run is stopping. */
    static final Block DONE = new Block(-1, 0, 0);

    private final PrimeRange range;
    private final long blockSize;
    private final long blockCount;
    private final OrderedOutput output;
    private final Share[] shares;
    private final Map<String, Integer> connections = new HashMap<>();
    private boolean stopped;
    private boolean paused;

    private static final class Share {
        long cursor;
        final long end;
        final ArrayDeque<Block> returned = new ArrayDeque<>();
        String owner;

        Share(long cursor, long end) {
            this.cursor = cursor;
            this.end = end;
        }
    }

    /**
     * @param firstBlock the first block not yet in the output (0, or the checkpoint's on a resume)
     * @param shareCount 1 for dynamic balancing, N for a static split into N shares
     */
    BlockScheduler(PrimeRange range, long blockSize, long firstBlock, int shareCount, OrderedOutput output) {
        this.range = range;
        this.blockSize = blockSize;
        this.blockCount = range.blockCount(blockSize);
        this.output = output;
        long per = (blockCount + shareCount - 1) / shareCount;
        this.shares = new Share[shareCount];
        for (int i = 0; i < shareCount; i++) {
            long start = Math.min(blockCount, i * per);
            long end = Math.min(blockCount, start + per);
            shares[i] = new Share(Math.max(start, Math.min(end, firstBlock)), end);
        }
    }

    boolean isStatic() {
        return shares.length > 1;
    }

    /**
     * The next block for {@code worker}; {@link #DONE} when there is no more work; or null when
     * none is free within {@code waitMillis} (paused, or all handed out but not all on disk yet: one
     * may come back, or the head may die before writing them, and a restarted head needs workers).
     */
    synchronized Block next(String worker, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (true) {
            if (stopped || output.writtenCount() >= blockCount) {
                return DONE;
            }
            Block block = paused ? null : take(worker);
            if (block != null) {
                return block;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
    }

    private Block take(String worker) {
        if (!isStatic()) {
            return takeFrom(shares[0]);
        }
        for (Share s : shares) {
            if (worker.equals(s.owner)) {
                Block b = takeFrom(s);
                if (b != null) {
                    return b;
                }
            }
        }
        for (Share s : shares) {
            if (s.owner == null) {
                Block b = takeFrom(s);
                if (b != null) {
                    s.owner = worker;
                    return b;
                }
            }
        }
        return null;
    }

    private Block takeFrom(Share s) {
        while (!s.returned.isEmpty()) {
            Block b = s.returned.pollFirst();
            if (!output.isAccepted(b.id())) {
                return b;
            }
        }
        while (s.cursor < s.end) {
            Block b = range.block(s.cursor++, blockSize);
            if (!output.isAccepted(b.id())) {
                return b;
            }
        }
        return null;
    }

    /** A block handed out that will not be answered: it goes back to the front of its share. */
    synchronized void giveBack(Block block) {
        if (!output.isAccepted(block.id())) {
            shareOf(block.id()).returned.addFirst(block);
        }
        notifyAll();
    }

    /** A block was accepted or written: workers waiting may now be done. */
    synchronized void changed() {
        notifyAll();
    }

    /** A connection of {@code worker} opened; returns how many it has now. */
    synchronized int connected(String worker) {
        return connections.merge(worker, 1, Integer::sum);
    }

    /**
     * A connection of {@code worker} ended; returns how many it has left. When none, its shares
     * are free for another worker to take over.
     */
    synchronized int disconnected(String worker) {
        int left = connections.merge(worker, -1, Integer::sum);
        if (left <= 0) {
            connections.remove(worker);
            for (Share s : shares) {
                if (worker.equals(s.owner)) {
                    s.owner = null;
                }
            }
            notifyAll();
        }
        return Math.max(0, left);
    }

    /** Stops or resumes handing out blocks; true if that changed anything. */
    synchronized boolean pause(boolean value) {
        boolean changed = paused != value;
        paused = value;
        notifyAll();
        return changed;
    }

    /** Ends the run early: every worker is told it is done. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    private Share shareOf(long id) {
        long per = (blockCount + shares.length - 1) / shares.length;
        return shares[(int) Math.min(shares.length - 1, id / per)];
    }
}
