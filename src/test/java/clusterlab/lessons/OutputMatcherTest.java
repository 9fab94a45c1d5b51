package clusterlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputMatcherTest {
    @Test
    void exactLinesMatchAndDifferentLinesDoNot() {
        assertTrue(OutputMatcher.matches(List.of("a", "b"), List.of("a", "b  ", "")));
        assertFalse(OutputMatcher.matches(List.of("a", "b"), List.of("a", "c")));
        assertFalse(OutputMatcher.matches(List.of("a"), List.of("a", "b")), "extra output is a difference");
    }

    @Test
    void placeholdersStandForVaryingTextWithinALine() {
        assertTrue(OutputMatcher.matches(List.of("connected: /127.0.0.1:<port> (<thread>)"),
                List.of("connected: /127.0.0.1:41234 (worker-1)")));
        assertFalse(OutputMatcher.matches(List.of("pid <pid>"), List.of("pid ")), "a placeholder needs some text");
        assertTrue(OutputMatcher.matches(List.of("cost (x+1)*[2]"), List.of("cost (x+1)*[2]")), "regex characters are literal");
    }

    @Test
    void dotsStandForAnyNumberOfLines() {
        assertTrue(OutputMatcher.matches(List.of("first", "...", "last"), List.of("first", "last")));
        assertTrue(OutputMatcher.matches(List.of("first", "...", "last"), List.of("first", "x", "y", "last")));
        assertFalse(OutputMatcher.matches(List.of("first", "...", "last"), List.of("first", "x")));
    }

    @Test
    void startMatchAllowsMoreLinesToFollow() {
        assertEquals(1, OutputMatcher.matchesStart(List.of("listening on <where>"), List.of("listening on :1", "more")));
        assertEquals(-1, OutputMatcher.matchesStart(List.of("listening on <where>"), List.of("starting")));
        assertEquals(3, OutputMatcher.matchesStart(List.of("a", "...", "b"), List.of("a", "x", "b", "c")));
    }
}
