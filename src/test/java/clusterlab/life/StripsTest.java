package clusterlab.life;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StripsTest {
    @Test
    void splitGivesSizesDifferingByAtMostOneRow() {
        assertEquals(List.of(new RowRange(0, 4), new RowRange(4, 7), new RowRange(7, 10)), Strips.split(10, 3));
        for (int rows = 1; rows <= 40; rows++) {
            for (int parts = 1; parts <= rows; parts++) {
                List<RowRange> ranges = Strips.split(rows, parts);
                assertEquals(parts, ranges.size());
                assertEquals(0, ranges.get(0).first());
                assertEquals(rows, ranges.get(parts - 1).end());
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int i = 0; i < parts; i++) {
                    if (i > 0) {
                        assertEquals(ranges.get(i - 1).end(), ranges.get(i).first(), "no gaps, no overlaps");
                    }
                    min = Math.min(min, ranges.get(i).count());
                    max = Math.max(max, ranges.get(i).count());
                }
                assertTrue(max - min <= 1, rows + " rows into " + parts + ": " + ranges);
            }
        }
    }

    @Test
    void moreStripsThanRowsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strips.split(5, 8));
        assertEquals("a grid of 5 rows cannot be split into 8 strips", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Strips.split(5, 0));
    }

    /** The whole point: N strips exchanging halos give the board one Grid gives, bit for bit. */
    @ParameterizedTest
    @EnumSource(Edges.class)
    void stripsGiveExactlyTheBoardGridGives(Edges edges) {
        int[][] sizes = {{23, 17}, {31, 29}, {11, 40}};
        for (int[] size : sizes) {
            Grid start = Soup.random(size[0], size[1], edges, size[0] * 1000L + size[1], 0.37);
            for (int parts : new int[] {1, 2, 3, 5}) {
                Grid whole = start;
                StripBoard strips = new StripBoard(start, parts);
                for (int g = 1; g <= 60; g++) {
                    whole = whole.step();
                    strips.step();
                    Grid joined = strips.board();
                    assertEquals(whole, joined, size[0] + "x" + size[1] + " " + edges.label() + ", " + parts
                            + " strips, generation " + g);
                    assertEquals(whole.fingerprint(), joined.fingerprint());
                }
                assertTrue(whole.population() > 0, "the soup should not have died out: the test would prove little");
            }
        }
    }

    @Test
    void aSingleStripOnATorusUsesItsOwnLastAndFirstRowsAsHalos() {
        Grid start = Soup.random(9, 12, Edges.TORUS, 5, 0.4);
        Strip strip = new Strip(start, new RowRange(0, 9));
        assertTrue(strip.hasNeighbourAbove() && strip.hasNeighbourBelow());
        strip.setHalos(strip.bottomRow(), strip.topRow());
        strip.step();
        assertEquals(start.step(), Strips.join(List.of(strip)));
    }

    @Test
    void onADeadEdgedBoardTheOuterHalosAreDead() {
        Grid start = Soup.random(10, 6, Edges.DEAD, 3, 0.5);
        List<Strip> strips = Strips.cut(start, 2);
        Strip top = strips.get(0);
        Strip bottom = strips.get(1);
        assertFalse(top.hasNeighbourAbove());
        assertTrue(top.hasNeighbourBelow());
        assertTrue(bottom.hasNeighbourAbove());
        assertFalse(bottom.hasNeighbourBelow());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> top.setHalos(new byte[] {1, 0, 0, 0, 0, 0}, bottom.topRow()));
        assertTrue(e.getMessage().contains("must be all dead"), e.getMessage());
        top.setHalos(null, bottom.topRow());
        bottom.setHalos(top.bottomRow(), new byte[6]);
        assertThrows(IllegalArgumentException.class, () -> bottom.setHalos(null, null), "it has a neighbour above");
    }

    @Test
    void topAndBottomRowsAreWhatTheNeighboursNeed() {
        Grid start = Soup.random(7, 5, Edges.TORUS, 11, 0.5);
        Strip strip = new Strip(start, new RowRange(2, 5));
        assertArrayEquals(start.row(2), strip.topRow());
        assertArrayEquals(start.row(4), strip.bottomRow());
        assertEquals(3, strip.rowCount());
    }

    @Test
    void aStripCannotStepTwiceOnTheSameHalos() {
        Strip strip = new Strip(Soup.random(6, 6, Edges.TORUS, 1, 0.5), new RowRange(0, 3));
        strip.setHalos(new byte[6], new byte[6]);
        strip.step();
        IllegalStateException e = assertThrows(IllegalStateException.class, strip::step);
        assertTrue(e.getMessage().contains("call setHalos first"), e.getMessage());
    }

    @Test
    void ownersSayWhichStripHasEachRow() {
        assertArrayEquals(new int[] {0, 0, 1, 1, 2}, Strips.owners(Strips.split(5, 3)));
    }
}
