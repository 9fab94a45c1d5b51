package clusterlab.life;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Facts about famous patterns that any correct Life program must reproduce. */
class KnownPatternsTest {
    @Test
    void aGliderMovesOneCellDiagonallyEveryFourGenerations() {
        Pattern glider = BuiltinPatterns.get("glider");
        for (Edges edges : Edges.values()) {
            Grid board = new Grid(20, 20, edges);
            glider.placeAt(board, 2, 3);
            for (int k = 1; k <= 10; k++) {
                Grid moved = new Grid(20, 20, edges);
                glider.placeAt(moved, 2 + k, 3 + k);
                assertEquals(moved, board.after(4 * k), "after " + 4 * k + " generations");
                assertNotEquals(moved, board.after(4 * k - 1), "not yet after " + (4 * k - 1));
            }
        }
    }

    @Test
    void onATorusAGliderComesBackWhereItStarted() {
        Grid board = BuiltinPatterns.get("glider").centredIn(8, 8, Edges.TORUS);
        assertEquals(board, board.after(4 * 8), "8 diagonal moves cross an 8x8 torus");
    }

    /**
     * The R-pentomino settles at generation 1103 with 116 cells, 6 of them gliders flying away.
     * 560 x 550 is big enough that nothing comes within a cell of the dead edges up to
     * generation 1150, which the test checks: then nothing could have been born outside the board,
     * so it has behaved exactly as on an unbounded plane. (300 x 300 is not: a glider reaches the
     * edge at generation 645 and the final population comes out as 111.)
     */
    @Test
    void theRPentominoSettlesAtGeneration1103With116Cells() {
        Grid board = BuiltinPatterns.get("r-pentomino").centredIn(560, 550, Edges.DEAD);
        int centreRow = 280;
        int centreCol = 275;
        String[] ash = new String[1151];
        int[] population = new int[1151];
        for (int g = 0; g <= 1150; g++) {
            assertTrue(borderIsEmpty(board), "a cell reached the edge at generation " + g);
            population[g] = board.population();
            if (g >= 1100) {
                ash[g] = window(board, centreRow, centreCol, 80);
            }
            board = board.step();
        }
        assertEquals(118, population[1102]);
        for (int g = 1103; g <= 1150; g++) {
            assertEquals(116, population[g], "generation " + g);
        }
        // The debris near the centre has blinkers in it, so from 1103 it repeats every 2 generations
        // (the gliders have all left the window by then), and 1103 is the first generation that does.
        for (int g = 1105; g <= 1150; g++) {
            assertEquals(ash[g - 2], ash[g], "generation " + g);
        }
        assertNotEquals(ash[1102], ash[1104]);
        assertNotEquals(ash[1101], ash[1103]);
    }

    @Test
    void theGosperGunAddsAGliderEvery30Generations() {
        Grid board = BuiltinPatterns.get("gun").centredIn(200, 200, Edges.DEAD);
        int[] population = new int[271];
        for (int g = 0; g <= 270; g++) {
            assertTrue(borderIsEmpty(board), "a glider reached the edge at generation " + g);
            population[g] = board.population();
            board = board.step();
        }
        assertEquals(36, population[0]);
        for (int g = 0; g + 30 <= 270; g++) {
            assertEquals(5, population[g + 30] - population[g], "from generation " + g + " to " + (g + 30));
        }
    }

    private static boolean borderIsEmpty(Grid board) {
        int last = board.rows() - 1;
        for (int c = 0; c < board.cols(); c++) {
            if (board.isAlive(0, c) || board.isAlive(last, c)) {
                return false;
            }
        }
        for (int r = 0; r < board.rows(); r++) {
            if (board.isAlive(r, 0) || board.isAlive(r, board.cols() - 1)) {
                return false;
            }
        }
        return true;
    }

    private static String window(Grid board, int centreRow, int centreCol, int radius) {
        StringBuilder s = new StringBuilder();
        for (int r = centreRow - radius; r <= centreRow + radius; r++) {
            for (int c = centreCol - radius; c <= centreCol + radius; c++) {
                s.append(board.isAlive(r, c) ? 'O' : '.');
            }
            s.append('\n');
        }
        return s.toString();
    }
}
