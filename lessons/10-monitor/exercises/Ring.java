package lesson10;

/**
 * (b) A node's recent history in fixed memory: a ring buffer of the last {@code capacity}
 * readings. add() never allocates; when full, the oldest reading is overwritten. size() is how many
 * readings it holds (at most capacity); get(0) is the OLDEST held, get(size()-1) the newest, and
 * an index outside 0..size()-1 throws IndexOutOfBoundsException. The article's head kept every
 * reading in a growing list, and ran out of memory after some days: this cannot.
 */
public final class Ring {
    public Ring(int capacity) {
        // your code here
    }

    public void add(double value) {
        // your code here
    }

    public int size() {
        return 0; // your code here
    }

    public double get(int index) {
        return 0; // your code here
    }
}
