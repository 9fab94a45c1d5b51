package clusterlab.life;

import java.util.List;

/**
 * A board run as strips inside one JVM: the halo exchange that ranks do over the network, done
 * here by plain method calls. It shows the strip logic is right before any networking is added,
 * and lets `clusterlab life --strips N` colour each strip's rows.
 */
public final class StripBoard {
    private final List<Strip> strips;
    private final List<RowRange> ranges;

    public StripBoard(Grid board, int parts) {
        this.strips = Strips.cut(board, parts);
        this.ranges = Strips.split(board.rows(), parts);
    }

    public List<RowRange> ranges() {
        return ranges;
    }

    /** One generation: every strip sends its edge rows to its neighbours, then every strip steps. */
    public void step() {
        int n = strips.size();
        // Collect every edge row first, as ranks would send them all before anyone steps.
        byte[][] tops = new byte[n][];
        byte[][] bottoms = new byte[n][];
        for (int i = 0; i < n; i++) {
            tops[i] = strips.get(i).topRow();
            bottoms[i] = strips.get(i).bottomRow();
        }
        for (int i = 0; i < n; i++) {
            Strip strip = strips.get(i);
            // On a torus the strip above strip 0 is the last one (itself when there is only one).
            byte[] above = strip.hasNeighbourAbove() ? bottoms[(i - 1 + n) % n] : null;
            byte[] below = strip.hasNeighbourBelow() ? tops[(i + 1) % n] : null;
            strip.setHalos(above, below);
        }
        for (Strip strip : strips) {
            strip.step();
        }
    }

    /** The whole board as it is now. */
    public Grid board() {
        return Strips.join(strips);
    }
}
