package io.github.imagejgan.train;

import java.nio.file.Path;

/** Receives what a training run does, e.g. to draw a loss chart and a preview or to log progress lines. */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Training begins (or resumes) after {@code firstStep - 1} completed steps. */
    default void started(long firstStep, long totalSteps) {
    }

    /** A step finished. */
    default void stepDone(long step, long totalSteps, StepLosses losses, double elapsedSeconds) {
    }

    /** The held-out patches were evaluated. */
    default void validated(ValidationResult result) {
    }

    /** A checkpoint was written; {@code kind} is "last" or "best". */
    default void checkpointSaved(Path file, String kind) {
    }
}
