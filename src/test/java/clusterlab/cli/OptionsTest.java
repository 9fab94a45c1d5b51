package clusterlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static Options options() {
        return new Options("try", "A command for the tests.")
                .value("port", "N", "20000", "port")
                .value("timeout", "DURATION", "30s", "timeout")
                .value("max-frame", "SIZE", "16MiB", "limit")
                .value("name", "TEXT", null, "no default")
                .flag("verbose", "talk more")
                .operands("[WORD...]", 2, "words");
    }

    @Test
    void readsValuesInBothSpellingsFlagsAndOperands() throws Exception {
        Args a = options().parse("--port", "4040", "one", "--timeout=500ms", "--verbose", "two");
        assertEquals(4040, a.integer("port", 1, 65535));
        assertEquals(Duration.ofMillis(500), a.duration("timeout"));
        assertTrue(a.flag("verbose"));
        assertEquals(List.of("one", "two"), a.operands());
    }

    @Test
    void fillsDefaultsAndLeavesOthersUnset() throws Exception {
        Args a = options().parse();
        assertEquals(20000, a.integer("port", 1, 65535));
        assertEquals(16 << 20, a.bytes("max-frame", 0, Integer.MAX_VALUE));
        assertEquals(Duration.ofSeconds(30), a.duration("timeout"));
        assertNull(a.string("name"));
        assertFalse(a.flag("verbose"));
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        Args a = options().parse("--", "--port", "x");
        assertEquals(List.of("--port", "x"), a.operands());
    }

    @Test
    void helpReturnsNull() throws Exception {
        assertNull(options().parse("--port", "1", "--help"));
        assertNull(options().parse("-h"));
    }

    @Test
    void unknownOptionIsNamedWithASuggestion() {
        UsageException e = assertThrows(UsageException.class, () -> options().parse("--prot", "1"));
        assertEquals("clusterlab try: unknown option --prot; did you mean --port? (see clusterlab try --help)",
                e.getMessage());
    }

    @Test
    void missingValueBadNumberAndBadDurationAreRefused() throws Exception {
        assertTrue(assertThrows(UsageException.class, () -> options().parse("--port"))
                .getMessage().contains("option --port needs a value N"));
        Args bad = options().parse("--port", "twenty", "--timeout", "soon", "--max-frame", "lots");
        assertTrue(assertThrows(UsageException.class, () -> bad.integer("port", 1, 65535))
                .getMessage().contains("--port must be a whole number, not 'twenty'"));
        assertTrue(assertThrows(UsageException.class, () -> bad.duration("timeout"))
                .getMessage().contains("--timeout must be a duration"));
        assertTrue(assertThrows(UsageException.class, () -> bad.bytes("max-frame", 0, 100))
                .getMessage().contains("--max-frame must be a size"));
    }

    @Test
    void numbersOutOfRangeAreRefused() throws Exception {
        Args a = options().parse("--port", "70000");
        assertTrue(assertThrows(UsageException.class, () -> a.integer("port", 1, 65535))
                .getMessage().contains("from 1 to 65535, not '70000'"));
    }

    @Test
    void flagsTakeNoValueAndOperandsAreCounted() {
        assertThrows(UsageException.class, () -> options().parse("--verbose=yes"));
        assertTrue(assertThrows(UsageException.class, () -> options().parse("a", "b", "c"))
                .getMessage().contains("too many arguments (at most 2)"));
        assertThrows(UsageException.class, () -> options().parse("-p"));
    }

    @Test
    void sizesAndDurationsUnderstandTheirUnits() throws Exception {
        Args a = options().parse("--max-frame", "64KiB", "--timeout", "2m");
        assertEquals(65536, a.bytes("max-frame", 0, Integer.MAX_VALUE));
        assertEquals(Duration.ofMinutes(2), a.duration("timeout"));
        assertEquals(4096, options().parse("--max-frame", "4096").bytes("max-frame", 0, Integer.MAX_VALUE));
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String help = options().help();
        assertTrue(help.startsWith("usage: clusterlab try [options] [WORD...]"));
        assertTrue(help.contains("--port N"));
        assertTrue(help.contains("(default 20000)"));
        assertTrue(help.contains("--verbose"));
    }
}
