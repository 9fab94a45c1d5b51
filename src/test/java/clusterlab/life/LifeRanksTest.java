package clusterlab.life;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterlab.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The distributed Game of Life, in real rank processes: the same board whatever the number of ranks. */
@Timeout(300)
class LifeRanksTest {
    private static final int ROWS = 37;
    private static final int COLS = 29;
    private static final int GENERATIONS = 60;

    private static String expected(Edges edges) {
        Grid board = Soup.random(ROWS, COLS, edges, 11, 0.35).after(GENERATIONS);
        return "[rank 0] generation " + GENERATIONS + ", population " + board.population() + ", fingerprint " + board.fingerprint();
    }

    @Test
    void theBoardIsBitIdenticalOnOneTwoThreeAndFiveRanks() {
        for (Edges edges : Edges.values()) {
            for (int ranks : new int[] {1, 2, 3, 5}) {
                CommandLine cli = new CommandLine();
                int status = cli.run("mpirun", "-np", String.valueOf(ranks), "--timeout", "60s", "life", "--soup", "11",
                        "--density", "0.35", "--rows", String.valueOf(ROWS), "--cols", String.valueOf(COLS),
                        "--generations", String.valueOf(GENERATIONS), "--edges", edges.label());
                assertEquals(0, status, cli.err());
                String suffix = " (" + ranks + (ranks == 1 ? " rank)" : " ranks)");
                assertEquals(expected(edges) + suffix + "\n", cli.out(), edges + " on " + ranks + " ranks");
            }
        }
    }

    @Test
    void moreRanksThanRowsIsAClearError() {
        CommandLine cli = new CommandLine();
        int status = cli.run("mpirun", "-np", "3", "--timeout", "60s", "life", "--rows", "2", "--cols", "40", "--soup", "1");
        assertEquals(1, status, cli.err());
        assertTrue(cli.err().contains("a grid of 2 rows cannot be split into 3 strips (use fewer ranks or more --rows)"), cli.err());
    }
}
