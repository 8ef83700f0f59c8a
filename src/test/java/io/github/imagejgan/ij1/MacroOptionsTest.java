package io.github.imagejgan.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.task.UserException;

class MacroOptionsTest {

    @Test
    void numbersParseOrSayWhatTheOptionTakes() {
        MacroOptions options = new MacroOptions("steps=40 rate=0.001 tile=big scale=[two]");
        assertEquals(40, options.integer("steps", 0));
        assertEquals(0.001, options.number("rate", 0));
        assertEquals(3, options.integer("batch", 3));
        assertEquals(0.25, options.number("fraction", 0.25));
        assertEquals("Macro option tile=big is not a whole number.", assertThrows(UserException.class,
                () -> options.integer("tile", 0)).getMessage());
        assertEquals("Macro option scale=two is not a number.", assertThrows(UserException.class,
                () -> options.number("scale", 0)).getMessage());
    }
}
