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

    @Test
    void saysOnceWhenTheModelFirstBeatsTheBestGaussianBlur() {
        List<String> lines = new ArrayList<>();
        TrainingLog log = new TrainingLog(lines::add);
        log.validated(new ValidationResult(100, 24.0, 20.0, 25.5, null));
        log.validated(new ValidationResult(200, 26.0, 20.0, 25.5, null));
        log.validated(new ValidationResult(300, 27.0, 20.0, 25.5, null));
        log.validated(new ValidationResult(400, 30.0, 22.0, Double.NaN, null));
        assertEquals(List.of(
                "[imagej-gan] validation at step 100: 24.00 dB (inputs 20.00 dB, best Gaussian blur 25.50 dB)",
                "[imagej-gan] validation at step 200: 26.00 dB (inputs 20.00 dB, best Gaussian blur 25.50 dB)",
                "[imagej-gan] the model now beats the best Gaussian blur on the validation patches (+0.50 dB at step "
                        + "200)",
                "[imagej-gan] validation at step 300: 27.00 dB (inputs 20.00 dB, best Gaussian blur 25.50 dB)",
                "[imagej-gan] validation at step 400: 30.00 dB (inputs 22.00 dB)"), lines);
    }
}
