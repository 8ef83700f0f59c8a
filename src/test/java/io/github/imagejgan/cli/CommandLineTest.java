package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void aSwitchWithTrueOrFalseIsOnOrOffAndTheLastWordCounts() {
        CommandLine line = new CommandLine(List.of("--raw=true", "--no-gan=FALSE", "--resume", "--resume=false",
                "--steps=5", "in"), Set.of("raw", "no-gan", "resume"));
        assertTrue(line.flag("raw"));
        assertFalse(line.flag("no-gan"));
        assertFalse(line.flag("resume"));
        assertEquals(5, line.integer("steps", 0));
        assertEquals(List.of("in"), line.positional());
        line.rejectUnknown();
    }

    @Test
    void aSwitchWithAnyOtherValueIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> new CommandLine(List.of("--overwrite=yes"),
                Set.of("overwrite")));
        assertEquals("--overwrite is a switch: give it alone, or as --overwrite=true or --overwrite=false; got 'yes'.",
                e.getMessage());
    }

    @Test
    void numbersParseOrSayWhatTheOptionTakes() {
        CommandLine line = new CommandLine(List.of("--steps", "12", "--seed=-3", "--rate", "2.5e-4", "--patch=six",
                "--tile", "1.5", "--scale", "x"), Set.of());
        assertEquals(12, line.integer("steps", 0));
        assertEquals(-3L, line.longValue("seed", 0));
        assertEquals(2.5e-4, line.number("rate", 0));
        assertEquals(7, line.integer("batch", 7));
        assertEquals(9L, line.longValue("absent", 9));
        assertEquals(0.5, line.number("missing", 0.5));
        assertEquals("--patch takes a whole number, got 'six'.", assertThrows(UsageException.class,
                () -> line.integer("patch", 0)).getMessage());
        assertEquals("--tile takes a whole number, got '1.5'.", assertThrows(UsageException.class,
                () -> line.longValue("tile", 0)).getMessage());
        assertEquals("--scale takes a number, got 'x'.", assertThrows(UsageException.class,
                () -> line.number("scale", 0)).getMessage());
    }
}
