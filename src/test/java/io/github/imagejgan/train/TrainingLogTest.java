package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrainingLogTest {

    @Test
    void saysWhichStepsItTrainsOrThatNothingIsLeft() {
        List<String> lines = new ArrayList<>();
        TrainingLog log = new TrainingLog(lines::add);
        log.started(1, 10);
        log.started(11, 10);
        assertEquals("[imagej-gan] Training steps 1 to 10", lines.get(0));
        assertTrue(lines.get(1).contains("already holds all 10 steps; nothing to train"), lines.get(1));
    }
}
