package lesson10;

/** (b) The last {@code capacity} readings, in fixed memory. */
public final class Ring {
    private final double[] values;
    private int next;   // where the next reading goes
    private int size;

    public Ring(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        values = new double[capacity];
    }

    public void add(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    public int size() {
        return size;
    }

    public double get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a ring holding " + size);
        }
        int oldest = (next - size + values.length) % values.length;
        return values[(oldest + index) % values.length];
    }
}
