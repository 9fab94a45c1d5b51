package clusterlab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GridLayoutTest {
    @Test
    void theArticlesLabOf240IsTwelveRowsOfTwenty() {
        assertEquals(new GridLayout(12, 20), GridLayout.forNodes(240));
    }

    @Test
    void aSmallClusterIsOneRow() {
        assertEquals(new GridLayout(1, 3), GridLayout.forNodes(3));
        assertEquals(new GridLayout(1, 1), GridLayout.forNodes(1));
        assertEquals(new GridLayout(1, 20), GridLayout.forNodes(20));
        assertEquals(new GridLayout(2, 20), GridLayout.forNodes(21));
    }

    @Test
    void noNodesIsAnEmptyGrid() {
        GridLayout empty = GridLayout.forNodes(0);
        assertEquals(new GridLayout(0, 0), empty);
        assertTrue(empty.isEmpty());
    }

    @Test
    void beyondTheLabTheGridGrowsBothWaysAndHoldsEveryNode() {
        assertEquals(new GridLayout(25, 42), GridLayout.forNodes(1024));
        for (int n = 1; n <= 2000; n++) {
            GridLayout g = GridLayout.forNodes(n);
            assertTrue(g.rows() * g.cols() >= n, n + " nodes fit " + g);
            assertTrue(g.rows() * g.cols() - n < g.cols(), n + " nodes leave no empty row in " + g);
            assertTrue(g.rows() <= g.cols(), n + " nodes: never taller than wide, " + g);
        }
    }

    @Test
    void nodesFillTheGridRowByRow() {
        GridLayout g = GridLayout.forNodes(240);
        assertEquals(0, g.row(19));
        assertEquals(19, g.col(19));
        assertEquals(1, g.row(20));
        assertEquals(0, g.col(20));
        assertEquals(11, g.row(239));
    }

    @Test
    void aNegativeCountIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> GridLayout.forNodes(-1));
    }
}
