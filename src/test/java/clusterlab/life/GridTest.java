package clusterlab.life;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class GridTest {
    @Test
    void aBlinkerTurnsOnItsSideAndBack() {
        Grid horizontal = Grid.parse(Edges.DEAD, ".....", ".....", ".OOO.", ".....", ".....");
        Grid vertical = Grid.parse(Edges.DEAD, ".....", "..O..", "..O..", "..O..", ".....");
        assertEquals(vertical, horizontal.step());
        assertEquals(horizontal, horizontal.step().step());
        assertEquals(3, horizontal.step().population());
    }

    @Test
    void stepLeavesTheBoardItStartedFromUnchanged() {
        Grid blinker = Grid.parse(Edges.DEAD, "...", "OOO", "...");
        Grid copy = Grid.parse(Edges.DEAD, "...", "OOO", "...");
        blinker.step();
        assertEquals(copy, blinker);
    }

    @Test
    void onATorusABlinkerAcrossTheCornerStillBlinks() {
        // The three cells are the last, first and second column of row 0: neighbours only by wrapping.
        Grid across = Grid.parse(Edges.TORUS, "OO...O", "......", "......", "......", "......");
        Grid turned = Grid.parse(Edges.TORUS, "O.....", "O.....", "......", "......", "O.....");
        assertEquals(turned, across.step());
        assertEquals(across, across.step().step());
    }

    @Test
    void withDeadEdgesTheSameCellsDieAlone() {
        Grid across = Grid.parse(Edges.DEAD, "OO...O", "......", "......", "......", "......");
        assertEquals(0, across.step().population());
    }

    @Test
    void aBlockOnTheCornerOfATorusIsStill() {
        Grid corners = Grid.parse(Edges.TORUS, "O..O", "....", "....", "O..O");
        assertEquals(corners, corners.step());
        assertEquals(0, Grid.parse(Edges.DEAD, "O..O", "....", "....", "O..O").step().population());
    }

    @Test
    void afterIsStepRepeated() {
        Grid soup = Soup.random(37, 41, Edges.TORUS, 7, 0.35);
        Grid stepped = soup;
        for (int g = 0; g < 25; g++) {
            stepped = stepped.step();
        }
        assertEquals(stepped, soup.after(25));
        assertEquals(soup, soup.after(0));
    }

    @Test
    void theFingerprintIsSha256OfTheSizeAndThePackedCells() {
        // 1 x 3 board, cells O.O: header 00000001 00000003, then the bits 101 padded: 0xA0.
        Grid grid = Grid.parse(Edges.DEAD, "O.O");
        assertEquals(sha256Hex(new byte[] {0, 0, 0, 1, 0, 0, 0, 3, (byte) 0xA0}), grid.fingerprint());
        assertEquals(64, grid.fingerprint().length());
        assertNotEquals(grid.fingerprint(), Grid.parse(Edges.DEAD, "OO.").fingerprint());
        assertNotEquals(Grid.parse(Edges.DEAD, "O.", "..").fingerprint(), Grid.parse(Edges.DEAD, "O...").fingerprint(),
                "the size is part of the fingerprint");
    }

    @Test
    void equalBoardsHaveEqualHashCodesAndTheSameFingerprint() {
        Grid a = Soup.random(20, 30, Edges.DEAD, 99, 0.5);
        Grid b = Soup.random(20, 30, Edges.DEAD, 99, 0.5);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.fingerprint(), b.fingerprint());
        b.set(19, 29, !b.isAlive(19, 29));
        assertNotEquals(a, b);
        assertNotEquals(a.fingerprint(), b.fingerprint());
    }

    @Test
    void aSoupHasRoughlyTheDensityAskedFor() {
        int population = Soup.random(100, 100, Edges.TORUS, 1, 0.3).population();
        assertEquals(3000, population, 200);
        assertEquals(0, Soup.random(10, 10, Edges.TORUS, 1, 0).population());
        assertEquals(100, Soup.random(10, 10, Edges.TORUS, 1, 1).population());
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : java.security.MessageDigest.getInstance("SHA-256").digest(bytes)) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
