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
}
