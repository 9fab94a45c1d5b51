package clusterlab.mpi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The collective operations of a {@link Comm}, on binomial trees: each takes about log2(size)
 * steps instead of size - 1. Ranks are renumbered relative to the root ({@code me = (rank - root)
 * mod size}), so every tree hangs from relative rank 0. A rank's parent is itself minus its lowest
 * set bit; its children are itself plus each smaller power of two. Eight ranks:
 * <pre>
 *                 0                  bcast, scatter: step 1  0 -> 4
 *           /     |    \                             step 2  0 -> 2, 4 -> 6
 *          4      2     1                            step 3  0 -> 1, 2 -> 3, 4 -> 5, 6 -> 7
 *        /  \     |
 *       6    5    3                  reduce, gather: the same edges, upwards, in reverse order
 *       |
 *       7
 * </pre>
 * Gather is a reduce whose operation joins lists (a subtree of relative ranks [me, me + span)
 * gathers them in order); allgather and allreduce are a gather or reduce to rank 0 followed by a
 * bcast from it; barrier is an empty reduce then an empty bcast. All in 2 log2(size) steps at most.
 *
 * <p>Their messages use a tag no user message can have, and say which call they belong to and its
 * number in the sequence of this rank's collective calls, so a rank that called a different
 * collective than its partner is reported instead of mixing up data.
 */
final class Collectives {
    private final Comm comm;
    private int calls;

    Collectives(Comm comm) {
        this.comm = comm;
    }

    /** One collective call in progress: its messages carry the call and its number. */
    private final class Round {
        final Call call;
        final int seq;

        Round(Call call) {
            this.call = call;
            this.seq = ++calls;
        }

        void send(int relativeDest, int root, Object value) {
            int dest = (relativeDest + root) % comm.size();
            comm.sendCollective(dest, new Message(Payloads.kindOf(value), comm.rank(), Comm.COLLECTIVE_TAG, seq, call,
                    Payloads.encode(value)));
        }

        Object recv(int relativeSource, int root) {
            int source = (relativeSource + root) % comm.size();
            Message m = comm.recvCollective(source);
            if (m.call() != call) {
                throw new MpiException("rank " + source + " called " + m.call() + " while rank " + comm.rank()
                        + " called " + call + " (collective call #" + seq + " of each, " + comm.size() + " ranks)");
            }
            if (m.seq() != seq) {
                throw new MpiException("rank " + source + " is at its collective call #" + m.seq() + " (" + m.call()
                        + ") while rank " + comm.rank() + " is at #" + seq + " (" + call
                        + "): a rank skipped a collective call or made an extra one");
            }
            return Payloads.decode(m.kind(), m.data(), "from rank " + source + " in " + call);
        }
    }

    void barrier() {
        Round r = new Round(Call.BARRIER);
        reduce(r, new byte[0], (a, b) -> a, 0);
        bcast(r, new byte[0], 0);
    }

    Object bcast(Object value, int root) {
        return bcast(new Round(Call.BCAST), value, root);
    }

    Object scatter(List<?> values, int root) {
        Round r = new Round(Call.SCATTER);
        int size = comm.size();
        List<Object> block = null;
        if (comm.rank() == root) {
            if (values == null || values.size() != size) {
                throw new MpiException("rank " + root + " of " + size + ": scatter needs one value per rank, "
                        + size + " values, not " + (values == null ? "null" : values.size()));
            }
            block = new ArrayList<>(size); // in relative order: block.get(k) is for relative rank k
            for (int k = 0; k < size; k++) {
                block.add(values.get((k + root) % size));
            }
        }
        int me = relative(root);
        int span = span(me);
        if (me != 0) {
            block = castList(r.recv(me - span, root));
        }
        // Keep the first value; each child gets the values of its subtree: [me + half, me + 2 half).
        for (int half = span / 2; half > 0; half /= 2) {
            if (me + half < size) {
                r.send(me + half, root, new ArrayList<>(block.subList(half, Math.min(2 * half, block.size()))));
            }
        }
        return block.get(0);
    }

    List<Object> gather(Object value, int root) {
        return gather(new Round(Call.GATHER), value, root);
    }

    List<Object> allgather(Object value) {
        Round r = new Round(Call.ALLGATHER);
        return castList(bcast(r, gather(r, value, 0), 0));
    }

    Object reduce(Object value, BinaryOperator<Object> op, int root) {
        return reduce(new Round(Call.REDUCE), value, op, root);
    }

    Object allreduce(Object value, BinaryOperator<Object> op) {
        Round r = new Round(Call.ALLREDUCE);
        return bcast(r, reduce(r, value, op, 0), 0);
    }

    private Object bcast(Round r, Object value, int root) {
        int me = relative(root);
        int span = span(me);
        if (me != 0) {
            value = r.recv(me - span, root);
        }
        for (int half = span / 2; half > 0; half /= 2) {
            if (me + half < comm.size()) {
                r.send(me + half, root, value);
            }
        }
        return value;
    }

    /** The result at the root; null at the other ranks. */
    private Object reduce(Round r, Object value, BinaryOperator<Object> op, int root) {
        int me = relative(root);
        for (int bit = 1; bit < comm.size(); bit *= 2) {
            if ((me & bit) != 0) {
                r.send(me - bit, root, value);
                return null;
            }
            if (me + bit < comm.size()) {
                // value covers relative ranks [me, me + bit), the child's [me + bit, me + 2 bit)
                value = op.apply(value, r.recv(me + bit, root));
            }
        }
        return value;
    }

    private List<Object> gather(Round r, Object value, int root) {
        List<Object> mine = new ArrayList<>();
        mine.add(value);
        Object all = reduce(r, mine, (a, b) -> {
            List<Object> joined = castList(a);
            joined.addAll(castList(b));
            return joined;
        }, root);
        if (all == null) {
            return null;
        }
        List<Object> relativeOrder = castList(all);
        List<Object> inRankOrder = new ArrayList<>(relativeOrder);
        for (int k = 0; k < relativeOrder.size(); k++) {
            inRankOrder.set((k + root) % comm.size(), relativeOrder.get(k));
        }
        return inRankOrder;
    }

    private int relative(int root) {
        return (comm.rank() - root + comm.size()) % comm.size();
    }

    /**
     * How many relative ranks the subtree of {@code me} covers at most: its lowest set bit, the
     * distance to its parent; for the root, the power of two at or above size.
     */
    private int span(int me) {
        int span = 1;
        while (span < comm.size() && (me & span) == 0) {
            span *= 2;
        }
        return span;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object list) {
        return (List<Object>) list;
    }

    /** The list gather returns, as the element type the caller gave (it holds only values the ranks gave). */
    static <T extends Serializable> List<T> typed(List<Object> list) {
        @SuppressWarnings("unchecked")
        List<T> typed = (List<T>) (List<?>) list;
        return typed;
    }
}
